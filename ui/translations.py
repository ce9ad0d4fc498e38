"""Qt's own texts in Chinese: the standard buttons of message boxes (确定, 是, 否, 取消 …),
the file and print dialogs and the right-click menu of every text field. They come from the
``qtbase_zh_CN.qm`` catalogue that ships with PySide6, loaded whatever the system's language,
because the whole interface is Chinese.

``qt_zh_CN.qm`` is only a list of other catalogues (qtbase, qtdeclarative, qtmultimedia …)
and fails to load when one of them is missing, as qtmultimedia is from PySide6-Essentials:
so ``qtbase`` is loaded by name. The frozen build gets the file from PyInstaller's PySide6
hook, which collects ``qt_*.qm`` and ``qtbase_*.qm`` for QtCore (packaging/branchdesk.spec).

The few Qt texts that catalogue lacks (labels Qt 6.12 changed) are in our own small catalogue,
``resources/translations/qtbase_extra_zh_CN.ts`` (compiled beside it as .qm, shipped with
``resources/``)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from branchdesk.resources import TRANSLATIONS

LANGUAGE = "zh_CN"
# Every widget BranchDesk uses (QtWidgets, QtGui, QtPrintSupport) is translated in qtbase.
CATALOGUES = ("qtbase",)
# Ours, for what the shipped catalogue misses.
EXTRA_CATALOGUE = "qtbase_extra"
EXTRA_FOLDER = TRANSLATIONS
# The files installed, kept on the application (a property, not a search of its children:
# wrapping every child in Python, its style among them, costs milliseconds at start).
_INSTALLED = "branchdesk_qt_translations"

log = logging.getLogger("branchdesk.ui")


def translation_folders() -> list[Path]:
    """Where Qt's .qm files may be: where Qt says, then beside the PySide6 package (the same
    folder in a normal install; a second chance in a frozen build whose Qt prefix is off)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations"]
    return list(dict.fromkeys(folders))


def install_qt_chinese(app: QCoreApplication) -> list[str]:
    """Install Qt's Chinese catalogues on ``app`` before any window is made; return the files
    now in use. Calling it again (a second start in one process, a test) adds nothing."""
    present = app.property(_INSTALLED)
    if present:
        return list(present)
    loaded = []
    wanted = [(catalogue, translation_folders()) for catalogue in CATALOGUES] + [(EXTRA_CATALOGUE, [EXTRA_FOLDER])]
    for catalogue, folders in wanted:
        translator = QTranslator()
        if any(translator.load(f"{catalogue}_{LANGUAGE}", str(folder)) for folder in folders):
            translator.setParent(app)  # owned by the application: lives as long as it
            app.installTranslator(translator)
            loaded.append(translator.filePath())
        else:
            log.warning("Qt translation %s_%s.qm not found in %s: some of Qt's own buttons and menus stay English",
                        catalogue, LANGUAGE, ", ".join(map(str, folders)))
    app.setProperty(_INSTALLED, loaded)
    return loaded
