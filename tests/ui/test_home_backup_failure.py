"""The home page of a later start says that an automatic backup failed (issue 12, item 10)."""

from branchdesk.archive import Archive
from tests.domain.safety_support import close_after_a_failed_backup
from ui.pages.home import HomePage


def test_home_page_shows_a_failure_from_the_previous_close(qtbot, archive, monkeypatch):
    data_dir, url = close_after_a_failed_backup(archive, monkeypatch)
    with Archive.open(data_dir, url, auto_backup=False) as later:
        home = HomePage(later)
        qtbot.addWidget(home)
        assert any("空间已满" in sentence for sentence in home.todo_sentences())
        assert "空间已满" in home.todo.item(0, 1).text()  # the most urgent: first
