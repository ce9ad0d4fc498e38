"""The window's export message names the standard fonts this PC lacks and what stood in
for them (issue 19 item 1), once, beside where the file went."""

from branchdesk.papers import fonts as paper_fonts
from tests.conftest import TODAY
from tests.domain.papers_support import bundled_fonts
from tests.helpers import export_notice
from ui.main_window import MainWindow
from ui.toolkit.exporting import font_note

WAIT_MS = 30000


def test_the_export_message_names_the_stand_in_fonts(qtbot, demo_archive, monkeypatch, tmp_path):
    monkeypatch.setattr(paper_fonts, "_default", bundled_fonts())  # a PC with none of the standard fonts
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("targets")
    target = tmp_path / "考核表.pdf"
    assert page.exports.inspection(demo_archive.targets.inspections.list(TODAY.year)[0].id, str(target))
    qtbot.waitUntil(lambda: export_notice(page) is not None, timeout=WAIT_MS)
    text = export_notice(page).text()
    assert str(target) in text
    assert text.count("字体说明：") == 1
    assert "本机没有小标宋字体，小标宋由加粗的AR PL UMing（随软件附带的宋体）代替" in text
    assert "装上方正小标宋简体字体后重新导出" in text


def test_no_note_when_every_role_had_its_font():
    assert font_note(None) == ""
    assert font_note(type("Result", (), {"stand_ins": {}})()) == ""
