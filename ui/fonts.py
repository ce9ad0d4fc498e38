"""Screen fonts: make sure Chinese never shows as boxes, even on a bare machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
BUNDLED_SCREEN_FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
PREFERRED = ["Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
             "PingFang SC", "SimHei"]


def ensure_cjk_font(app) -> str:
    """Pick a CJK-capable family for the whole UI; load the bundled one if the system has none."""
    families = set(QFontDatabase.families())
    family = next((f for f in PREFERRED if f in families), None)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(BUNDLED_SCREEN_FONT))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = loaded[0] if loaded else None
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.5))
        app.setFont(font)
    return family or ""
