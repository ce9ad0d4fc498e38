"""What every 目标管理 manager shares: the archive, the own branch, rows kept one a year."""

from __future__ import annotations

from ..storage.binding import ArchiveBound


class BranchScoped(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    @property
    def _branch_id(self) -> int:
        return self._archive.branch.own_id()

    def _years_of(self, model) -> list[int]:
        """Years that have a row of ``model`` (one a year per branch), newest first."""
        rows = model.select(model.year).where(model.branch == self._branch_id)
        return sorted((r.year for r in rows), reverse=True)

    def _year_row(self, model, year: int):
        return model.get_or_none(model.branch == self._branch_id, model.year == year)
