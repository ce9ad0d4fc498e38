"""Writing the 换届选举 papers: each reads what it needs now and returns the work that
writes the file, so the window can run it in a worker (docs/design.md rule 7)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import ValidationError
from ..storage.binding import uses_archive
from .papers import STEMS, plan_paper, result_paper, stem, tally_paper

# Which papers a record can give at its stage.
READY = {
    "plan": lambda r: True,
    "tally": lambda r: bool(r.rounds),
    "result": lambda r: r.stage in ("approval", "done"),
}
NOT_READY = {"tally": "还没有登记计票结果", "result": "还没有登记支委会选举书记、副书记"}


@uses_archive
def paper_of(archive, election_id: int, kind: str):
    record = archive.election.get(election_id)
    if kind not in STEMS:
        raise ValidationError("kind", "choice", f"材料种类无效，可选：{'、'.join(STEMS.values())}。")
    if not READY[kind](record):
        raise ValidationError("kind", "not_ready", f"{record.title}{NOT_READY[kind]}，还不能导出{STEMS[kind]}。")
    own = archive.branch.own()
    if kind == "plan":
        return plan_paper(record, own.name, own.higher_org, own.code or "")
    if kind == "tally":
        return tally_paper(record, own.name, own.code or "")
    return result_paper(record, own.name, own.higher_org, own.code or "")


@uses_archive
def paper_name(archive, election_id: int, kind: str) -> str:
    return stem(kind, archive.election.get(election_id))


@uses_archive
def paper_job(archive, election_id: int, kind: str, path) -> Callable:
    from ..papers import render

    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError("out", "suffix", f"导出文件「{path.name}」的扩展名应为 .pdf。")
    paper = paper_of(archive, election_id, kind)
    return lambda progress=None: render(paper, path, progress=progress)
