"""Demo 服务群众 for 前进村党支部, last year and this: a 志愿服务 activity most months on
or after the 主题党日 (members, now and then a villager who joined in), four 实事 promised
each January — last year's all done, one of them late; this year's two done, one overdue
and one due at the year's end — the 党务公开 the rule asks for (one 党费 quarter posted
late), and last year's 群众评议 of the committee and of the three committee members.

Its own random stream, so the other demo modules' records do not move when this one changes."""

from __future__ import annotations

import datetime as dt
import random

from ..service import ActivityForm, Participant, PledgeForm, PostingForm, VerdictForm

SEED = 20261117
PLACES = ("村党群服务中心", "村敬老院", "村小学", "村口广场", "三组、四组农户家中", "村卫生室")
# what a month's activity is about, January to December
CONTENTS = ("春节前走访慰问、为困难户送年货", "学雷锋日为高龄老人理发、打扫房间", "植树护绿、清理村道垃圾",
            "宣传防范电信诈骗知识", "帮助农户抢收油菜", "义诊和测量血压", "防汛巡查、疏通沟渠",
            "义务辅导留守儿童暑假作业", "帮助困难户抢收玉米", "重阳节陪伴敬老院老人", "为村民代办医保、社保认证",
            "冬季防火安全检查")
VILLAGERS = ("村民志愿者甲", "村民志愿者乙", "返乡大学生丙")
PLEDGES = {
    0: (("硬化三组通组道路", 6, 30, 0), ("为五保户修缮房屋", 9, 30, 0), ("村口安装路灯", 5, 31, 0),
        ("建成村级图书角", 11, 30, 19)),
    1: (("疏通村内排水沟渠", 5, 31, 0), ("开办农家书屋周末课堂", 8, 31, 0), ("维修村小学围墙", 11, 20, None),
        ("年底走访慰问困难群众", 12, 31, None)),
}


def _activities(archive, rng: random.Random, year: int, today: dt.date, members) -> None:
    for month in range(1, 13):
        day = dt.date(year, month, rng.randrange(10, 26))
        if day > today or rng.random() < 0.2:
            continue
        people = [Participant(member_id=m.id, name=m.name, hours=rng.choice((1, 1.5, 2, 2.5, 3, 4)))
                  for m in rng.sample(members, rng.randrange(3, 9))]
        people += [Participant(name=name, hours=rng.choice((1, 2))) for name in rng.sample(VILLAGERS, rng.randrange(0, 2))]
        archive.service.add_activity(ActivityForm(day, rng.choice(PLACES), CONTENTS[month - 1], people))


def _pledges(archive, year: int, offset: int, today: dt.date, leads) -> None:
    for n, (title, month, day, late_days) in enumerate(PLEDGES[offset]):
        promised = dt.date(year, month, day)
        pledge_id = archive.service.add_pledge(PledgeForm(year, title, promised, leads[n % len(leads)]))
        noted = promised - dt.timedelta(days=40)
        if noted <= today:
            archive.service.add_pledge_note(pledge_id, "已制定实施方案，正在筹措资金和组织施工", noted)
        if late_days is not None:
            done = promised + dt.timedelta(days=late_days) if late_days else promised - dt.timedelta(days=5)
            if done <= today:
                archive.service.add_pledge_note(pledge_id, "已完工，经群众代表验收", done)
                archive.service.complete_pledge(pledge_id, done)


def _post(archive, kind, year, part, posted_on, title="", body="", days=15) -> None:
    archive.openness.add(PostingForm(kind, title, body, year, part, posted_on, "村务公开栏", posted_on,
                                     posted_on + dt.timedelta(days=days - 1)))


def _postings(archive, year: int, today: dt.date) -> None:
    wanted = [("plan", 0, dt.date(year, 1, 20), "年度党建工作计划",
               "一、抓好三会一课和主题党日，每月10日开展主题党日活动。\n二、年初承诺为民办实事4件，按时限办结并公开进展。\n"
               "三、每季度公开党费收缴情况，年底开展群众评议。")]
    for quarter, (month, day) in enumerate(((4, 10), (7, 10), (10, 10), (1, 10)), start=1):
        posted = dt.date(year + (quarter == 4), month, day)
        if year == today.year and quarter == 2:
            posted = dt.date(year, 7, 22)  # after the 15th: late
        wanted.append(("dues", quarter, posted, "", ""))
    wanted += [("pledges", 1, dt.date(year, 7, 10), "", ""), ("pledges", 2, dt.date(year + 1, 1, 10), "", "")]
    appraisal_id = archive.appraisal.appraisal_id(year)
    decided = archive.appraisal.form(appraisal_id).decided_on if appraisal_id else None
    if decided:
        wanted.append(("appraisal", 0, decided + dt.timedelta(days=5), "", ""))
        wanted.append(("rectification", 0, decided + dt.timedelta(days=5), "", ""))
    for kind, part, posted, title, body in wanted:
        if posted <= today - dt.timedelta(days=1):
            _post(archive, kind, year, part, posted, title, body)


def build(archive, rng: random.Random, today: dt.date) -> None:
    rng = random.Random(SEED)
    members = archive.members.all_active()
    committee = [s.member_id for s in archive.branch.own().committee]
    leads = [m.name for m in members if m.id in committee] or [members[0].name]
    for offset, year in enumerate((today.year - 1, today.year)):
        _activities(archive, rng, year, today, members)
        _pledges(archive, year, offset, today, leads)
        _postings(archive, year, today)
    last = today.year - 1
    held = dt.date(last, 12, 20)
    archive.verdicts.add(VerdictForm(last, held, None, 58, 9, 2, 6,
                                     "希望支部多为老人办实事，冬天常来看看\n村道路灯修好了，晚上出行方便多了\n"
                                     "建议公开栏内容及时更新"))
    for member_id in committee[:3]:
        votes = rng.randrange(40, 55)
        archive.verdicts.add(VerdictForm(last, held, member_id, votes, 64 - votes - 3, rng.randrange(0, 3), 3))
