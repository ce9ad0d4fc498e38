"""Demo 群众工作 (docs/domain.md §14): a year of 走访 by the committee and four members to
the twelve households they keep (two of them missed in November, so 首页 says who is
behind), and requests in every state — taken in on 走访, by phone, at the 意见箱, at a
座谈会 held in the autumn and from the 组织生活会's opinions; most 办结 and 回访, one
overdue, one become a 整改台账 item."""

from __future__ import annotations

import datetime as dt
import random

from ..masses.forms import HouseholdForm, RequestForm, VisitForm
from ..meetings.forms import MeetingForm
from .recruit import hold

# (name, 村组, phone, kind, circumstances)
HOUSEHOLDS = [
    ("刘桂兰", "一组", "13857210431", "hardship", "独居老人，七十八岁，腿脚不便"),
    ("陈永福", "一组", "13967523108", "contact", "种粮大户，家有四口人"),
    ("王秀珍", "二组", "13605782249", "pair", "丈夫病故，一子在读高中"),
    ("张德胜", "二组", "15968270315", "contact", "退伍军人，经营农家乐"),
    ("李春花", "三组", "13757260982", "hardship", "患慢性病，享受低保"),
    ("赵国强", "三组", "13819276604", "contact", "外出务工返乡，办了竹制品作坊"),
    ("孙玉梅", "四组", "", "pair", "留守老人，子女在外地"),
    ("周建华", "四组", "13588291745", "contact", "茶叶种植户"),
    ("吴金凤", "五组", "15157230268", "hardship", "残疾人家庭，女儿照顾"),
    ("郑大海", "五组", "13905728836", "contact", "村民代表"),
    ("冯小兰", "六组", "13750231957", "pair", "单亲家庭，两个孩子上小学"),
    ("蒋立新", "六组", "18857206614", "contact", "养殖户"),
]
SEEN = ["身体还好，家里收拾得干净", "今年收成不错", "孩子学习情况良好", "房屋有些老旧", "生活基本正常，心情不错",
        "了解了近期家庭收入情况", "宣传了医保政策", "帮忙联系了村医上门"]
# (content, channel, household index or None, person when no household, state, satisfaction)
REQUESTS = [
    ("村口路灯坏了两盏，晚上出行不便", "visit", 1, "", "revisited", "satisfied"),
    ("希望帮忙申请居家养老上门服务", "visit", 0, "", "revisited", "satisfied"),
    ("屋顶漏雨，想申请危房改造补助", "visit", 2, "", "revisited", "basic"),
    ("机耕路坑洼，雨天拖拉机下不了田", "phone", None, "村民老黄", "revisited", "satisfied"),
    ("垃圾清运不及时，夏天有异味", "box", None, "", "revisited", "unsatisfied"),
    ("希望开设电商培训，帮助销售笋干", "forum", None, "群众代表", "revisited", "satisfied"),
    ("孩子上学路上缺少护栏", "visit", 10, "", "revisited", "basic"),
    ("想了解医保慢病报销办法", "call_in", None, "李大爷", "fed_back", ""),
    ("水渠淤塞，灌溉用水困难", "forum", None, "群众代表", "done", ""),
    ("申请残疾人两项补贴进度", "visit", 8, "", "handling", ""),
    ("文化礼堂晚上开放时间太短", "box", None, "", "handling_overdue", ""),
    ("河道边堆放建筑垃圾无人清理", "phone", None, "村民小周", "assigned_overdue", ""),
    ("茶叶销路不畅，希望村里牵线", "visit", 7, "", "received", ""),
]


def build(archive, rng: random.Random, today: dt.date) -> None:
    masses = archive.masses
    members = [m for m in archive.members.all_active() if m.status == "full"]
    committee = [archive.members.get(s.member_id) for s in archive.branch.own().committee if s.member_id]
    keepers = (committee + [m for m in members if m.id not in {c.id for c in committee}][:4])[:6]
    year_start = dt.date(today.year, 1, 1)
    households = []
    for n, (name, address, phone, kind, circumstances) in enumerate(HOUSEHOLDS):
        keeper = keepers[n % len(keepers)]
        households.append((masses.add_household(HouseholdForm(name, address, phone, circumstances, kind, keeper.id,
                                                              keeper.name, year_start)), keeper))
    visits: dict[int, int] = {}
    for n, (household_id, keeper) in enumerate(households):
        for month in range(1, today.month + 1):
            day = dt.date(today.year, month, min(5 + (n * 2 + month) % 20, 28))
            missed_november = n in (4, 9) and month == today.month - 1
            if day > today or missed_november or (month < today.month - 1 and rng.random() < 0.05):
                continue
            visit_id, _ = masses.record_visit(VisitForm(household_id, keeper.id, keeper.name, day, rng.choice(SEEN)))
            visits.setdefault(household_id, visit_id)
    forum_id = _forum(archive, today)
    opinion_uid = next((o.uid for o in masses.opinions() if o.year == today.year and o.source == "masses"), None)
    owners = committee or members
    for n, (content, channel, household_index, person, state, satisfaction) in enumerate(REQUESTS):
        received = today - dt.timedelta(days=300 - n * 22)
        if state in ("handling_overdue", "assigned_overdue"):
            received = today - dt.timedelta(days=40 - n)
        elif state in ("received", "handling"):
            received = today - dt.timedelta(days=12 - n % 3)
        received = max(received, year_start)
        if channel == "forum":
            request_id = masses.take_from_forum(forum_id, content, person, received_on=None)
            received = archive.masses.request(request_id).received_on
        elif channel == "visit":
            household_id, keeper = households[household_index]
            _, request_id = masses.record_visit(VisitForm(household_id, keeper.id, keeper.name, received,
                                                          "入户走访了解情况", content), take_request=True)
        else:
            request_id = masses.take(RequestForm(channel, received, content, person))
        _walk(masses, request_id, owners[n % len(owners)], received, state, satisfaction, today)
    if opinion_uid is not None:
        request_id = masses.take_opinion(opinion_uid)
        received = masses.request(request_id).received_on
        _walk(masses, request_id, owners[0], received, "done", "", today)
    rectified = masses.request_ids(year=today.year, state="revisited")
    unhappy = [q for q in masses.requests(rectified) if q.satisfaction == "unsatisfied"]
    if unhappy:
        masses.to_rectification(unhappy[0].id, "建立垃圾清运台账，与保洁公司约定每周两次清运并公示",
                                today + dt.timedelta(days=45), owners[0].id, owners[0].name, listed_on=today)


def _walk(masses, request_id: int, owner, received: dt.date, state: str, satisfaction: str, today: dt.date) -> None:
    """Take the request as far as ``state``, each step a few days after the one before;
    a step that would fall after ``today`` is not taken (the demo is built for any day)."""
    if state == "received":
        return
    assigned = received + dt.timedelta(days=1)
    overdue = state.endswith("_overdue")
    deadline = max(today - dt.timedelta(days=6), assigned) if overdue else assigned + dt.timedelta(days=20)
    done = assigned + dt.timedelta(days=12)
    steps = [
        (assigned, lambda: masses.assign(request_id, owner.id, owner.name, deadline, assigned)),
        (assigned + dt.timedelta(days=4),
         lambda: masses.add_progress(request_id, "已到现场查看，与有关方面对接", assigned + dt.timedelta(days=4))),
        (done, lambda: masses.complete(request_id, "已按群众意见办理完毕", done)),
        (done + dt.timedelta(days=2),
         lambda: masses.feed_back(request_id, "face", "入户当面告知办理结果", done + dt.timedelta(days=2))),
        (done + dt.timedelta(days=10),
         lambda: masses.revisit(request_id, satisfaction, "群众评价已记录", done + dt.timedelta(days=10))),
    ]
    last = {"assigned": 1, "handling": 2, "done": 3, "fed_back": 4, "revisited": 5}[state.removesuffix("_overdue")]
    for day, step in steps[:last]:
        if day > today:
            return
        step()


def _forum(archive, today: dt.date) -> int:
    """The autumn 座谈会 with villagers' representatives (a meeting of kind 座谈会, held)."""
    day = dt.date(today.year, 9, 18) if today >= dt.date(today.year, 9, 18) else today - dt.timedelta(days=7)
    form = MeetingForm(kind="forum", planned_on=day, title=f"{day.year}年群众代表座谈会", theme="听取群众意见建议",
                       place="村党群服务中心")
    meeting_id = archive.meetings.plan(form)
    hold(archive, meeting_id, day)
    return meeting_id
