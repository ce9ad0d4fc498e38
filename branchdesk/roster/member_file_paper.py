"""The 党员档案 of one member for a year as a GB/T 9704 paper (docs/domain.md §19): the
figures first, then each part in a table — the paper an inspector is handed. The ID number
is masked; the facts of a 处分 are printed only when the caller has confirmed the app
password (``facts``), else covered."""

from __future__ import annotations

from .. import clock
from ..archival import archive_metadata_fields
from ..dues.money import yuan_words
from ..meetings.paper_words import party_name
from ..papers import Heading, Metadata, Paper, Para, Table
from ..roster import idnumber
from ..roster.history import status_name
from .member_file import MemberFile

TITLE = "党员档案"


def member_file_paper(archive, got: MemberFile, facts: bool = False) -> Paper:
    m, f = got.member, got.figures()
    branch = archive.branch.own()
    blocks = [
        Para(f"姓名：{m.name}　性别：{m.gender_label}　民族：{m.ethnicity}", indent=False),
        Para(f"公民身份号码：{idnumber.mask(m.id_number)}", indent=False),
        Para(f"入党日期：{m.joined_on:%Y-%m-%d}　转正日期：{m.full_on:%Y-%m-%d}　" if m.full_on else
             f"入党日期：{m.joined_on:%Y-%m-%d}　", indent=False),
        Para(f"党员状态：{m.status_label}　党小组：{m.group_name or '—'}", indent=False),
        Heading(2, "一、年度概况"),
        Para(f"{got.year}年，应参加组织生活{f['meetings_due']}次，出席{f['meetings_present']}次，缺席"
             f"{f['meetings_absent']}次；交纳党费{f['dues_months_paid']}个月，共{yuan_words(got.paid_fen)}，欠交"
             f"{f['dues_months_owed']}个月；谈心谈话{f['talks']}次；民主评议{got.grade or '本年度无评定'}；"
             f"联系户{got.households}户，走访{got.visits}次；参加志愿服务{got.service_activities}次、"
             f"{got.service_hours:g}小时；受表彰{f['commendations']}次，处分和组织处理{f['disciplines']}次。"),
    ]
    blocks += [Para("提示：" + w) for w in got.warnings]
    blocks += [
        Heading(2, "二、参加组织生活"),
        Table(["日期", "会议", "出席情况"],
              [[x.held_on.isoformat(), x.title, "出席" if x.status == "present" else f"缺席（{x.reason}）"]
               for x in got.meetings], col_widths=(2.0, 4.6, 2.0), label="组织生活"),
        Heading(2, "三、交纳党费"),
        Table([f"{x.month.month}月" for x in got.dues_months[:6]],
              [[x.dues_text or "—" for x in got.dues_months[:6]]], label="党费上半年"),
        Table([f"{x.month.month}月" for x in got.dues_months[6:]],
              [[x.dues_text or "—" for x in got.dues_months[6:]]], label="党费下半年"),
        Heading(2, "四、谈心谈话、联系群众和志愿服务"),
        Table(["日期", "谈话对象", "方式"],
              [[t.talked_on.isoformat(), t.other, "主谈" if t.led else "被谈"] for t in got.talks],
              col_widths=(1.6, 3.0, 1.6), label="谈心谈话"),
        Heading(2, "五、党员状态变化和组织关系"),
        Table(["日期", "原状态", "新状态", "原因"],
              [[c.changed_on.isoformat(), status_name(c.status_from), status_name(c.status_to), c.reason or "—"]
               for c in got.history], col_widths=(1.6, 1.4, 1.4, 4.2), label="党员状态变化"),
    ]
    moves = [f"{t.moved_on:%Y-%m-%d}，组织关系{t.direction_label}（{t.letter_no or '无介绍信编号'}）" for t in got.transfers]
    moves += [f"{a.since:%Y-%m-%d}起{a.summary()}" for a in got.away]
    if moves:
        blocks.append(Para("；".join(moves) + "。"))
    blocks += [
        Heading(2, "六、奖惩"),
        Table(["日期", "表彰名称", "授予机关", "文号"],
              [[c.granted_on.isoformat(), c.title, c.granted_by, c.doc_no or "—"] for c in got.commendations],
              col_widths=(1.6, 2.6, 2.8, 1.6), label="表彰"),
        Table(["日期", "种类", "决定机关", "主要事实"],
              [[d.decided_on.isoformat(), d.kind_label, d.decided_by, d.facts_shown(facts) or "—"]
               for d in got.disciplines], col_widths=(1.6, 1.4, 2.4, 3.2), label="处分"),
    ]
    return Paper(
        "record", f"{m.name}{got.year}年度{TITLE}", blocks, branch=party_name(branch.name), record_type=TITLE, date=clock.today(),
        metadata=Metadata(title=f"{m.name}{got.year}年度{TITLE}", subject=TITLE, keywords=(TITLE, m.name),
                          **archive_metadata_fields("member.file", branch.code or "", got.year, f"M-{m.id:04d}")),
    )
