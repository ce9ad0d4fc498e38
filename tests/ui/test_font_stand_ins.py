"""The window's export message names the standard fonts this PC lacks and what stood in
for them (issue 19 item 1), once, beside where the file went."""

from branchdesk.papers import fonts as paper_fonts
from tests.conftest import TODAY
from tests.domain.papers_support import bundled_fonts
from tests.helpers import export_notice
from tests.ui.test_printing import save_dialog  # noqa: F401 - fixture
from ui.main_window import MainWindow
from ui.toolkit.exporting import font_note

WAIT_MS = 30000


def test_the_export_message_names_the_stand_in_fonts(qtbot, demo_archive, monkeypatch, tmp_path):
    monkeypatch.setattr(paper_fonts, "_default", bundled_fonts())  # a PC with none of the standard fonts
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("targets")
    target = tmp_path / "考核表.pdf"
    assert page.exports.inspection(demo_archive.targets.inspections.list(TODAY.year)[0].id, str(target))
    qtbot.waitUntil(lambda: export_notice(page) is not None, timeout=WAIT_MS)
    text = export_notice(page).text()
    assert str(target) in text
    assert text.count("字体说明：") == 1
    assert "本机没有小标宋字体，小标宋由加粗的AR PL UMing（随软件附带的宋体）代替" in text
    assert "装上方正小标宋简体字体后重新导出" in text


def test_no_note_when_every_role_had_its_font():
    assert font_note(None) == ""
    assert font_note(type("Result", (), {"stand_ins": {}})()) == ""


def test_a_meeting_paper_exported_from_its_editor_says_so_too(qtbot, demo_archive, monkeypatch, save_dialog):  # noqa: F811
    # The editor's message has no RenderResult to hand over: the note comes from the PDF's metadata.
    monkeypatch.setattr(paper_fonts, "_default", bundled_fonts())
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    meeting_id = demo_archive.meetings.query_ids(year=TODAY.year, kind="committee", descending=False)[0]
    editor = window.show_page("meetings").open_meeting(meeting_id)
    assert editor.papers.export_pdf("record", preset="gongwen")
    qtbot.waitUntil(lambda: export_notice(editor) is not None, timeout=WAIT_MS)
    text = export_notice(editor).text()
    assert str(save_dialog[-1]) in text and text.count("字体说明：") == 1
    assert "本机没有仿宋、小标宋字体，仿宋由AR PL UMing（随软件附带的宋体）代替" in text
