"""Demo branch: 前进村党支部, about 30 members in three groups, with a committee."""

from __future__ import annotations

import datetime as dt
import random

from ..branch import BranchInfo, CommitteeSeat
from ..roster import idnumber
from ..roster.members import MemberForm
from . import transfers

REGION = "330523"  # a county code; the demo people are invented
SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈"
GIVEN = ["建国", "秀英", "国强", "桂兰", "志明", "丽华", "海燕", "卫东", "红梅", "春生",
         "玉珍", "德胜", "小芳", "永强", "晓东", "雪梅", "立新", "美玲", "文斌", "金花",
         "明亮", "淑珍", "振华", "彩霞", "子豪", "欣怡", "俊杰", "思雨", "浩然", "婷婷"]
# Rare characters that papers must print (never an empty box).
RARE_NAMES = ["王堃", "李喆", "赵赟", "陈镕"]
COMMITTEE_INDEXES = (4, 5, 6, 8, 9)  # which of the generated members sit on the committee, in post order
GROUPS = ["第一党小组", "第二党小组", "第三党小组"]
JOBS = ["村民", "种植大户", "村医", "退休教师", "个体经营", "村会计", "合作社理事", "外出务工", "网格员", "退役军人"]


def make_id(rng: random.Random, birth: dt.date, female: bool) -> str:
    serial = rng.randrange(0, 50) * 2 + (0 if female else 1)
    first17 = f"{REGION}{birth:%Y%m%d}{rng.randrange(10, 99):02d}{serial % 10}"
    return first17 + idnumber.check_digit(first17)


def build(archive, rng: random.Random, today: dt.date) -> None:
    term_start = dt.date(today.year - 2, 1, 10) if today.month > 1 else dt.date(today.year - 3, 1, 10)
    archive.branch.save_own(
        BranchInfo(
            name="前进村党支部",
            kind="village",
            code="330523-0117",
            higher_org="中共安溪镇委员会",
            founded_on=dt.date(1956, 3, 1),
            term_started_on=term_start,
        )
    )
    group_ids = [archive.groups.save(name) for name in GROUPS]
    names = RARE_NAMES + [rng.choice(SURNAMES) + given for given in GIVEN[: 30 - len(RARE_NAMES)]]
    member_ids = []
    for index, name in enumerate(names):
        birth = dt.date(rng.randrange(1946, 1999), rng.randrange(1, 13), rng.randrange(1, 29))
        female = name[-1] in "英兰华燕梅珍芳玲花霞怡雨婷"
        joined_earliest = dt.date(birth.year + 19, birth.month, 1)
        probationary = index in (7, 19)
        if probationary:
            joined = today - dt.timedelta(days=rng.randrange(60, 300))
        else:
            span = max((today - dt.timedelta(days=500) - joined_earliest).days, 1)
            joined = joined_earliest + dt.timedelta(days=rng.randrange(0, span))
        if index in COMMITTEE_INDEXES:  # elected in the demo's 换届 two years ago: full members long before
            joined = min(joined, dt.date(today.year - 8, joined.month, 1))
        full = None if probationary else joined + dt.timedelta(days=366 + rng.randrange(0, 40))
        form = MemberForm(
            name=name,
            id_number=make_id(rng, birth, female),
            education=rng.choice(["初中", "高中", "中专", "大学专科", "大学本科", "小学及以下"]),
            phone=f"13{rng.randrange(0, 10)}{rng.randrange(10**7, 10**8)}",
            job=rng.choice(JOBS),
            joined_on=joined,
            full_on=full,
            status="probationary" if probationary else "full",
            group_id=group_ids[index % len(group_ids)],
        )
        member_ids.append(archive.members.add(form))
    # One member works in the city (流动), one moved away (转出).
    # (through the 流动党员 register and a 组织关系转出 whose 回执 never came back: transfers.py)
    transfers.register_away(archive, member_ids[11], today - dt.timedelta(days=200))
    transfers.transfer_out(archive, member_ids[23], today - dt.timedelta(days=400), "中共镇机关党支部", "job", "county")
    committee = list(zip(("secretary", "deputy_secretary", "organisation", "publicity", "discipline"), COMMITTEE_INDEXES))
    info = archive.branch.own()
    info.committee = [CommitteeSeat(post, member_ids[i]) for post, i in committee]
    archive.branch.save_own(info)
    for group_id, leader in zip(group_ids, (10, 12, 14)):
        name = next(g.name for g in archive.groups.list() if g.id == group_id)
        archive.groups.save(name, leader_id=member_ids[leader], group_id=group_id)
