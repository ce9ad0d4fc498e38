"""The 发展档案 as a sealable record (docs/domain.md §11): 定稿 once 材料归档 is recorded,
then 已上报 and sealed with its steps and papers, under the same rules as every record."""

from __future__ import annotations

from ..safety.sealing import ChildSpec, SealSpec

RECRUIT = SealSpec(
    "recruit_person",
    "发展档案",
    children=(ChildSpec("recruit_step", "person_id", children=(ChildSpec("recruit_document", "step_id"),)),),
)
