"""What the dialog-by-dialog Chinese tests share (tests/ui/test_chinese_dialogs.py and
test_chinese_record_dialogs.py): cases that open a dialog as the app does and return what it
shows, the collecting of its texts, and one demo archive per module for cases that only look."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from branchdesk.archive import Archive
from tests.helpers import answer_modal, forget_unsaved_edits
from tests.ui.test_chinese_everywhere import HEX_ID, PATH, english_words, shown_texts
from ui.main_window import MainWindow

# A file the user picked, by its name: 「文件 roster.xls：共 3 行」.
USER_FILE = re.compile(r"[\w\-]+\.(?:xlsx|xls|csv|pdf|bdx|txt|zip|sqlite3)\b", re.IGNORECASE)


SHOTS = os.environ.get("BRANCHDESK_SHOTS")
_shot_numbers = itertools.count(1)


class Cases(dict):
    """name -> (the ui QDialog subclasses it opens as ``module.Class``, opener, allowed words).
    An opener takes the ``ctx`` fixture and returns the (where, text) pairs shown."""

    def case(self, name: str, covers: tuple[str, ...] = (), allowed: set[str] = frozenset()):
        def register(opener):
            self[name] = (covers, opener, frozenset(allowed))
            return opener
        return register

    def covered(self) -> set[str]:
        return {name for covers, _, _ in self.values() for name in covers}

    def check(self, ctx, name: str) -> None:
        """Open case ``name`` and fail on any English word it shows (the user's own
        folders, files and ids aside, and the case's allowed words)."""
        _, opener, allowed = self[name]
        try:
            texts = opener(ctx)
        finally:
            forget_unsaved_edits()
        assert texts
        english = {f"{where}: {text!r}": words for where, text in texts
                   if (words := [w for w in english_words(USER_FILE.sub("", HEX_ID.sub("", PATH.sub("", text))))
                                 if w not in allowed])}
        assert not english, "\n".join(f"{k} -> {v}" for k, v in english.items())


# -- collecting what a dialog shows -------------------------------------------------------

def dialog_texts(dialog: QWidget) -> list[tuple[str, str]]:
    """The shown texts of ``dialog`` plus its actions (right-click menus of Qt's dialogs)
    and the text of its read-only documents (the manual)."""
    if SHOTS:  # a folder: save a picture of every dialog the cases look at
        name = re.sub(r"[^\w\u4e00-\u9fff]+", "_", dialog.windowTitle() or type(dialog).__name__)
        dialog.grab().save(str(Path(SHOTS) / f"{next(_shot_numbers):03d}-{name}-{dialog.width()}x{dialog.height()}.png"))
    found = shown_texts(dialog)
    found += [(f"QAction({a.objectName()})", a.text()) for a in dialog.findChildren(QAction)
              if a.text() and a.isVisible()]
    found += [(f"{type(b).__name__}({b.objectName()})", b.toPlainText()) for b in dialog.findChildren(QTextBrowser)
              if b.isVisible()]
    return found


def shown(qtbot, dialog: QWidget) -> list[tuple[str, str]]:
    qtbot.addWidget(dialog)
    dialog.show()
    texts = dialog_texts(dialog)
    dialog.hide()
    return texts


def leave(dialog: QWidget) -> None:
    """Close a modal dialog as Esc would."""
    if isinstance(dialog, QMessageBox) and dialog.escapeButton() is not None:
        dialog.escapeButton().click()
    else:
        dialog.reject()


def modal_texts(trigger, kind=QWidget) -> list[tuple[str, str]]:
    """What the modal dialog of class ``kind`` that ``trigger()`` opens shows; closed as Esc."""
    seen: list = []

    def look(dialog):
        if not isinstance(dialog, kind):
            leave(dialog)
            answer_modal(look)
            return
        seen.extend(dialog_texts(dialog))
        leave(dialog)

    answer_modal(look)
    trigger()
    assert seen, f"no {kind.__name__} was shown"
    return seen


# -- the shared archives ------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(templates, tmp_path_factory):
    """One demo archive for the cases that only open dialogs (nothing is saved)."""
    data_dir, url = templates.copy(tmp_path_factory.mktemp("chinese") / "demo", "sqlite", "demo")
    archive = Archive.open(data_dir, url, auto_backup=False)
    yield archive
    archive.close(auto_backup=False)


@pytest.fixture
def dialog_context(qtbot, chinese_qt, demo, archive_factory, tmp_path):
    """What a case's opener gets as ``ctx``: qtbot, the module's demo archive, a tmp_path,
    archive_factory and ``window(archive=None)`` for a shown main window."""
    class Context:
        pass
    context = Context()
    context.qtbot, context.archive, context.tmp_path = qtbot, demo, tmp_path
    context.archive_factory = archive_factory

    def window(archive=None):
        made = MainWindow(archive or demo)
        qtbot.addWidget(made)
        made.show()
        return made
    context.window = window
    return context


def fresh_archive(ctx, kind: str = "empty"):
    data_dir, url = ctx.archive_factory("sqlite", kind)
    archive = Archive.open(data_dir, url, auto_backup=False)
    ctx.qtbot.addWidget(QWidget())  # keeps the order: windows close before the archive
    return archive


def first_id(archive, model, **where):
    with archive.bound():
        query = model.select(model.id).order_by(model.id)
        for field, value in where.items():
            query = query.where(getattr(model, field) == value)
        return query.scalar()


def a_pdf(folder: Path, pages: int = 2) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    path = folder / "预览.pdf"
    canvas = Canvas(str(path))
    for _ in range(pages):
        canvas.drawString(72, 720, "1")
        canvas.showPage()
    canvas.save()
    return path


