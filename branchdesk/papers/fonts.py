"""Which font file draws each typographic role, and which characters each font has.

Roles are the faces Chinese official papers name: 宋 ``song``, 仿宋 ``fangsong``, 楷 ``kai``,
黑 ``hei`` and 小标宋 ``title``. Windows fonts are preferred when present (they are what
receivers expect); the fonts bundled in ``resources/fonts`` are used otherwise.

Everything costly is lazy and done once per process: the folder scan, a font's character
map (fontTools ``getBestCmap``), and reportlab registration (60–95 ms per font), so a paper
only pays for the fonts it really uses.
"""

from __future__ import annotations

import os
import re
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..resources import FONTS

ROLES = ("song", "fangsong", "kai", "hei", "title")
ROLE_LABELS = {"song": "宋体", "fangsong": "仿宋", "kai": "楷体", "hei": "黑体", "title": "小标宋"}

BUNDLED_DIR = FONTS


@dataclass(frozen=True)
class FontFace:
    """One font inside one file. ``name`` is its reportlab registration name."""

    name: str
    label: str
    path: Path
    subfont: int = 0
    bundled: bool = False


@dataclass(frozen=True)
class RoleFont:
    """The face chosen for a role. ``faux_bold``: draw with a thin outline stroke because
    the real bold face is missing (小标宋 imitated by a bold 宋体). ``substitute``: not the
    face the standard names (e.g. 仿宋 drawn with a 宋体)."""

    role: str
    face: FontFace
    faux_bold: bool = False
    substitute: bool = False


# File names of the fonts Chinese offices have, in order of preference. Matched
# case-insensitively; a file reportlab cannot embed (see _usable) is skipped.
SYSTEM_CANDIDATES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "song": (("simsun.ttc", 0, "宋体 SimSun"), ("simsun.ttf", 0, "宋体 SimSun")),
    "fangsong": (
        ("仿宋_gb2312.ttf", 0, "仿宋_GB2312"),
        ("fs_gb2312.ttf", 0, "仿宋_GB2312"),
        ("simfang.ttf", 0, "仿宋 FangSong"),
        ("stfangso.ttf", 0, "华文仿宋"),
    ),
    "kai": (
        ("楷体_gb2312.ttf", 0, "楷体_GB2312"),
        ("simkai.ttf", 0, "楷体 KaiTi"),
        ("stkaiti.ttf", 0, "华文楷体"),
    ),
    "hei": (("simhei.ttf", 0, "黑体 SimHei"),),
    "title": (
        ("方正小标宋简体.ttf", 0, "方正小标宋简体"),
        ("fzxbsjw.ttf", 0, "方正小标宋简体"),
        ("fzxbsjw--gb1-0.ttf", 0, "方正小标宋简体"),
        ("方正小标宋_gbk.ttf", 0, "方正小标宋_GBK"),
        ("fzxbsk.ttf", 0, "方正小标宋_GBK"),
        ("stzhongs.ttf", 0, "华文中宋"),
    ),
    # Not a role: Windows' faces for CJK Extension B and later, used only as fallbacks.
    "extension": (("simsunb.ttf", 0, "SimSun-ExtB"), ("simsunextg.ttf", 0, "SimSun-ExtG")),
}

BUNDLED = {
    "uming": ("uming.ttc", 0, "AR PL UMing（随软件附带的宋体）"),
    "ukai": ("ukai.ttc", 0, "AR PL UKai（随软件附带的楷体）"),
    "wqy": ("wqy-microhei.ttc", 0, "文泉驿微米黑（随软件附带的黑体）"),
    "hana_a": ("hanamin-fallback-a.ttf", 0, "花园明朝 A 子集（生僻字后备）"),
    "hana_b": ("HanaMinB.ttf", 0, "花园明朝 B（扩展 B–F 生僻字后备）"),
}
# 仿宋 has no free TrueType face; 宋体 is the more formal stand-in (楷体 reads as handwriting).
BUNDLED_FOR_ROLE = {"song": "uming", "fangsong": "uming", "kai": "ukai", "hei": "wqy", "title": "uming"}


def default_search_dirs() -> list[Path]:
    """Where system fonts live: Windows' own and per-user folders, and the usual Linux and
    macOS folders (some Linux machines have the Windows fonts copied in)."""
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed "for this user only", common for 方正小标宋
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    dirs += [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        home / "Library" / "Fonts",
    ]
    return dirs


def _usable(path: Path, subfont: int) -> bool:
    """Whether reportlab can embed this font: TrueType outlines (glyf), and a licence that
    allows embedding a subset (OS/2 fsType neither "restricted" nor "no subsetting" /
    "bitmap only", the cases reportlab refuses). Fonts failing either are passed over."""
    from fontTools.ttLib import TTCollection, TTFont

    def ok(font) -> bool:
        if "glyf" not in font:
            return False
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
        return fs_type != 0x0002 and not fs_type & 0x0300

    try:
        if path.suffix.lower() == ".ttc":
            with TTCollection(str(path), lazy=True) as collection:
                return ok(collection.fonts[subfont])
        with TTFont(str(path), lazy=True) as font:
            return ok(font)
    except Exception:  # unreadable or not a font: treat as absent, never crash an export
        return False


def _read_cmap(face: FontFace) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    if face.path.suffix.lower() == ".ttc":
        with TTCollection(str(face.path), lazy=True) as collection:
            cmap = collection.fonts[face.subfont].getBestCmap() or {}
    else:
        with TTFont(str(face.path), lazy=True) as font:
            cmap = font.getBestCmap() or {}
    return frozenset(cmap)


def _registration_name(path: Path, subfont: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "", path.stem) or "font"
    # Two files with the same stem in different folders must not clash; crc32 (unlike
    # hash()) is stable between runs, so the same paper gives the same font names.
    digest = zlib.crc32(str(path).encode("utf-8")) % 10000
    return f"BD-{stem}-{subfont}-{digest:04d}"


class FontLibrary:
    """Finds the faces for each role, knows their characters and registers them with
    reportlab on first use. Thread-safe; share one (``default_library()``) per process.

    ``search_dirs``: folders searched for system fonts (``None``: the usual places;
    ``()``: none, only the bundled fonts, as tests do). ``bundled_dir``: the bundled fonts.
    """

    def __init__(self, search_dirs=None, bundled_dir: Path = BUNDLED_DIR):
        self._search_dirs = default_search_dirs() if search_dirs is None else list(search_dirs)
        self._bundled_dir = Path(bundled_dir)
        self._lock = threading.RLock()
        self._files: dict[str, Path] | None = None
        self._system: dict[str, list[FontFace]] = {}
        self._cmaps: dict[FontFace, frozenset[int]] = {}
        self._registered: set[str] = set()

    # ---- discovery ------------------------------------------------------------
    def _scan(self) -> dict[str, Path]:
        """Lower-cased file name -> first path found, for the candidate names only."""
        if self._files is None:
            wanted = {name for cands in SYSTEM_CANDIDATES.values() for name, _, _ in cands}
            found: dict[str, Path] = {}
            for folder in self._search_dirs:
                if not folder.is_dir():
                    continue
                for root, _dirs, files in os.walk(folder):
                    for file in files:
                        low = file.lower()
                        if low in wanted and low not in found:
                            found[low] = Path(root) / file
            self._files = found
        return self._files

    def _system_faces(self, kind: str) -> list[FontFace]:
        with self._lock:
            if kind not in self._system:
                files = self._scan()
                faces = []
                for file_name, subfont, label in SYSTEM_CANDIDATES[kind]:
                    path = files.get(file_name)
                    if path and _usable(path, subfont):
                        faces.append(
                            FontFace(_registration_name(path, subfont), f"{label}（系统字体）", path, subfont)
                        )
                self._system[kind] = faces
            return self._system[kind]

    def bundled(self, key: str) -> FontFace | None:
        file_name, subfont, label = BUNDLED[key]
        path = self._bundled_dir / file_name
        if not path.exists():
            return None
        return FontFace(_registration_name(path, subfont), label, path, subfont, bundled=True)

    def role(self, role: str) -> RoleFont:
        """The face that draws ``role``."""
        if role not in ROLES:
            raise ValueError(f"unknown font role {role!r}")
        system = self._system_faces(role)
        if system:
            face = system[0]
            # 华文中宋 is a fair 小标宋 stand-in; only 方正小标宋 is the real thing.
            return RoleFont(role, face, substitute=role == "title" and "方正" not in face.label)
        if role == "title":  # no 小标宋 anywhere: a 宋体 drawn bold looks closest
            song = self.role("song")
            return RoleFont("title", song.face, faux_bold=True, substitute=True)
        face = self.bundled(BUNDLED_FOR_ROLE[role])
        if face is None:
            raise FileNotFoundError(f"bundled font for {role} missing in {self._bundled_dir}")
        return RoleFont(role, face, substitute=role == "fangsong")

    def fallback_chain(self, role: str) -> tuple[FontFace, ...]:
        """The role's face, then faces to try for characters it lacks: same style first,
        then 宋体 faces, the rare-character fallbacks, 黑体 and 楷体."""
        chain: list[FontFace] = [self.role(role).face]
        own = self.bundled(BUNDLED_FOR_ROLE[role])
        order = [own] if own else []
        if role == "hei":
            order += self._system_faces("hei") + [self.bundled("wqy")]
        order += self._system_faces("song") + [self.bundled("uming")]
        order += self._system_faces("extension") + [self.bundled("hana_a"), self.bundled("hana_b")]
        order += self._system_faces("hei") + [self.bundled("wqy")]
        order += self._system_faces("kai") + [self.bundled("ukai")]
        for face in order:
            if face is not None and face not in chain:
                chain.append(face)
        return tuple(chain)

    # ---- coverage and registration ---------------------------------------------
    def codepoints(self, face: FontFace) -> frozenset[int]:
        """Every code point ``face`` maps to a glyph (cached)."""
        cmap = self._cmaps.get(face)
        if cmap is None:
            with self._lock:
                cmap = self._cmaps.get(face)
                if cmap is None:
                    cmap = self._cmaps[face] = _read_cmap(face)
        return cmap

    def register(self, face: FontFace) -> str:
        """Registers ``face`` with reportlab once per process; returns its font name."""
        if face.name in self._registered:
            return face.name
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        with self._lock:
            if face.name not in self._registered:
                if face.name not in pdfmetrics.getRegisteredFontNames():
                    kwargs = {"subfontIndex": face.subfont} if face.path.suffix.lower() == ".ttc" else {}
                    pdfmetrics.registerFont(TTFont(face.name, str(face.path), **kwargs))
                self._registered.add(face.name)
        return face.name

    def describe(self) -> dict[str, str]:
        """Role label -> the font that draws it, for settings screens and reports."""
        out = {}
        for role in ROLES:
            chosen = self.role(role)
            note = "（加粗模拟）" if chosen.faux_bold else ""
            out[ROLE_LABELS[role]] = chosen.face.label + note
        return out


_default: FontLibrary | None = None
_default_lock = threading.Lock()


def default_library() -> FontLibrary:
    """The process-wide library searching the usual system folders (created on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = FontLibrary()
        return _default
