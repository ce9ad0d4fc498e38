"""Demo meetings: three years of 三会一课 and 主题党日 for 前进村党支部.

Most required meetings were held; a few were missed (the compliance calendar shows
gaps), two planned ones this year are overdue, absences carry their reasons, general
meetings vote, follow-up tasks are partly done, and some meetings have attachments
(a sign-in sheet PNG and lecture slides PDF, generated here). Earlier years are
reported and sealed, this year's records are final or still drafts."""

from __future__ import annotations

import datetime as dt
import random
import struct
import tempfile
import zlib
from pathlib import Path

from ..meetings import AgendaItem, AttendanceEntry, MeetingForm, ResolutionForm, Speech, TaskForm

PLACES = ["村党群服务中心二楼会议室", "村委会会议室", "村文化礼堂", "新时代文明实践站"]
THEMES = [
    "学习贯彻党的二十大精神", "学习《中国共产党章程》", "乡村振兴与产业发展", "基层党风廉政建设",
    "学习《中国共产党纪律处分条例》", "人居环境整治", "防汛防台与安全生产", "党史学习教育",
    "“我为群众办实事”", "移风易俗与文明乡风", "村级集体经济发展", "垃圾分类志愿服务",
]
COMMITTEE_AGENDA = [
    ("研究本月党员活动安排", "确定主题党日时间、内容和分工。"),
    ("讨论村道路硬化工程推进情况", "听取施工进度汇报，研究下一步协调事项。"),
    ("研究困难党员和群众走访慰问名单", "结合网格排查情况确定名单。"),
    ("讨论发展党员工作", "听取培养联系人对入党积极分子的考察情况汇报。"),
    ("研究村集体经济合作社分红方案", "按章程测算，提交村民代表会议讨论。"),
    ("部署人居环境整治“回头看”", "划分责任区，明确党员包干。"),
]
SPEECHES = [
    "我同意这个安排，建议把时间放在农闲的晚上，方便外出务工的党员参加。",
    "道路工程要注意质量，要请群众代表一起监督。",
    "困难群众名单要公开，接受大家监督，做到公平公正。",
    "建议党员带头，每人联系五户群众，把工作做到家家户户。",
    "我补充一点：资金使用要按“四议两公开”程序办理。",
    "年纪大的党员行动不便，可以上门送学。",
]
RESOLUTIONS = [
    "同意村集体经济合作社年度分红方案，提交村民代表会议表决。",
    "同意将王家山道路硬化工程列入年度为民办实事项目。",
    "同意推荐赵赟同志为入党积极分子。",
    "同意本年度党费收缴使用情况报告。",
]
TASKS = [
    ("整理会议精神，向未到会党员传达", 7),
    ("上门走访慰问困难党员", 14),
    ("将分红方案在村务公开栏公示", 10),
    ("督促施工单位按期完成道路硬化", 45),
    ("报送发展党员材料至镇党委", 20),
]
LECTURE_TITLES = ["学习党章，做合格党员", "传承红色基因", "以党建引领乡村振兴", "严守纪律规矩"]


def png_bytes(width: int = 120, height: int = 80, seed: int = 0) -> bytes:
    """A small greyscale PNG (stands in for a scanned sign-in sheet or a photo)."""
    rows = b"".join(b"\x00" + bytes(((x * 7 + y * 3 + seed) % 200) + 40 for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF with an ASCII line (stands in for lecture slides)."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 24 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _periods(year: int, kind: str, frequency: str):
    months = {"monthly": range(1, 13), "quarterly": (3, 6, 9, 12), "half_year": (6, 12), "yearly": (12,)}
    return months.get(frequency, ())


def build(archive, rng: random.Random, today: dt.date) -> None:
    # The sample sign-in sheets and slides are copied into the archive when attached;
    # their folder goes when the demo is built (it was left in the temporary folder).
    with tempfile.TemporaryDirectory(prefix="branchdesk-demo-") as folder:
        _build(archive, rng, today, Path(folder))


def _build(archive, rng: random.Random, today: dt.date, files: Path) -> None:
    meetings = archive.meetings
    frequencies = meetings.frequencies()
    info = archive.branch.own()
    committee = [s.holder_name for s in info.committee]
    secretary, recorder = committee[0], committee[2]
    groups = archive.groups.list()
    day_of = {"committee": 5, "theme_day": 10, "general": 10, "lecture": 10, "group": 20}
    plans = []
    for year in range(today.year - 2, today.year + 1):
        for kind in ("committee", "theme_day", "general", "lecture", "group"):
            for month in _periods(year, kind, frequencies[kind]):
                for group in groups if kind == "group" else [None]:
                    day = dt.date(year, month, day_of[kind] + rng.randrange(0, 4))
                    plans.append((day, kind, group))
    plans.sort(key=lambda p: (p[0], p[1]))
    overdue_left = 2
    keep_one_overdue = True
    for number, (day, kind, group) in enumerate(plans):
        if day > today:
            continue  # the future is planned by the secretary (plan-year), not invented
        recent = (today - day).days < 40
        if recent and overdue_left and kind in ("committee", "group"):
            overdue_left -= 1
            meetings.plan(MeetingForm(kind=kind, planned_on=day, planned_time="19:00", place=rng.choice(PLACES),
                                      group_id=group.id if group else None))
            continue
        if not recent and rng.random() < 0.07:
            continue  # missed: the calendar shows the gap
        form = _held_form(meetings, rng, day, kind, group, secretary, recorder, number)
        meeting_id = meetings.plan(form)
        if kind == "lecture" or (kind == "committee" and rng.random() < 0.15):
            name = f"sign-in-{number}.png"
            (files / name).write_bytes(png_bytes(seed=number))
            meetings.attach(meeting_id, files / name, "sign_in", f"{day.month}月签到表")
        if kind == "lecture":
            (files / f"slides-{number}.pdf").write_bytes(pdf_bytes(f"Party lecture {day:%Y-%m}"))
            meetings.attach(meeting_id, files / f"slides-{number}.pdf", "slides", f"{form.theme}课件")
        for task in archive.meetings.detail(meeting_id).tasks:
            if task.deadline is None or task.deadline >= today:
                continue
            if keep_one_overdue and (today - day).days < 90:
                keep_one_overdue = False  # the home page has an overdue task to show
                continue
            if rng.random() < 0.9:
                meetings.set_task_done(task.uid, task.deadline - dt.timedelta(days=rng.randrange(0, 5)))
        if (today - day).days > 20:
            meetings.finalise(meeting_id)
            if day.year < today.year:
                meetings.report(meeting_id, f"报{info.higher_org or '上级党委'}")


def _held_form(meetings, rng, day, kind, group, secretary, recorder, number) -> MeetingForm:
    form = MeetingForm(kind=kind, planned_on=day, planned_time="19:00", place=rng.choice(PLACES),
                       group_id=group.id if group else None, held_on=day, started_at="19:00",
                       ended_at=rng.choice(["20:30", "21:00", "20:45"]), recorder_name=recorder)
    form.theme = THEMES[(day.month + day.year) % len(THEMES)]
    form.host_name = group_leader(meetings, group) if group else secretary
    entries = meetings.due_entries(kind, form.group_id)
    for entry in entries:
        roll = rng.random()
        if entry.member_status == "away":
            entry.status, entry.reason, entry.note = "absent", "other", "外出务工，已请假"
        elif roll < 0.08:
            entry.status, entry.reason = "absent", rng.choice(["leave", "sick", "duty"])
        else:
            entry.status = "present"
    form.attendance = entries
    if kind in ("general", "theme_day") and rng.random() < 0.3:
        form.attendance.append(AttendanceEntry("周立平", is_guest=True, status="present", note="镇驻村干部"))
    if kind == "lecture":
        form.title = f"{day.year}年第{(day.month - 1) // 3 + 1}季度党课：{LECTURE_TITLES[(day.month - 1) // 3]}"
        form.speaker_name = secretary
        form.agenda = [AgendaItem(f"{secretary}讲授党课《{LECTURE_TITLES[(day.month - 1) // 3]}》")]
        form.minutes = f"{secretary}同志围绕“{form.theme}”讲授专题党课，结合本村实际，谈体会、讲要求。"
    elif kind == "theme_day":
        form.title = f"{day.year}年{day.month}月主题党日：{form.theme}"
        form.agenda = [AgendaItem("重温入党誓词"), AgendaItem(f"集中学习：{form.theme}"), AgendaItem("开展志愿服务")]
        form.minutes = (f"全体党员重温入党誓词，集中学习{form.theme}相关内容。"
                        "会后党员分组到各自然村开展环境整治志愿服务。")
    else:
        picks = rng.sample(COMMITTEE_AGENDA, 2)
        form.agenda = [AgendaItem(title, summary) for title, summary in picks]
        present = [e.name for e in entries if e.status == "present"] or [secretary]
        form.speeches = [Speech(rng.choice(present), rng.choice(SPEECHES), n % 2 + 1) for n in range(3)]
    if kind == "general":
        check_voters = sum(1 for e in entries if e.status == "present" and e.voting)
        yes = check_voters - rng.randrange(0, 2)
        form.resolutions = [ResolutionForm(RESOLUTIONS[number % len(RESOLUTIONS)], True, yes, 0, check_voters - yes)]
    elif kind == "committee" and rng.random() < 0.5:
        form.resolutions = [ResolutionForm("同意上述安排，由分管委员负责落实。")]
    if kind in ("committee", "general"):
        task, days = TASKS[number % len(TASKS)]
        owner = rng.choice([e.name for e in entries if e.status == "present"] or [secretary])
        form.tasks = [TaskForm(task, owner, day + dt.timedelta(days=days))]
    return form


def group_leader(meetings, group) -> str:
    names = {e.member_id: e.name for e in meetings.due_entries("group", group.id)}
    return names.get(group.leader_id, group.leader_name or "")

