"""The version resource of BranchDesk.exe and branchdesk.exe (Explorer's 属性 → 详细信息),
written for PyInstaller's ``version=`` from the package's version. Windows only."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'BranchDesk'),
      StringStruct('FileDescription', '党支部工作台'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'BranchDesk'),
      StringStruct('LegalCopyright', 'BranchDesk'),
      StringStruct('OriginalFilename', '{name}.exe'),
      StringStruct('ProductName', '党支部工作台 BranchDesk'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def numbers(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0); a suffix such as 'rc1' is dropped."""
    parts = [int(m.group()) if (m := re.match(r"\d+", piece)) else 0 for piece in version.split(".")[:4]]
    return tuple((parts + [0, 0, 0, 0])[:4])


def write(folder: Path, version: str, name: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version_{name}.txt"
    path.write_text(TEMPLATE.format(numbers=numbers(version), version=version, name=name), encoding="utf-8")
    return str(path)
