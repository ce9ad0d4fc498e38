"""Windows and journeys never reach SQL specifics: they run on SQLite only (the domain
and storage tests cover both engines)."""

import pytest


@pytest.fixture
def engine() -> str:
    return "sqlite"
