"""The 党员 page shows the selected member's year — 党费 and 组织生活 month by month — and
the six-month warning naming them (党章 第三十八条)."""

from ui.main_window import MainWindow


def test_the_selected_members_year_and_warning(qtbot, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("members")
    view = page.year_view
    assert "选中一名党员" in view.title.text() and not view.warnings.isVisibleTo(page)
    stopped = next(w for w in demo_archive.dues.warnings() if w.kind == "dues")
    page.select_member(stopped.member_id)
    assert view.title.text().startswith(stopped.name)
    assert view.warnings.isVisibleTo(page) and "连续6个月无正当理由未交纳党费" in view.warnings.text()
    dues = [view.grid.item(0, column).text() for column in range(12)]
    assert dues[5:11] == ["未交"] * 6 and dues[4] not in ("未交", "")
    assert all(view.grid.item(1, column).text() for column in range(12))
    page.search.setText("没有这个人")
    page.apply_filters()
    assert "选中一名党员" in view.title.text() and view.grid.item(0, 0) is None
