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
    yield
    forget_unsaved_edits()
