"""Which font file draws each typographic role, and which characters each font has.

Roles are the faces Chinese official papers name: 宋 ``song``, 仿宋 ``fangsong``, 楷 ``kai``,
黑 ``hei`` and 小标宋 ``title``. The system's fonts are preferred when present (they are
what receivers expect), found by the names inside the font files (:mod:`.font_names`):
Windows' SimSun / FangSong / KaiTi / SimHei, 方正 fonts, the CESI fonts of UOS and Kylin.
The fonts bundled in ``resources/fonts`` are used otherwise. A role GB/T 9704 names that
is drawn with another face (仿宋 with a 宋体, 小标宋 with a bold 宋体) is a *stand-in*:
:meth:`FontLibrary.stand_ins` says which, for the notice and the PDF's metadata.

Everything costly is lazy and done once per process: the folder scan, a font's character
map (fontTools ``getBestCmap``), and reportlab registration (60–95 ms per font), so a paper
only pays for the fonts it really uses.
"""

from __future__ import annotations

import os
import re
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..resources import FONTS
from .font_names import Match, faces_in, font_files, matches

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


BUNDLED = {
    "uming": ("uming-cn.ttf", 0, "AR PL UMing（随软件附带的宋体）"),
    "kai": ("LXGWWenKai-Regular.ttf", 0, "霞鹜文楷（随软件附带的楷体）"),
    "wqy": ("wqy-microhei.ttc", 0, "文泉驿微米黑（随软件附带的黑体）"),
    "hana_a": ("hanamin-fallback-a.ttf", 0, "花园明朝 A 子集（生僻字后备）"),
    "hana_b": ("HanaMinB.ttf", 0, "花园明朝 B（扩展 B–F 生僻字后备）"),
}
# 仿宋 has no free TrueType face; 宋体 is the more formal stand-in (楷体 reads as handwriting).
BUNDLED_FOR_ROLE = {"song": "uming", "fangsong": "uming", "kai": "kai", "hei": "wqy", "title": "uming"}


def default_search_dirs() -> list[Path]:
    """Where system fonts live: Windows' own and per-user folders; on Linux the system
    folders (UOS / Kylin / Deepin put the CESI and 方正 fonts under /usr/share/fonts, e.g.
    fonts-cesi, and fonts a user installs with Deepin's font installer under
    ~/.local/share/fonts), those of $XDG_DATA_DIRS, and macOS' folders. Some Linux
    offices have the Windows fonts copied into one of these."""
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed "for this user only", common for 方正小标宋
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = [Path(d) for d in (os.environ.get("XDG_DATA_DIRS") or "").split(os.pathsep) if d]
    dirs += [data_home / "fonts", home / ".fonts", Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    dirs += [d / "fonts" for d in data_dirs]
    dirs += [Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return list(dict.fromkeys(dirs))  # font_files() also skips a folder met twice


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
        self._matches: dict[str, list[Match]] | None = None
        self._near: dict[FontFace, bool] = {}  # a system face that only approximates its role
        self._system: dict[str, list[FontFace]] = {}
        self._cmaps: dict[FontFace, frozenset[int]] = {}
        self._plain: dict[tuple[FontFace, Callable], frozenset[int]] = {}
        self._registered: set[str] = set()
        # Asked for every paragraph, cell and page number: looked up once per process
        # (a bundled font's file is checked for once, not at every cell).
        self._bundled: dict[str, FontFace | None] = {}
        self._roles: dict[str, RoleFont] = {}
        self._chains: dict[str, tuple[FontFace, ...]] = {}

    # ---- discovery ------------------------------------------------------------
    def _scan(self) -> dict[str, list[Match]]:
        """Role -> matching system faces, best first (all font files read once, by name)."""
        with self._lock:
            if self._matches is None:
                faces = [face for path in font_files(self._search_dirs) for face in faces_in(path)]
                self._matches = matches(faces)
            return self._matches

    def _system_faces(self, kind: str) -> list[FontFace]:
        with self._lock:
            if kind not in self._system:
                faces = []
                for match in self._scan()[kind]:
                    face = match.face
                    if _usable(face.path, face.subfont):
                        faces.append(FontFace(_registration_name(face.path, face.subfont),
                                              f"{face.shown}（系统字体）", face.path, face.subfont))
                        self._near[faces[-1]] = match.substitute
                self._system[kind] = faces
            return self._system[kind]

    def bundled(self, key: str) -> FontFace | None:
        if key in self._bundled:
            return self._bundled[key]
        file_name, subfont, label = BUNDLED[key]
        path = self._bundled_dir / file_name
        face = FontFace(_registration_name(path, subfont), label, path, subfont, bundled=True) if path.exists() else None
        with self._lock:
            return self._bundled.setdefault(key, face)

    def role(self, role: str) -> RoleFont:
        """The face that draws ``role``."""
        chosen = self._roles.get(role)
        if chosen is None:
            chosen = self._choose(role)
            with self._lock:
                chosen = self._roles.setdefault(role, chosen)
        return chosen

    def _choose(self, role: str) -> RoleFont:
        if role not in ROLES:
            raise ValueError(f"unknown font role {role!r}")
        system = self._system_faces(role)
        if system:
            # 华文中宋 is a fair 小标宋 stand-in; only a 小标宋 is the real thing.
            return RoleFont(role, system[0], substitute=self._near.get(system[0], False))
        if role == "title":  # no 小标宋 anywhere: a 宋体 drawn bold looks closest
            song = self.role("song")
            return RoleFont("title", song.face, faux_bold=True, substitute=True)
        if role == "fangsong":  # no free 仿宋 exists: the 宋体 in use is the more formal stand-in
            return RoleFont("fangsong", self.role("song").face, substitute=True)
        face = self.bundled(BUNDLED_FOR_ROLE[role])
        if face is None:
            raise FileNotFoundError(f"bundled font for {role} missing in {self._bundled_dir}")
        return RoleFont(role, face)

    def stand_ins(self, roles) -> dict[str, str]:
        """For those of ``roles`` that GB/T 9704 names (仿宋, 楷体, 黑体, 小标宋) and this
        machine lacks: role label -> the font that stood in, e.g. ``{"仿宋": "AR PL UMing（随
        软件附带的宋体）"}``; 「加粗的…」 when drawn bold (小标宋). 宋体 itself is never a
        stand-in: any 宋 face is a 宋体."""
        found = {}
        for role in ROLES:
            if role in roles:
                chosen = self.role(role)
                if chosen.substitute:
                    found[ROLE_LABELS[role]] = ("加粗的" if chosen.faux_bold else "") + chosen.face.label
        return found

    def fallback_chain(self, role: str) -> tuple[FontFace, ...]:
        """The role's face, then faces to try for characters it lacks: same style first,
        then 宋体 faces, the rare-character fallbacks, 黑体 and 楷体."""
        chain = self._chains.get(role)
        if chain is None:
            chain = self._chain_of(role)
            with self._lock:
                chain = self._chains.setdefault(role, chain)
        return chain

    def _chain_of(self, role: str) -> tuple[FontFace, ...]:
        chain: list[FontFace] = [self.role(role).face]
        own = self.bundled(BUNDLED_FOR_ROLE[role])
        order = [own] if own else []
        if role == "hei":
            order += self._system_faces("hei") + [self.bundled("wqy")]
        order += self._system_faces("song") + [self.bundled("uming")]
        order += self._system_faces("extension") + [self.bundled("hana_a"), self.bundled("hana_b")]
        order += self._system_faces("hei") + [self.bundled("wqy")]
        order += self._system_faces("kai") + [self.bundled("kai")]
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

    def plain_codepoints(self, face: FontFace, special: Callable[[int], bool]) -> frozenset[int]:
        """The code points of ``face`` for which ``special`` is false (cached per face and
        test; the glyph mapper's fast path: text made only of these needs no work per character)."""
        plain = self._plain.get((face, special))
        if plain is None:
            plain = frozenset(code for code in self.codepoints(face) if not special(code))
            with self._lock:
                plain = self._plain.setdefault((face, special), plain)
        return plain

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
