"""Finding a system's fonts for the paper roles by the fonts' own names, not their file names.

The same face has many file names (``simfang.ttf``, ``仿宋_GB2312.ttf``, ``FS_GB2312.TTF``,
``CESI_FS_GB2312.TTF``, a renamed copy on a USB stick), but its ``name`` table always
says what it is: a family name in English and usually one in Chinese (``FangSong`` /
``仿宋``). Every font file under the search folders is opened once, its name table read
(fontTools, lazily: only the table directory and ``name`` are read, a few kilobytes even
of a 20 MB collection), and each face is matched against the families Chinese offices
use, in order of preference, then against the role's Chinese key word (any ``…仿宋…``
family the list does not know). Only regular faces count: a Bold or Thin face of the
right family would print too heavy or too thin.

The result of reading a file is cached per process by path, size and modification time,
so a second library (tests, a settings screen) costs only the folder walk.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


def normalised(name: str) -> str:
    """``CESI仿宋-GB2312`` → ``cesi仿宋gb2312``: case, spaces, ``_`` and ``-`` do not matter."""
    return re.sub(r"[\s_\-]+", "", name).casefold()


@dataclass(frozen=True)
class Family:
    """A family Chinese offices have, by the names its fonts carry (any one matches).
    ``substitute``: a near face, not the one GB/T 9704 names (华文中宋 for 小标宋)."""

    names: tuple[str, ...]
    substitute: bool = False


def _cesi(short: str, chinese: str) -> Family:
    # The CESI fonts of UOS / Kylin (package fonts-cesi) come in GB2312, GB18030 and
    # GB13000 editions; Chinese names like CESI仿宋-GB2312, English ones like CESI_FS_GB2312.
    names = tuple(f"CESI{chinese}-{code}" for code in ("GB2312", "GB18030", "GB13000"))
    names += tuple(f"CESI_{short}_{code}" for code in ("GB2312", "GB18030", "GB13000"))
    return Family(names)


# Role -> families in order of preference. Noto / Source Han CJK are listed for when a
# TrueType (glyf) build is installed; their usual CFF builds cannot be embedded by
# reportlab and are passed over (fonts._usable).
FAMILIES: dict[str, tuple[Family, ...]] = {
    "song": (
        Family(("宋体", "SimSun")),
        Family(("方正书宋_GBK", "FZShuSong-Z01", "方正书宋简体", "FZShuSong-Z01S")),
        _cesi("SS", "宋体"),
        Family(("华文宋体", "STSong")),
        Family(("新宋体", "NSimSun")),
        Family(("Source Han Serif SC", "Source Han Serif CN", "思源宋体", "Noto Serif CJK SC",
                         "Noto Serif SC")),
    ),
    "fangsong": (
        Family(("仿宋_GB2312", "FangSong_GB2312")),
        Family(("方正仿宋_GBK", "FZFangSong-Z02", "方正仿宋简体", "FZFangSong-Z02S")),
        _cesi("FS", "仿宋"),
        Family(("仿宋", "FangSong")),
        Family(("华文仿宋", "STFangsong")),
    ),
    "kai": (
        Family(("楷体_GB2312", "KaiTi_GB2312")),
        Family(("方正楷体_GBK", "FZKai-Z03", "方正楷体简体", "FZKai-Z03S")),
        _cesi("KT", "楷体"),
        Family(("楷体", "KaiTi")),
        Family(("华文楷体", "STKaiti")),
    ),
    "hei": (
        Family(("黑体", "SimHei")),
        Family(("方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S")),
        _cesi("HT", "黑体"),
        Family(("华文黑体", "STHeiti")),
        Family(("Source Han Sans SC", "Source Han Sans CN", "思源黑体", "Noto Sans CJK SC",
                         "Noto Sans SC")),
    ),
    "title": (
        Family(("方正小标宋简体", "FZXiaoBiaoSong-B05S")),
        Family(("方正小标宋_GBK", "FZXiaoBiaoSong-B05")),
        _cesi("XBS", "小标宋"),
        # heavier 宋 faces: close, but not the face GB/T 9704 names
        Family(("华文中宋", "STZhongsong"), substitute=True),
        Family(("方正中宋_GBK", "FZZhongSong-Z05", "方正中宋简体", "FZZhongSong-Z05S"), substitute=True),
    ),
    # Not a role: Windows' faces for CJK Extension B and later, used only as fallbacks.
    "extension": (
        Family(("SimSun-ExtB",)),
        Family(("SimSun-ExtG",)),
    ),
}

# A family the list does not know is still taken when its Chinese name holds the role's
# key word (汉仪仿宋, 方正仿宋_GB18030 …), after the known ones. Checked in this order, as
# 小标宋 and 仿宋 also contain 宋.
KEYWORDS = (("title", "小标宋"), ("fangsong", "仿宋"), ("kai", "楷"), ("hei", "黑体"), ("song", "宋体"))
# Free fonts the program bundles itself (resources/fonts): a system copy brings nothing new.
_BUNDLED_FAMILIES = ("arpl", "文鼎", "wenquanyi", "文泉驿", "lxgwwenkai", "霞鹜文楷", "hanaminb", "花园明朝")

# Style names of a face heavier, much thinner or slanted against the regular weight (name
# IDs 17 / 2). "Light" passes: some CJK fonts call their one weight so (AR PL UMing).
_NOT_REGULAR = re.compile(r"bold|thin|hairline|heavy|black|italic|oblique|medium|semi|demi|extra|ultra|粗|斜|中等")


@dataclass(frozen=True)
class FaceNames:
    """One face of one font file: its family names (normalised), the name to show
    (the Chinese family name when it has one) and whether it is a regular weight."""

    path: Path
    subfont: int
    names: frozenset[str]
    shown: str
    regular: bool


def _face_names(font, path: Path, subfont: int) -> FaceNames:
    table = font["name"] if "name" in font else None
    records = table.names if table is not None else []
    names, chinese, english, styles = set(), "", "", []
    for record in records:
        if record.nameID not in (1, 2, 4, 6, 16, 17):
            continue
        try:
            text = record.toUnicode().strip()
        except (UnicodeDecodeError, LookupError):  # an old Mac encoding Python lacks: the other records serve
            continue
        if not text:
            continue
        if record.nameID in (2, 17):
            styles.append((record.nameID, text))
            continue
        names.add(normalised(text))
        if record.nameID in (1, 16):
            if re.search(r"[\u4e00-\u9fff]", text) and not chinese:
                chinese = text
            elif not english:
                english = text
    # The typographic style (17) where given, else the plain one (2); either language.
    own = [text for key, text in styles if key == 17] or [text for key, text in styles if key == 2]
    regular = not any(_NOT_REGULAR.search(text.casefold()) for text in own)
    return FaceNames(path, subfont, frozenset(names), chinese or english or path.name, regular)


def _read_file(path: Path) -> tuple[FaceNames, ...]:
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            with TTCollection(str(path), lazy=True) as collection:
                return tuple(_face_names(font, path, index) for index, font in enumerate(collection.fonts))
        with TTFont(str(path), lazy=True) as font:
            return (_face_names(font, path, 0),)
    except Exception:  # not a font, truncated, unreadable: absent, never an export failure
        return ()


_file_cache: dict[tuple[str, int, int], tuple[FaceNames, ...]] = {}
_cache_lock = threading.Lock()


def faces_in(path: Path) -> tuple[FaceNames, ...]:
    """The faces of one font file (cached per process by path, size and time)."""
    try:
        stat = path.stat()
    except OSError:
        return ()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    found = _file_cache.get(key)
    if found is None:
        found = _read_file(path)
        with _cache_lock:
            _file_cache[key] = found
    return found


def font_files(folders: Iterable[Path]) -> list[Path]:
    """Every font file under ``folders`` (subfolders too, symbolic links followed once), in
    folder order, each real file once."""
    found: list[Path] = []
    seen: set[str] = set()
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:  # a link back up the tree, or a folder listed twice
                dirs[:] = []
                continue
            seen.add(real)
            dirs.sort()
            for file in sorted(files):
                if file.lower().endswith(FONT_SUFFIXES):
                    found.append(Path(root) / file)
    return found


@dataclass(frozen=True)
class Match:
    face: FaceNames
    substitute: bool


def _role_by_keyword(face: FaceNames) -> str | None:
    if any(name.startswith(_BUNDLED_FAMILIES) for name in face.names):
        return None
    for role, word in KEYWORDS:
        if any(word in name for name in face.names):
            return role
    return None


def matches(faces: Iterable[FaceNames]) -> dict[str, list[Match]]:
    """Role (and ``extension``) -> the matching regular faces, best first: the known
    families in their order, then faces found by key word; a family found in two
    folders keeps the first folder's copy first."""
    ranked: dict[str, list[tuple[int, int, Match]]] = {role: [] for role in FAMILIES}
    wanted = {role: [frozenset(normalised(n) for n in family.names) for family in families]
              for role, families in FAMILIES.items()}
    for order, face in enumerate(faces):
        if not face.regular:
            continue
        known = False
        for role, families in FAMILIES.items():
            for rank, names in enumerate(wanted[role]):
                if face.names & names:
                    ranked[role].append((rank, order, Match(face, families[rank].substitute)))
                    known = True
                    break
        if not known:
            role = _role_by_keyword(face)
            if role is not None:
                ranked[role].append((len(wanted[role]), order, Match(face, False)))
    return {role: [entry[2] for entry in sorted(found, key=lambda e: (e[0], e[1]))]
            for role, found in ranked.items()}
