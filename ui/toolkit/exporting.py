"""The two questions around every export: where to save it (the archive's exports folder
under a Chinese name, branchdesk/export_names.py), and, once written, where it went —
with 「打开所在文件夹」 one click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from branchdesk import export_names

from ..text import tr


def suggested_path(archive, name: str) -> Path:
    """``name`` (with its extension) as a free file in ``archive``'s exports folder; the
    home folder when there is no archive or its folder cannot be written (read-only)."""
    name_path = Path(name)
    if archive is not None and not getattr(archive, "read_only", False):
        try:
            return export_names.default_path(archive.layout, name_path.stem, name_path.suffix)
        except OSError:
            pass
    return export_names.free_path(Path.home(), name_path.stem, name_path.suffix)


def ask_export_path(parent: QWidget, archive, title: str, name: str, filters: str) -> str | None:
    """The save dialog for an export, opening on :func:`suggested_path`; None when the
    user cancels. A name typed without an extension gets the suggested one (or, with
    several filters, the chosen filter's)."""
    suggested = suggested_path(archive, name)
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not path:
        return None
    if not Path(path).suffix:
        extensions = [part.strip("*) ") for part in chosen.split("(")[-1].split()] if chosen else []
        path += extensions[0] if extensions and extensions[0].startswith(".") else suggested.suffix
    return path


def open_folder(path: Path) -> bool:
    """Show the folder that holds ``path`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve().parent)))


def font_note(result=None, path: Path | str | None = None) -> str:
    """A line for the export message when standard fonts this machine lacks were stood in
    for (仿宋 drawn with a 宋体 …): those of ``result`` (a paper's RenderResult), else those
    the PDF at ``path`` records in its metadata; "" when none."""
    from branchdesk.papers import recorded_stand_ins, stand_in_message

    stand_ins = getattr(result, "stand_ins", None)
    if stand_ins is None and path is not None and Path(path).suffix.lower() == ".pdf":
        stand_ins = recorded_stand_ins(path)
    return "\n" + tr("exporting", "字体说明：") + stand_in_message(stand_ins) if stand_ins else ""


def tell_exported(parent: QWidget, title: str, text: str, path: Path, result=None) -> QMessageBox:
    """Say where the export went; 「打开所在文件夹」 opens its folder. The box does not
    block: the window goes on working behind it, with no 确定 to press first (it closes
    with 确定, ✕ or Esc whenever the user likes), and a newer notice replaces an older one.
    A PDF's stand-in fonts, if any, are named (:func:`font_note`, from ``result`` or the file)."""
    for older in parent.findChildren(QMessageBox, "export_done"):
        older.close()
    box = QMessageBox(parent)
    box.setObjectName("export_done")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text + font_note(result, path))
    show = box.addButton(tr("exporting", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
    show.setObjectName("open_folder")
    ok = box.addButton(tr("exporting", "确定"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)  # else QMessageBox refuses ✕ and Esc
    folder = Path(path)
    box.buttonClicked.connect(lambda clicked: open_folder(folder) if clicked is show else None)
    box.show()
    return box
