"""Demo 目标管理 for 前进村党支部: the township's scheme (``targets_library``) for three
years — copied year to year, the current year's with one rule sharpened — a plan each
year, and an inspection every half year. Self-scores of the auto-measured indicators
come from the demo's own meetings, talks, appraisals and ledger; the township's scores
deduct a little here and there. Every period before the latest is filed (sealed); the
latest — the current half-year when it ends within 45 days, otherwise the one just
ended — is still a draft, so the home page has an inspection to ask for. Problems found
go to the ledger, most closed."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from ..targets import UNSET, IndicatorForm, InspectionHeader, Period, periods_of
from ..targets.schedule import DUE_SOON_DAYS
from .meetings import png_bytes
from .targets_library import SCHEME

DUE_WINDOW = dt.timedelta(days=DUE_SOON_DAYS)
PROBLEMS = {
    "5.2": ("部分党小组会记录缺少缺席人员及原因", "按会议记录规范补记缺席原因，支委会每月检查一次记录本"),
    "1.3": ("党群服务中心制度牌破损，未及时更换", "重新制作制度牌并上墙"),
    "6.3": ("少数年老党员全年参加志愿服务不足2次", "结合实际安排力所能及的志愿服务，上门送学同步开展"),
    "3.4": ("流动党员学习培训学时不足", "通过网上学习平台补学，书面报告学习情况"),
    "5.3": ("第二季度党务公开内容更新不及时", "明确宣传委员负责，每季度首月10日前更新公开栏"),
}


def _forms(sharpen: bool = False) -> list[IndicatorForm]:
    forms = []
    for (first, points), seconds in SCHEME:
        forms.append(IndicatorForm(1, first, points * 10))
        for name, pts, rule, evidence, measure in seconds:
            if sharpen and name == "党员参会率":
                rule = "党员参加组织生活的比率不低于90%，流动党员须书面请假。达到目标得满分，未达到按比例计分。"
            forms.append(IndicatorForm(2, name, pts * 10, rule, evidence, measure))
    return forms


def latest_period(today: dt.date) -> Period:
    """The half-year the demo leaves in draft (see the module's note)."""
    candidates = [p for year in (today.year - 1, today.year) for p in periods_of(year, "half")
                  if p.end <= today + DUE_WINDOW]
    return candidates[-1]


def build(archive, rng: random.Random, today: dt.date) -> None:
    t = archive.targets
    info = archive.branch.own()
    body = info.higher_org or "镇党委"
    first_year = today.year - 2
    t.library.create(first_year, f"{first_year}年度村党支部目标管理考核细则", _forms(), issued_by=body,
                     note="镇党委组织办印发，百分制，每半年检查一次。")
    for year in (first_year + 1, today.year):
        t.library.copy(year - 1, year)
    t.library.save(today.year, _forms_with_ids(t.library.get(today.year)))
    for year in (first_year, first_year + 1, today.year):
        t.plans.adopt_library(year, adopted_on=min(dt.date(year, 1, 20), today))
    latest = latest_period(today)
    found_before: set[str] = set()  # a problem found once is put right, not found again
    # the photos are copied into the archive when attached; their folder goes afterwards
    with tempfile.TemporaryDirectory(prefix="branchdesk-demo-targets-") as folder:
        for year in (first_year, first_year + 1, today.year):
            for period in periods_of(year, "half"):
                if period.end > latest.end:
                    continue
                _inspection(archive, rng, period, today, body, Path(folder), period != latest, found_before)


def _forms_with_ids(library) -> list[IndicatorForm]:
    """This year's library with the attendance rule sharpened (same rows, same ids)."""
    sharpened = {f.name: f for f in _forms(sharpen=True)}
    forms = library.forms()
    for form in forms:
        form.scoring_rule = sharpened[form.name].scoring_rule
    return forms


def _inspection(archive, rng, period: Period, today: dt.date, body: str, files: Path, filed: bool,
                found_before: set[str]) -> None:
    inspections = archive.targets.inspections
    inspected_on = min(period.end - dt.timedelta(days=rng.randrange(2, 6)), today)
    inspectors = "刘建国、陈晓燕" if period.no == 1 else "刘建国、王海涛"
    header = InspectionHeader(inspected_on if filed else None, inspectors if filed else "", body, "")
    inspection_id = inspections.create(period, header)
    inspections.suggest_self_scores(inspection_id, today)
    detail = inspections.detail(inspection_id)
    values = {}
    for row in detail.scores:
        self_score = row.self_score_x10
        if self_score is None:  # not auto-measured (or a yearly fact not yet due): a modest self-assessment
            self_score = row.points_x10 - (5 if rng.random() < 0.15 else 0)
        if not filed:
            values[row.code] = (self_score, UNSET, UNSET)
            continue
        problem = row.code in PROBLEMS and row.code not in found_before and rng.random() < 0.6
        deduction = 5 if problem or rng.random() < 0.06 else 0
        remark = PROBLEMS[row.code][0] if problem else ""
        if problem:
            found_before.add(row.code)
        values[row.code] = (self_score, max(0, self_score - deduction), remark)
    inspections.set_scores(inspection_id, values)
    if not filed:
        return
    for code in ("2.1", "4.1"):
        inspections.add_measure_evidence(inspection_id, code, today)
    photo = files / f"position-{period.year}-{period.no}.png"
    photo.write_bytes(png_bytes(seed=period.year + period.no))
    inspections.add_evidence_file(inspections.score_id(inspection_id, "1.3"), photo, "党群服务中心阵地照片")
    found = [r for r in inspections.detail(inspection_id).scores if r.remark]
    for row in found[:2]:
        problem, suggestion = PROBLEMS[row.code]
        problem_id = inspections.add_problem(inspection_id, problem, row.code, suggestion)
        _ledger(archive, rng, problem_id, suggestion, inspected_on, today)
    total = inspections.summary(inspection_id).total_x10 or 0
    remarks = "支部各项工作推进有序，“三会一课”等制度落实较好。" + (
        "个别记录不够规范，需对照问题抓好整改。" if found else "希望继续保持。")
    inspections.save_header(inspection_id, InspectionHeader(inspected_on, inspectors, body,
                                                            remarks + f"（得分{total / 10:g}）"))
    inspections.file(inspection_id, f"报{body}")


def _ledger(archive, rng, problem_id: int, measure: str, listed: dt.date, today: dt.date) -> None:
    seats = {seat.post: seat for seat in archive.branch.own().committee}
    owner = seats.get("organisation") or next(iter(seats.values()))
    deadline = listed + dt.timedelta(days=60)
    item_id = archive.targets.inspections.problem_to_ledger(problem_id, measure, owner.holder_name, deadline,
                                                            owner.member_id, category="style", listed_on=listed)
    done = min(listed + dt.timedelta(days=rng.randrange(20, 55)), today)
    if done < today - dt.timedelta(days=10):
        archive.rectification.add_progress(item_id, f"已按要求落实：{measure}。", done)
        archive.rectification.close(item_id, done, "整改完成，经支委会检查验收。")
