"""The reportlab internals that branchdesk/papers patches or overrides
(papers/reportlab_fixes.py, papers/linebreak.py) are still there and still used the way
the patches assume. An upgrade of reportlab that renames or reroutes one of them fails
here, by name, instead of silently printing papers with wrong line breaks or a broken
ToUnicode map (pyproject.toml pins reportlab>=5,<6 for the same reason)."""

from __future__ import annotations

import inspect
import re

import reportlab
from reportlab.lib import textsplit
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph, paraparser

from branchdesk.papers import linebreak, reportlab_fixes
from branchdesk.papers.kinsoku import CANNOT_START


def _calls(module_or_function, name: str) -> int:
    """How often the source calls ``name(`` (not counting its own definition)."""
    source = inspect.getsource(module_or_function)
    return len(re.findall(rf"(?<!def )\b{re.escape(name)}\(", source))


def test_the_major_version_the_patches_were_written_for():
    assert int(reportlab.Version.split(".")[0]) == 5


def test_the_cannot_start_table_is_a_module_global_read_by_the_wrapping_code():
    assert isinstance(textsplit.ALL_CANNOT_START, str)
    assert isinstance(paragraph.ALL_CANNOT_START, str)
    # read at call time from each module's globals, so replacing the attribute takes effect
    assert re.search(r"\bnot in ALL_CANNOT_START\b", inspect.getsource(paragraph))
    assert re.search(r"\bin ALL_CANNOT_START\b", inspect.getsource(textsplit))


def test_the_to_unicode_map_maker_is_looked_up_where_subsets_are_written():
    assert list(inspect.signature(ttfonts.makeToUnicodeCMap).parameters) == ["fontname", "subset"]
    assert list(inspect.signature(reportlab_fixes.to_unicode_cmap).parameters) == ["fontname", "subset"]
    assert _calls(ttfonts, "makeToUnicodeCMap") >= 1


def test_install_puts_both_corrections_in_place():
    reportlab_fixes.install()
    assert ttfonts.makeToUnicodeCMap is reportlab_fixes.to_unicode_cmap
    assert paragraph.ALL_CANNOT_START == textsplit.ALL_CANNOT_START
    assert set(CANNOT_START) <= set(paragraph.ALL_CANNOT_START)


def test_the_paragraph_hooks_that_cjk_paragraph_overrides():
    overridden = {"breakLinesCJK", "_get_split_blParaFunc", "drawPara"}
    for name in overridden:
        assert callable(getattr(paragraph.Paragraph, name)), name
        assert name in vars(linebreak.CJKParagraph), name  # still an override, not a new method
    assert list(inspect.signature(paragraph.Paragraph.breakLinesCJK).parameters) == ["self", "maxWidths"]
    assert list(inspect.signature(paragraph.Paragraph.drawPara).parameters) == ["self", "debug"]
    # wrap() breaks CJK text through the method, split() asks for the split function and
    # marks the first part as already broken (``_splitpara`` + ``blPara``)
    assert "self.breakLinesCJK(" in inspect.getsource(paragraph.Paragraph.wrap)
    split = inspect.getsource(paragraph.Paragraph.split)
    assert "self._get_split_blParaFunc()" in split and "_splitpara" in split
    assert "blPara" in inspect.getsource(paragraph.Paragraph.wrap)


def test_the_line_records_and_fragments_the_line_breaker_builds():
    line = paragraph.FragLine(kind=1, extraSpace=0, wordCount=1, words=[], fontSize=12, ascent=10, descent=-2,
                              maxWidth=100, currentWidth=100, lineBreak=False)
    assert (line.kind, line.maxWidth, line.lineBreak) == (1, 100, False)
    lines = paragraph.ParaLines(kind=1, lines=[line])
    assert lines.lines == [line] and lines.kind == 1
    frag = paraparser.ParaFrag(text="字", fontName="Helvetica", fontSize=12)
    clone = frag.clone(text="党")
    assert (clone.text, clone.fontName, frag.text) == ("党", "Helvetica", "字")


def test_the_canvas_and_text_object_calls_drawing_uses():
    for name in ("setCharSpace", "setTextRenderMode", "setTextOrigin", "setFont", "textOut"):
        assert callable(getattr(textobject.PDFTextObject, name)), name
    for name in ("beginText", "drawText", "saveState", "restoreState", "setDash", "setLineCap", "setLineWidth",
                 "setFillColor", "setStrokeColor", "line"):
        assert callable(getattr(rl_canvas.Canvas, name)), name


def test_the_c_accelerator_is_installed_and_used():
    """rl-accel (a dependency) gives reportlab its C string widths and PDF escaping,
    about a sixth of the time of a long paper (bench/pdf_accel.py); reportlab picks it up
    by itself, and quietly falls back to Python when it is missing."""
    from reportlab.lib import rl_accel

    assert {"instanceStringWidthTTF", "escapePDF", "fp_str"} <= set(rl_accel._c_funcs)
    assert type(rl_accel.escapePDF).__name__ == "builtin_function_or_method"
