"""Runtime hook of the frozen program, in place of PyInstaller's pyi_rth_pyside6.

That hook imports PySide6.QtCore at every start to write a qt.conf, so even
`branchdesk --version` loaded Qt (+250 ms); PySide6's own import already points Qt
at the wheel's folder (sys._MEIPASS/PySide6/Qt). What is left to say is where the
plugins are, which needs no import."""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":  # Qt's TLS backends look for OpenSSL DLLs on PATH
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
