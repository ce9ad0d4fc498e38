"""The 中国共产党党员组织关系介绍信 of a transfer out, in the usual three parts on one
sheet: the 存根 the branch keeps and the 介绍信 the member takes to the receiving
organisation, cut apart along the line, and on a second page the 回执 that organisation
sends back (docs/domain.md §16). The ID
number is masked unless the caller asks for it whole."""

from __future__ import annotations

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..dues import months as mo
from ..errors import ValidationError
from ..meetings.paper_words import party_name
from ..papers import DateLine, Metadata, PageBreak, Paper, Para, format_date
from ..roster import idnumber, standing
from ..storage.binding import uses_archive

TITLE = "中国共产党党员组织关系介绍信"
CUT = "－" * 6 + "（沿此线剪开）" + "－" * 6


def member_standing(status_before: str, full_on, day) -> str:
    """「正式党员」 or 「预备党员」 as the letter says it (a 流动党员 is one or the other)."""
    if status_before == "probationary" or (status_before == "away" and not standing.is_full(full_on, day)):
        return "预备党员"
    return "正式党员"


@uses_archive
def letter_paper(archive, transfer_id: int, full_id: bool = False) -> Paper:
    record = archive.transfers.get(transfer_id)
    if record.direction != "out":
        raise ValidationError("transfer", "direction", "只有转出的组织关系才由本支部开具介绍信。")
    member = archive.members.get(record.member_id)
    branch = archive.branch.own()
    day = record.moved_on
    standing = member_standing(record.status_before, member.full_on, day)
    id_text = member.id_number if full_id else idnumber.mask(member.id_number)
    age = clock.age_on(member.birth_date, day)
    dues = mo.label(record.dues_paid_to) if record.dues_paid_to else "未登记"
    dues_stub = f"党费交到{dues}。" if record.dues_paid_to else "党费交纳情况未登记。"
    dues_line = f"该同志党费已交到{dues}。" if record.dues_paid_to else "该同志党费交纳情况本支部未登记。"
    void = f"（已撤销：{record.cancel_reason}）" if record.cancelled_on else ""
    # the 存根 in a few lines, so the three parts keep to one sheet even with long names
    stub = Para(f"{record.letter_no}　{member.name}，{member.gender_label}，{age}岁，{member.ethnicity}，中共{standing}，"
                f"公民身份号码{id_text}。组织关系由{record.from_org}转到{record.to_org}"
                f"（{record.reason_label}，{record.scope_label}）。{dues_stub}有效期{record.valid_days}天。"
                f"{format_date(day)}开具。" + void, indent=False)
    letter = [
        Para(f"{TITLE}　{record.letter_no}", indent=False, align="center"),
        Para(f"{record.to_org}：", indent=False),
        Para(f"兹介绍{member.name}同志（{member.gender_label}，{age}岁，{member.ethnicity}，公民身份号码{id_text}），"
             f"系中共{standing}，组织关系由{record.from_org}转到{record.to_org}，请接洽。\n"
             f"{dues_line}（有效期{record.valid_days}天）"),
        DateLine(day, f"{record.from_org}（盖章）", sealed=True),
    ]
    receipt = [
        Para(f"{TITLE}回执　{record.letter_no}", indent=False, align="center"),
        Para(f"{record.from_org}：", indent=False),
        Para(f"{member.name}同志的党员组织关系已转达我处，特此回复。"),
        DateLine("　　年　　月　　日", "接收党组织（盖章）", sealed=True),
    ]
    blocks = [Para("（存根）", indent=False, align="center"), stub, Para(CUT, indent=False, align="center"),
              *letter, PageBreak(), *receipt]
    item = f"T-{record.letter_year}-{record.letter_seq:03d}"
    return Paper(
        "record", TITLE, blocks, branch=party_name(branch.name), record_type="党员组织关系介绍信", date=day,
        metadata=Metadata(title=f"党员组织关系介绍信{record.letter_no}", subject="党员组织关系介绍信",
                          keywords=("组织关系转接", "介绍信", labels.label(labels.TRANSFER_SCOPES_SHORT, record.scope)),
                          **archive_metadata_fields("transfer.letter", branch.code or "", day.year, item)),
    )
