"""Chinese everywhere (issue 13): Qt's own texts - message-box buttons, the right-click menu of
text fields, the file dialog - come out Chinese after the app's translation set-up, and the
pages of the main window show no English word of their own."""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tests.conftest import TODAY
from tests.domain.upper_support import PASSWORD
from ui import app as app_module
from ui import translations
from ui.fonts import ensure_cjk_font
from ui.main_window import MainWindow

CJK = re.compile(r"[\u4e00-\u9fff]")
ACCELERATOR = re.compile(r"\(&[A-Za-z]\)|&(?=\S)")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
PATH = re.compile(r"(?:[A-Za-z]:)?[/\\][^\s<>，。：；（）]+")  # a folder or file of the user's
# A key's fingerprint (4EE7-ABF1-…) or a branch's id (a UUID), shown for checking: data, not words.
HEX_ID = re.compile(r"\b[0-9A-Fa-f]{4,}(?:-[0-9A-Fa-f]{4,}){3,}\b")
FILE_SUFFIX = re.compile(r"\*?\.[A-Za-z0-9]{2,7}\b")  # （.bdx）, *.pdf, *.sqlite3
# Names of file formats, units, keys, the app and its database, which Chinese text writes as
# they are; and "wk", what to type in a search box to find 王堃 by its pinyin initials.
ALLOWED_WORDS = {"PDF", "XLSX", "XLS", "CSV", "SHA", "USB", "Excel", "Ctrl", "Alt", "Shift", "PgUp", "PgDn",
                 "BranchDesk", "PostgreSQL", "wk"}


@pytest.fixture
def chinese_qt(qapp):
    """The app's own text set-up on the test application, as make_application does it: Qt's
    Chinese catalogues, and the screen font with the fallbacks for rare characters."""
    ensure_cjk_font(qapp)
    loaded = translations.install_qt_chinese(qapp)
    assert any(path.endswith("qtbase_zh_CN.qm") for path in loaded), loaded
    return qapp


def plain(text: str) -> str:
    """What a person reads: no accelerator marks, no shortcut after a tab, no HTML tags."""
    text = text.split("\t")[0]
    text = re.sub(r"<[^>]*>", " ", text) if "<" in text else text
    return ACCELERATOR.sub("", html.unescape(text))


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(FILE_SUFFIX.sub("", plain(text))) if w not in ALLOWED_WORDS]


def test_the_app_installs_the_translation_when_it_makes_its_application(qapp, monkeypatch):
    calls = []
    real = translations.install_qt_chinese
    monkeypatch.setattr(translations, "install_qt_chinese", lambda app: calls.append(app) or real(app))
    monkeypatch.setattr(app_module, "install_exception_hooks", lambda: None)  # pytest-qt owns the hook
    assert app_module.make_application() is qapp
    assert calls == [qapp]
    # A second set-up adds no second translator.
    assert translations.install_qt_chinese(qapp) == real(qapp)


def test_our_extra_catalogue_is_compiled_from_its_source(tmp_path):
    """resources/translations/*.qm is what pyside6-lrelease makes of the .ts beside it."""
    folder = Path(translations.EXTRA_FOLDER)
    source = folder / f"{translations.EXTRA_CATALOGUE}_{translations.LANGUAGE}.ts"
    built = tmp_path / "built.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent", str(source), "-qm", str(built)],
                   check=True)
    assert built.read_bytes() == source.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on the .ts"


STANDARD_BUTTONS = ["Ok", "Yes", "No", "Save", "Discard", "Cancel", "Close", "Apply"]


@pytest.mark.parametrize("name", STANDARD_BUTTONS)
def test_message_box_standard_buttons_are_chinese(qtbot, chinese_qt, name):
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "要保存修改吗？")
    qtbot.addWidget(box)
    text = box.addButton(getattr(QMessageBox.StandardButton, name)).text()
    assert CJK.search(text), f"{name}: {text!r}"
    assert not re.search(r"[A-Za-z]", plain(text)), f"{name}: {text!r}"


def test_message_box_with_many_buttons_shows_them_all_in_chinese(qtbot, chinese_qt):
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "未保存", "有未保存的修改。",
                      buttons.Yes | buttons.No | buttons.Cancel | buttons.Save | buttons.Discard)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert len(texts) == 5
    assert all(CJK.search(t) and not re.search(r"[A-Za-z]", plain(t)) for t in texts), texts


def popup_texts(widget: QWidget) -> list[str]:
    """The entries of the right-click menu ``widget`` opens for itself (as a mouse would)."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    texts = []

    def read():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read)
            return
        texts.extend(a.text() for a in menu.actions() if not a.isSeparator())
        menu.close()

    QTimer.singleShot(0, read)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                     widget.mapToGlobal(QPoint(5, 5))))
    return texts


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # the pop-up, offscreen
@pytest.mark.parametrize("field_class", [QSpinBox, QDoubleSpinBox])
def test_right_click_menu_of_number_fields_is_chinese(qtbot, chinese_qt, field_class):
    field = field_class()
    qtbot.addWidget(field)
    field.show()
    texts = popup_texts(field)
    assert len(texts) >= 8, texts  # the text field's entries, then step up and step down
    assert all(CJK.search(t) and not english_words(t) for t in texts), texts


@pytest.mark.parametrize("field_class", [QLineEdit, QPlainTextEdit, QTextEdit])
def test_right_click_menu_of_text_fields_is_chinese(qtbot, chinese_qt, field_class):
    field = field_class()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert len(texts) >= 6, texts  # undo, redo, cut, copy, paste, delete, select all
    for text in texts:
        assert CJK.search(text) and not english_words(text), f"{field_class.__name__}: {texts}"
    menu.deleteLater()


def test_file_dialog_is_chinese(qtbot, chinese_qt, tmp_path):
    dialog = QFileDialog(None, "选择数据包", str(tmp_path), "数据包 (*.zip)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [b.text() for b in dialog.findChildren(QPushButton)] + [label.text() for label in dialog.findChildren(QLabel)]
    texts += [w.toolTip() for w in dialog.findChildren(QWidget) if w.toolTip()]
    for header in dialog.findChildren(QHeaderView):
        model = header.model()
        texts += [str(model.headerData(i, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
                  for i in range(header.count())]
    texts = [t for t in texts if t]
    assert any("取消" in t for t in texts) and any("打开" in t for t in texts), texts
    found = {t: english_words(t) for t in texts if english_words(t)}
    assert not found, found
    dialog.close()


# -- the app's own pages ------------------------------------------------------------------

def shown_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible widget under ``widget``: texts, titles, tool tips,
    placeholders, tab and list entries and column headings."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue
        where = f"{type(child).__name__}({child.objectName()})"
        texts = [child.toolTip(), child.windowTitle() if child.isWindow() else ""]
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append(child.text())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, (QPlainTextEdit, QTextEdit)):
            texts.append(child.placeholderText())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())] + [child.tabToolTip(i) for i in range(child.count())]
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QHeaderView) and child.orientation() == Qt.Orientation.Horizontal and child.model():
            texts += [str(child.model().headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
                      for c in range(child.count()) if not child.isSectionHidden(c)]
        found += [(where, t) for t in texts if t]
    return found


def english_on_pages(window) -> dict[str, set[str]]:
    """English words on every page of ``window`` (every tab of a page's tab widgets)."""
    english = {}
    for key in window.page_keys:
        english.update(english_in_tabs(window, window.show_page(key), key))
    return english


def english_in_tabs(window, page: QWidget, where_shown: str) -> dict[str, set[str]]:
    """English words in ``window`` with each tab of ``page``'s shown tab widgets in turn."""
    english = {}
    tab_widgets = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
    for tab_widget, index in [(t, i) for t in tab_widgets for i in range(t.count())] or [(None, None)]:
        if tab_widget is not None:
            tab_widget.setCurrentIndex(index)
        for where, text in shown_texts(window):
            words = english_words(HEX_ID.sub("", PATH.sub("", text)))  # where the archive lives is the user's
            if words:
                english.setdefault(f"{where_shown}: {where}", set()).add(f"{text!r} -> {words}")
    return english


def test_every_page_of_the_main_window_speaks_chinese(qtbot, chinese_qt, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    english = english_on_pages(window)
    # the menus and the actions of the pages' buttons and right-click menus (shown or not)
    actions = [(a.objectName(), t) for a in window.findChildren(QAction) for t in (a.text(), a.toolTip()) if t]
    assert any("关于" in text for _, text in actions), actions
    english.update({f"action {name}": {text} for name, text in actions if english_words(text)})
    assert not english, "\n".join(f"{where}: {sorted(texts)}" for where, texts in sorted(english.items()))


def test_the_editors_speak_chinese(qtbot, chinese_qt, demo_archive):
    """A finalised and a planned meeting in the meeting editor, and an inspection, tab by tab."""
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    english = {}
    for state in ("planned", "final"):
        meeting_id = demo_archive.meetings.query_ids(year=TODAY.year, state=state)[0]
        editor = window.show_page("meetings").open_meeting(meeting_id)
        assert editor.isVisible() and editor.meeting_id == meeting_id
        english.update(english_in_tabs(window, editor, f"{state} meeting"))
    inspection = window.show_page("targets").open_inspection(demo_archive.targets.inspections.list(TODAY.year)[0].id)
    assert inspection.isVisible()
    english.update(english_in_tabs(window, inspection, "inspection"))
    assert not english, "\n".join(f"{where}: {sorted(texts)}" for where, texts in sorted(english.items()))


def test_every_page_of_the_upper_window_speaks_chinese(qtbot, chinese_qt, upper_archive, demo_branches):
    first, second = demo_branches
    upper = upper_archive.upper
    for branch in demo_branches:
        upper.enrol(branch.card, branch.fingerprint)
    upper.import_bundle(first.bundles[0])
    upper.import_bundle(second.bundles[0], password=PASSWORD)
    window = MainWindow(upper_archive)
    qtbot.addWidget(window)
    window.show()
    assert window.mode == "upper" and "intake" in window.page_keys
    english = english_on_pages(window)
    assert not english, "\n".join(f"{where}: {sorted(texts)}" for where, texts in sorted(english.items()))


# Tokens the app's own sources may write in Chinese text, each for a reason.
SOURCE_WORDS = {"init", "demo", "branchdesk", "todo",  # command lines: 「branchdesk init」
                "wangkun", "backups", "aside",  # the manual: a pinyin example, the archive's folders
                # the names of the bundled fonts and data and of their licences (关于)
                "AR", "PL", "Arphic", "Apache", "GPLv", "Hanazono", "Unicode", "Unihan", "pypinyin", "UMing", "UKai",
                "HanaMinA", "HanaMinB"}
# Calls whose literal text arguments a user reads (tr's first argument is its context).
SHOWN_CALLS = {"tr", "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip", "setTitle",
               "setLabelText", "setInformativeText", "setOkButtonText", "setCancelButtonText", "showMessage",
               "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMessageBox",
               "QProgressDialog", "addTab", "addButton", "addAction", "addMenu", "information", "warning", "question",
               "critical", "setHorizontalHeaderLabels"}


def source_texts(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every literal in ``path`` that a user may read: any string with Chinese
    in it (docstrings aside), and the literal arguments of the calls that show text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
             and CJK.search(node.value)]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        owner = getattr(getattr(node.func, "value", None), "id", "")
        if name in SHOWN_CALLS and owner not in ("log", "logging"):
            arguments = node.args[1:] if name == "tr" else node.args
            found += [(a.lineno, a.value) for a in arguments if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        elif name == "addItem" and node.args and isinstance(node.args[0], ast.Constant):  # (text, data)
            found.append((node.lineno, node.args[0].value))
    return found


def test_no_text_in_the_sources_of_the_window_is_english():
    """The texts of every message box, including those no other test opens: the whole of ui/."""
    ui_folder = Path(app_module.__file__).parent
    english = [f"{path.relative_to(ui_folder.parent)}:{line}: {text!r} -> {words}"
               for path in sorted(ui_folder.rglob("*.py")) for line, text in source_texts(path)
               if (words := [w for w in english_words(re.sub(r"\{\w*\}", "", text)) if w not in SOURCE_WORDS])]
    assert not english, "\n".join(english)
