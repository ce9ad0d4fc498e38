"""Plain data the upper level hands to the window and the command line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class EnrolledBranch:
    """An enrolled branch with the facts of its latest imported bundle."""

    id: int
    branch_uid: str
    name: str
    code: str
    kind: str
    fingerprint: str
    confirmed_from_paper: bool
    enrolled_at: str
    enrolled_by: str
    bundles: int = 0
    last_sequence: int | None = None
    last_bundle_hash: str = ""
    last_years: tuple[int, ...] = ()
    last_imported_at: str = ""
    last_gap: int = 0
    gaps: int = 0  # sum of the gaps ever noted for this branch

    @property
    def has_gap(self) -> bool:
        return self.gaps > 0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["last_years"] = list(self.last_years)
        return data


@dataclass(frozen=True)
class EnrolResult:
    outcome: str  # enrolled / unchanged / replaced
    branch: EnrolledBranch
    message: str


@dataclass(frozen=True)
class ImportResult:
    path: str
    outcome: str  # imported / unchanged
    branch_name: str
    branch_uid: str
    sequence: int
    years: tuple[int, ...]
    gap: int
    records: int
    files: int
    bundle_hash: str
    message: str
    warnings: tuple[str, ...] = ()  # e.g. a yearly PDF the branch could not make, a broken audit chain

    def as_dict(self) -> dict:
        data = asdict(self)
        data["years"] = list(self.years)
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True)
class Category:
    key: str  # meeting:general … meeting:other, life, appraisal, rectification, target, talk
    label: str
    count: int


@dataclass(frozen=True)
class RecordSummary:
    id: int
    category: str
    kind: str
    title: str
    date: str
    state: str
    state_label: str
    superseded: bool


@dataclass(frozen=True)
class ChildTable:
    """Child rows of a record (attendance, speeches, entries …) with Chinese headers."""

    key: str
    label: str
    columns: list[str]
    rows: list[list[str]]
    # Criticism and 对照检查 texts: the window asks for the app password first, as the branch's does.
    sensitive: bool = False


@dataclass(frozen=True)
class RecordView:
    id: int
    branch_name: str
    category: str
    title: str
    fields: list[tuple[str, str]]
    children: list[ChildTable] = field(default_factory=list)


@dataclass(frozen=True)
class StoredFile:
    id: int
    name: str
    kind: str  # year_pdf / attachment / other
    year: int | None
    sha256: str
    size: int
    path: Path
