"""Translation helper: every visible string goes through Qt's translate with a context."""

from PySide6.QtCore import QCoreApplication


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
