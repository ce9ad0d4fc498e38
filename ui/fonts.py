"""Screen fonts: make sure Chinese never shows as boxes, even on a bare machine, and that
every name the papers print (rare characters of CJK Extensions A–F such as 𠮷 and 䶮) also
shows on screen, through the same bundled fallback fonts the papers use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from branchdesk.resources import RESOURCES

BUNDLED_SCREEN_FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
# The papers' chain after the screen font (resources/fonts/README.md): UMing (most of
# Extension A), the subset with the rest of Extension A and symbols, then Extensions B–F.
FALLBACK_FONTS = (
    RESOURCES / "fonts" / "uming-cn.ttf",
    RESOURCES / "fonts" / "hanamin-fallback-a.ttf",
    RESOURCES / "fonts" / "HanaMinB.ttf",
)
PREFERRED = ["Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
             "PingFang SC", "SimHei"]


def _load(path: Path) -> list[str]:
    font_id = QFontDatabase.addApplicationFont(str(path))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def ensure_cjk_font(app) -> str:
    """Pick a CJK-capable family for the whole UI (the bundled one if the system has none),
    followed by the fallbacks for characters it lacks; a few milliseconds at start."""
    families = set(QFontDatabase.families())
    family = next((f for f in PREFERRED if f in families), None)
    if family is None:
        loaded = _load(BUNDLED_SCREEN_FONT)
        family = loaded[0] if loaded else None
    fallbacks = [name for path in FALLBACK_FONTS for name in _load(path)[:1]]
    if family:
        font = QFont()
        font.setFamilies([family, *fallbacks])
        font.setPointSizeF(max(app.font().pointSizeF(), 10.5))
        app.setFont(font)
    return family or ""
