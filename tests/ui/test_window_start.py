"""The window starts at once (issue 18): the 首页 paints its title and facts first and
brings its to-do list and the seal check on the turn after the first paint; a start
loads none of the PDF, spreadsheet or crypto libraries, nor the features the 首页's
first paint does not read."""

import json
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from tests.domain.safety_support import REPO, subprocess_env
from ui import app as app_module
from ui import font_size
from ui.main_window import MainWindow
from ui.toolkit.fitting import ElidedLabel

HEAVY = ("reportlab", "openpyxl", "pikepdf", "cryptography", "fontTools", "PIL", "urllib.request")
# read by the to-do list and the seal check, after the first paint
LATER = ("branchdesk.todo", "branchdesk.meetings", "branchdesk.life", "branchdesk.targets", "branchdesk.dues",
         "branchdesk.recruit", "branchdesk.papers", "branchdesk.sealed_kinds", "ui.workers",
         "ui.toolkit.fitting_style")
# the dialogs and message boxes the first paint shows none of (F1, a power cut's drafts, the
# idle lock, an unsaved edit): their Qt classes are built when first opened
ON_DEMAND = ("ui.help_dialog", "ui.toolkit.draft_text", "ui.toolkit.dialog_drafts", "ui.toolkit.form_state",
             "ui.access")

# The program's own start (``branchdesk`` with the arguments given), then what it imported.
# With "--full" the window is not a screenshot: it starts as a user's does and closes once
# the 首页 has its to-dos and the seal check has answered.
PROBE = r"""
import enum, json, sys
full = sys.argv.pop(1) == "--full"
# the Python enum classes PySide6 makes, by name (Qt's namespace makes "Key", "AlignmentFlag" …)
enums_made = []
make_enum = enum.EnumType._create_
def recording(cls, class_name, *args, **kwargs):
    enums_made.append(class_name)
    return make_enum(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = recording
from branchdesk import cli
if full:
    from PySide6.QtCore import QTimer
    from ui import main_window
    finish = main_window.MainWindow.after_first_paint
    seen = {}
    def after_first_paint(window):
        from PySide6.QtWidgets import QApplication
        style = lambda: type(QApplication.instance().style()).__name__
        seen["rows_before"], seen["style_before"] = window.pages["home"].todo.rowCount(), style()
        finish(window)
        seen["rows_after"], seen["style_after"] = window.pages["home"].todo.rowCount(), style()
        def close_when_checked():
            if window.archive.seal_audit is None:
                QTimer.singleShot(20, close_when_checked)
            else:
                seen["seals_checked"] = window.archive.seal_audit.checked
                window.close()
        close_when_checked()
    main_window.MainWindow.after_first_paint = after_first_paint
code = cli.main(sys.argv[1:])
from PySide6.QtWidgets import QApplication
# the libraries in the process (Linux): the SVG icon engine is not one of them at the first paint
maps = open("/proc/self/maps").read() if sys.platform.startswith("linux") else ""
print(json.dumps({"code": code, "seen": seen if full else {}, "modules": sorted(sys.modules),
                  "icon": not QApplication.windowIcon().isNull(), "svg": "libQt6Svg" in maps,
                  "linux": bool(maps), "enums": enums_made}))
"""


def _start(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            env=subprocess_env(), cwd=REPO, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_paint_loads_no_heavy_library_nor_the_to_do_features(demo_dir, tmp_path):
    shot = tmp_path / "home.png"
    report = _start("--shot", "--data-dir", str(demo_dir), "--screenshot", str(shot))
    assert report["code"] == 0 and shot.stat().st_size > 10_000
    assert [name for name in report["modules"] if name.startswith(HEAVY)] == []
    assert [name for name in report["modules"] if name.startswith(LATER)] == []
    assert [name for name in report["modules"] if name.startswith(ON_DEMAND)] == []
    # the program's icon is there, drawn from its PNGs: Qt's SVG library is not loaded for it
    assert report["icon"] and not (report["linux"] and report["svg"])
    # nor are the Qt namespace's 94 enums built for it (ui/toolkit/by_name.py): 14 ms and 1.3 MiB
    assert {"Key", "AlignmentFlag", "WindowState"}.isdisjoint(report["enums"])


def test_a_screenshot_of_the_home_page_asked_for_by_name_has_its_to_dos(demo_dir, tmp_path):
    shot = tmp_path / "home.png"
    report = _start("--shot", "--data-dir", str(demo_dir), "--screenshot", str(shot), "--page", "home")
    assert report["code"] == 0 and "branchdesk.todo" in report["modules"]
    assert [name for name in report["modules"] if name.startswith(HEAVY)] == []


def test_a_users_start_brings_the_to_dos_and_the_seal_check_without_heavy_libraries(demo_dir):
    report = _start("--full", "--data-dir", str(demo_dir))
    assert report["code"] == 0
    assert report["seen"]["rows_before"] == 0 and report["seen"]["rows_after"] > 5
    # the combo-box cap is installed with the rest, before any other page can be opened
    assert report["seen"]["style_before"] != "FittingStyle" and report["seen"]["style_after"] == "FittingStyle"
    assert report["seen"]["seals_checked"] > 0
    assert [name for name in report["modules"] if name.startswith(HEAVY)] == []


class _Paints(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_the_home_page_fills_in_after_the_window_has_painted(qtbot, demo_archive):
    window = MainWindow(demo_archive, quick_start=True)
    qtbot.addWidget(window)
    home = window.pages["home"]
    # the first paint: the branch and its facts, the to-do list still coming
    assert "在册党员" in home.facts.text() and "正在整理待办事项" in home.todo_heading.text()
    assert home.todo.rowCount() == 0 and home.seal_check is None
    paints = _Paints()
    window.installEventFilter(paints)
    app_module._after_first_paint(window, at_the_latest_ms=60_000)
    window.show()
    qtbot.waitUntil(lambda: home.todo.rowCount() > 0, timeout=20_000)
    assert paints.count >= 1  # it waited for the paint, not for the one-minute fallback
    assert "待办事项" in home.todo_heading.text() and "正在整理" not in home.todo_heading.text()
    qtbot.waitUntil(lambda: demo_archive.seal_audit is not None, timeout=20_000)
    assert demo_archive.seal_audit.ok and home.integrity.isHidden()
    # the 首页 shown again later is a plain refresh: the seal check is not started twice
    job = home.seal_check
    window.show_page("home")
    window.after_first_paint()
    assert home.seal_check is job and home.todo.rowCount() > 0


def test_the_upper_levels_home_page_is_built_whole_at_the_start(qtbot, upper_archive):
    """Its 首页 has a refresh of its own (no to-do list): the quick start leaves it as it was."""
    window = MainWindow(upper_archive, quick_start=True)
    qtbot.addWidget(window)
    home = window.pages["home"]
    assert upper_archive.upper.organisation()["name"] in home.title.text()
    assert "已登记支部" in home.facts.text()
    assert home.todo_heading.isHidden() and home.todo.isHidden()
    window.after_first_paint()
    assert "已登记支部" in home.facts.text() and home.todo.isHidden()


def test_a_home_page_lists_every_table_it_has_for_the_font_size(qtbot, demo_archive, upper_archive):
    """``fit_tables`` takes the 首页's own list instead of searching it: a table added to the
    page and not to the list would keep the normal size's rows and columns at 大 and 特大."""
    for archive in (demo_archive, upper_archive):
        window = MainWindow(archive, quick_start=True)
        qtbot.addWidget(window)
        home = window.pages["home"]
        assert set(home.tables()) == set(home.findChildren(QTableView))


def test_a_cut_label_is_cut_again_for_a_larger_font(qtbot):
    """ElidedLabel re-cuts at its next paint after the font grows (the 查看 menu's 特大)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    label = ElidedLabel("/home/支部书记/文档/党支部工作台/档案库/二〇二五年/第三党支部/备份")
    window.setCentralWidget(label)
    window.resize(260, 80)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    normal = label.shown_text()
    assert label.is_elided() and normal.endswith("…")
    try:
        font_size.apply_font_size("larger", remember=False)
        # the new font reaches the label, which repaints
        qtbot.waitUntil(lambda: label.shown_text() != normal, timeout=5000)
        larger = label.shown_text()
        assert larger.endswith("…") and len(larger) < len(normal)
        assert label.toolTip() == label.text()
    finally:
        font_size.apply_font_size("normal", remember=False)
    qtbot.waitUntil(lambda: label.shown_text() == normal, timeout=5000)
