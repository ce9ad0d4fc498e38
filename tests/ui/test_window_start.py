"""The window starts at once (issue 18): the 首页 paints its title and facts first and
brings its to-do list and the seal check on the turn after the first paint; a start
loads none of the PDF, spreadsheet or crypto libraries, nor the features the 首页's
first paint does not read."""

import json
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject

from tests.domain.safety_support import REPO, subprocess_env
from ui import app as app_module
from ui.main_window import MainWindow

HEAVY = ("reportlab", "openpyxl", "pikepdf", "cryptography", "fontTools", "PIL", "urllib.request")
# read by the to-do list and the seal check, after the first paint
LATER = ("branchdesk.todo", "branchdesk.meetings", "branchdesk.life", "branchdesk.targets", "branchdesk.dues",
         "branchdesk.recruit", "branchdesk.papers", "branchdesk.sealed_kinds", "ui.workers",
         "ui.toolkit.fitting_style")

# The program's own start (``branchdesk`` with the arguments given), then what it imported.
# With "--full" the window is not a screenshot: it starts as a user's does and closes once
# the 首页 has its to-dos and the seal check has answered.
PROBE = r"""
import json, sys
full = sys.argv.pop(1) == "--full"
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
print(json.dumps({"code": code, "seen": seen if full else {}, "modules": sorted(sys.modules)}))
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
