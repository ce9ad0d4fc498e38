"""Where a bundle goes (usually a USB stick): checked before a byte is written.

The folder must exist and be writable; the file must fit (free space with a margin)
and be allowed by the file system: FAT32, still common on sticks, holds no file of
4 GiB or more. The file system is read from the mount table on Linux and from the
volume information on Windows; where it cannot be told, the FAT32 limit applies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import StorageError
from ..fileio import READ_ONLY_TEXT
from ..safety.backup import FAT32_MAX_FILE, FREE_SPACE_MARGIN, _mounted_read_only

_FAT_NAMES = {"vfat", "msdos", "fat", "fat12", "fat16", "fat32", "umsdos"}


def check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise StorageError(f"找不到目标文件夹 {folder}。请插好 U 盘，或选择一个已有的文件夹。")
    if _mounted_read_only(folder):
        raise StorageError(READ_ONLY_TEXT.format(folder=folder))


def check_room(folder: Path, size: int) -> None:
    """Refuse (before writing) a bundle the folder's file system cannot hold."""
    fs = file_system(folder)
    if size > FAT32_MAX_FILE and (fs is None or fs.lower() in _FAT_NAMES):
        where = "这个 U 盘是 FAT32 格式" if fs else "无法确定目标的文件系统，按 FAT32 处理"
        raise StorageError(
            f"数据包有 {size / 1024**3:.2f} GB，{where}，单个文件不能达到 4 GB。"
            "请按年份分开导出（--year），或换用 exFAT/NTFS 格式的存储设备。"
        )
    free = shutil.disk_usage(folder).free
    if free < size + FREE_SPACE_MARGIN:
        raise StorageError(
            f"{folder} 剩余空间不足：数据包需要约 {_mb(size + FREE_SPACE_MARGIN)}，只剩 {_mb(free)}。"
            "没有写入任何文件。请清理空间或换一个 U 盘/文件夹。"
        )


def file_system(folder: Path) -> str | None:
    """The file-system type of ``folder`` ('vfat', 'ext4', 'NTFS', …) or None if unknown."""
    if os.name == "nt":
        return _windows_file_system(folder)
    return _linux_file_system(folder)


def _linux_file_system(folder: Path) -> str | None:
    try:
        lines = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
        where = str(folder.resolve())
    except OSError:
        return None
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = where == mount_point or where.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _windows_file_system(folder: Path) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    root = os.path.splitdrive(str(folder.resolve()))[0] + "\\"
    name = ctypes.create_unicode_buffer(261)
    ok = ctypes.windll.kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), None, 0, None, None, None, name, 261)
    return name.value if ok else None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
