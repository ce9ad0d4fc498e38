"""Which shared libraries of the frozen folder the Linux system provides, and from
which Debian package: the .deb leaves those out of /opt/branchdesk and depends on
the packages instead (Debian keeps them patched; a bundled copy of libfontconfig or
libglib from the build machine can disagree with the user's configuration files).

Used at build time by packaging/branchdesk.spec (what to leave out) and by
tools/deb-depends (the Depends: line, from the ELF NEEDED entries of everything in
the folder that nothing inside the folder provides). Standard library only."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == ELF_MAGIC
    except OSError:
        return False


def _variants(path: str) -> list[str]:
    """Merged /usr: dpkg may list /lib/x86_64-linux-gnu/libz.so.1 for /usr/lib/…"""
    real = os.path.realpath(path)
    out = [path, real]
    for p in (path, real):
        if p.startswith("/usr/lib/"):
            out.append(p[len("/usr"):])
        elif p.startswith("/lib/"):
            out.append("/usr" + p)
    return list(dict.fromkeys(out))


def owning_packages(paths: list[str]) -> dict[str, str]:
    """{path: Debian package (with :arch when dpkg names it)} for the paths dpkg knows."""
    variants = {v: p for p in paths for v in _variants(p)}
    if not variants:
        return {}
    try:
        done = subprocess.run(["dpkg-query", "-S", *variants], capture_output=True, text=True, check=False)
    except FileNotFoundError:  # not a Debian-like system: everything is bundled
        return {}
    owners: dict[str, str] = {}
    for line in done.stdout.splitlines():
        package, _, where = line.partition(": ")
        if where in variants and "diversion" not in package:
            owners.setdefault(variants[where], package.split(",")[0].strip())
    return owners


def needed(path: Path) -> list[str]:
    """The sonames ``path`` links to (readelf from binutils)."""
    done = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", done.stdout)


def glibc_versions(path: Path) -> list[tuple[int, ...]]:
    """The GLIBC_x.y symbol versions ``path`` requires (for libc6's lower bound)."""
    done = subprocess.run(["readelf", "-V", "-W", str(path)], capture_output=True, text=True, check=False)
    return [tuple(int(n) for n in v.split(".")) for v in re.findall(r"Name: GLIBC_([0-9.]+)", done.stdout)]


def system_library_paths() -> dict[str, str]:
    """{soname: path} of the libraries the dynamic loader finds (ldconfig's cache, x86-64)."""
    done = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False)
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and ("x86-64" in m.group(2) or "64bit" in m.group(2)):
            found.setdefault(m.group(1), m.group(3))
    return found
