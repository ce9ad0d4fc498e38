"""The domain must work without Qt: importing every module of ``branchdesk`` loads no PySide6."""

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import branchdesk
for info in pkgutil.walk_packages(branchdesk.__path__, "branchdesk."):
    if info.name != "branchdesk.__main__":
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(",".join(loaded))
"""


def test_importing_the_whole_domain_loads_no_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"domain modules pulled in Qt: {result.stdout}"


def test_command_line_runs_without_qt(tmp_path):
    script = (
        "import sys; from branchdesk.cli import main;"
        f"code = main(['--data-dir', {str(tmp_path)!r}, 'init', '--name', '无窗口支部']);"
        "assert code == 0;"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
