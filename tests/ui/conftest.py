"""Window tests: SQLite only, and no 保存 / 不保存 / 取消 question at teardown (tests/window_fixtures.py)."""

from tests.window_fixtures import _no_question_at_teardown, engine  # noqa: F401 - fixtures
