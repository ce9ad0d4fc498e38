"""Fixtures of the window tests (tests/ui and tests/e2e), shared by their conftest files.

Windows and journeys never reach SQL specifics: they run on SQLite only (the domain and
storage tests cover both engines)."""

import pytest

from tests.helpers import forget_unsaved_edits


@pytest.fixture
def engine() -> str:
    return "sqlite"


@pytest.fixture(autouse=True)
def _no_question_at_teardown(request):
    """Set up after qtbot, so torn down before it closes the test's windows."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qtbot")
    _start_at_the_normal_font()
    yield
    forget_unsaved_edits()


def _start_at_the_normal_font() -> None:
    """The font size is remembered per computer (QSettings, one folder per test process) and
    applied to the whole application: a test that chose 大 must not make the next test's
    window wider. Every window test starts at 正常, with nothing remembered."""
    from PySide6.QtCore import QSettings

    from ui import font_size

    QSettings("BranchDesk", "BranchDesk").remove(font_size.SETTING)
    font_size.apply_font_size("normal", remember=False)
