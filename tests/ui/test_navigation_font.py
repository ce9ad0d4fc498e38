"""查看 › 字号放大 reaches the page list on the left too (QA round 2: it stayed at 10.5 pt
while the rest of the window went to 14.7 pt)."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ui import font_size
from ui.main_window import MainWindow
from ui.toolkit.styles import NAV_ITEM_PADDING


def test_at_the_largest_font_the_navigation_follows_and_shows_every_page_name_whole(qtbot, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    nav = window.nav
    normal = nav.fontInfo().pixelSize()
    larger = next(a for a in window.findChildren(QAction) if a.shortcuts() and a.shortcuts()[0].toString() == "Ctrl+=")
    for _ in range(2):  # 查看 › 字号放大 twice: 大, then 特大
        larger.trigger()
    assert font_size.current_size() == "larger"
    assert nav.font().pointSizeF() == QApplication.font().pointSizeF()
    # so do the 首页's banners, which have style sheets of their own too
    assert window.pages["home"].notice.font().pointSizeF() == QApplication.font().pointSizeF()
    assert nav.fontInfo().pixelSize() > normal * 1.3
    metrics = nav.fontMetrics()
    seen = nav.viewport().rect()
    for row in range(nav.count()):
        item = nav.item(row)
        place = nav.visualItemRect(item)
        assert seen.contains(place), item.text()
        assert place.width() >= metrics.horizontalAdvance(item.text()) + 2 * NAV_ITEM_PADDING[1], item.text()
    window.font_size_actions["normal"].trigger()
    assert nav.fontInfo().pixelSize() == normal
