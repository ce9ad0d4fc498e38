"""Every name the papers print also shows on screen: the window's font chain ends in the
papers' bundled fallbacks, which hold the rare characters of Extensions A–F."""

from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QLabel

from ui.fonts import ensure_cjk_font

RARE = "䶮𠮷"  # Extension A, Extension B: in names, missing from the usual screen fonts


def test_rare_name_characters_have_a_font_on_screen(qtbot, qapp):
    ensure_cjk_font(qapp)
    chain = qapp.font().families()
    assert chain[0] and len(chain) >= 3
    covered = {ch: [f for f in chain if QRawFont.fromFont(QFont(f)).supportsCharacter(ord(ch))] for ch in RARE}
    assert all(covered.values()), covered
    label = QLabel(f"赵{RARE}")
    qtbot.addWidget(label)
    assert label.font().families() == chain  # widgets take the chain from the application
