"""The first-run wizard (``dialog.FirstRunWizard``) and the set-up steps 设置 reopens."""

from .dialog import BRANCH, UPPER, FirstRunWizard

__all__ = ["BRANCH", "UPPER", "FirstRunWizard"]
