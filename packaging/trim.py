"""What the frozen folder leaves out: Qt parts BranchDesk never loads.

The app uses QtCore, QtGui, QtWidgets, QtSvg (icons), QtPrintSupport and QtPdf
(the PDF preview); everything else PySide6 ships only makes the folder bigger
(issue 14: installed at most 200 MB). Read by packaging/branchdesk.spec."""

from __future__ import annotations

import re

# Python packages the app never imports (PyInstaller would follow optional imports into them).
EXCLUDED_MODULES = [
    "tkinter",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.Qt3DCore", "PySide6.QtMultimedia", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtDBus", "PySide6.QtXml",
    "pytest", "pytestqt", "_pytest", "xdist", "IPython", "numpy",
    # Pillow's AVIF and Tk parts (reportlab reads PNG and JPEG through Pillow) and the
    # interactive prompt's line editor: with them go libavif and the system's libreadline.
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk", "PIL.ImageTk", "PIL._imagingcms", "PIL.ImageCms",
    "readline", "pydoc_data", "unittest", "lib2to3", "ensurepip", "idlelib",
    # lxml (10 MB): pikepdf imports it only for its XMP editor, which branchdesk/papers/pdfa.py
    # does not use (it writes the XMP packet itself); openpyxl falls back to the standard library.
    "lxml",
    # Pillow's WebP support: no paper or attachment preview reads WebP (drops libwebp).
    "PIL._webp", "PIL.WebPImagePlugin",
]

# Qt plugin folders the app needs; every other plugin folder goes.
# (The widgets draw in software: no OpenGL integration; evdev "generic" input is for
# machines without a window system; the GTK platform theme would pull in GTK.)
_KEPT_PLUGIN_FOLDERS = {"platforms", "imageformats", "iconengines", "platforminputcontexts",
                        "printsupport", "styles", "tls"}
# Platform plugins: the X11 screen (Wayland desktops run it through XWayland; Qt's own
# Wayland plugin would also need its shell-integration plugins), offscreen for
# screenshots and CI, minimal for checks; Windows' own on Windows.
_KEPT_PLATFORMS = {"xcb", "offscreen", "minimal", "windows"}
# Image formats nobody hands a branch secretary. WebP too (0.5 MB): attachments are
# offered as PNG and JPEG, and Pillow's WebP is left out already (EXCLUDED_MODULES).
_DROPPED_IMAGE_FORMATS = {"icns", "tga", "wbmp", "tiff", "webp"}
# System libraries bundled all the same: Qt 6.5+ needs libxcb-cursor0, which desktops
# built on Qt 5 (UOS, Kylin, Deepin) do not install; an offline PC could not fetch it.
_BUNDLED_SYSTEM_LIBS = {"libxcb-cursor.so.0"}
# Qt libraries nothing we load links to.
_DROPPED_QT_LIBS = re.compile(
    r"Qt6(Quick|Qml|QmlModels|QmlMeta|QmlWorkerScript|WebEngine|3D|Multimedia|Designer|"
    r"Test|Sql|VirtualKeyboard|OpenGL|Wayland|WlShell|EglFS|EglFs|Charts|DataVisualization|Graphs|"
    r"Location|Positioning|Sensors|SerialPort|WebChannel|WebSockets|ShaderTools|SpatialAudio|"
    r"Scxml|StateMachine|TextToSpeech|RemoteObjects|Bluetooth|Nfc|Pdf(Quick)|Quick3D|Labs)",
)


# Left out on Linux only: psycopg's bundled libpq and OpenSSL (10 MB). The frozen program
# uses psycopg's own Python layer with the system's libpq (the .deb recommends libpq5);
# only an upper level on a PostgreSQL server needs it (storage/database.py says so if missing).
LINUX_EXCLUDED_MODULES = ["psycopg_binary"]


# PyInstaller runtime hooks that cost every start and serve nothing here (each imported
# at start-up, measured with -X importtime in the frozen program): the PySide6 hook loads
# Qt even for `branchdesk --version` (+250 ms; packaging/qt_paths_hook.py does its one
# needed part), the inspect hook imports inspect and zipfile (~60 ms) for source look-ups
# nobody makes, and the multiprocessing hook (~13 ms) serves a module BranchDesk never uses.
DROPPED_RUNTIME_HOOKS = {"pyi_rth_pyside6", "pyi_rth_inspect", "pyi_rth_multiprocessing"}


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def keep_binary(dest: str) -> bool:
    """``dest`` is the path inside the folder, e.g. ``PySide6/Qt/plugins/platforms/libqxcb.so``."""
    parts = _parts(dest)
    name = parts[-1]
    if "plugins" in parts:
        folder = parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 2 else ""
        if folder not in _KEPT_PLUGIN_FOLDERS:
            return False
        if folder == "platforms":
            stem = re.sub(r"^(lib)?q", "", name.split(".")[0])
            return stem in _KEPT_PLATFORMS
        if folder == "imageformats":
            return re.sub(r"^(lib)?q", "", name.split(".")[0]) not in _DROPPED_IMAGE_FORMATS
    if name.lower().endswith(".dll") and "OpenGL" in name:
        return True  # not checked on Windows (no build there yet): Qt's Windows plugins may want it
    return not _DROPPED_QT_LIBS.search(name)


def keep_bundled(dest: str) -> bool:
    """A system library kept in the folder instead of becoming a dependency of the .deb."""
    return _parts(dest)[-1] in _BUNDLED_SYSTEM_LIBS


def keep_data(dest: str) -> bool:
    parts = _parts(dest)
    name = parts[-1]
    if "translations" in parts and name.endswith(".qm") and "resources" not in parts:
        # Qt's own catalogues: only the Chinese ones of the modules we use.
        return name.startswith(("qtbase_zh_CN", "qt_zh_CN"))
    if "qml" in parts or "QtWebEngine" in dest:
        return False
    return True


def _is_root(dest: str, typecode: str) -> bool:
    """Loaded by Python or by Qt by name, not as another library's dependency."""
    name = _parts(dest)[-1]
    return typecode == "EXTENSION" or "plugins" in _parts(dest) or name.startswith("libpython")


def reachable(binaries: list[tuple[str, str, str]], needed) -> list[tuple[str, str, str]]:
    """Only the libraries something kept still links to: a plugin left out above leaves
    its own dependencies behind (the Wayland and EGL libraries, GTK's). ``needed(src)``
    gives the sonames a file links to."""
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in binaries:
        by_name.setdefault(_parts(entry[0])[-1], []).append(entry)
    todo = [entry for entry in binaries if _is_root(entry[0], entry[2])]
    kept = {entry[0] for entry in todo}
    while todo:
        entry = todo.pop()
        for soname in needed(entry[1]):
            for dependency in by_name.get(soname, []):
                if dependency[0] not in kept:
                    kept.add(dependency[0])
                    todo.append(dependency)
    return [entry for entry in binaries if entry[0] in kept]
