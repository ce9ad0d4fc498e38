"""The upper level (上级汇总) through its public API, on both engines: enrolment with the
fingerprint read from paper, importing real bundles of two demo branches (one
encrypted), the dashboard showing each branch's true figures, idempotent import,
refusals that change nothing, a sequence gap, and the mode boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.bundle.errors import BundleRefused
from branchdesk.errors import Conflict, ValidationError
from branchdesk.meetings.compliance import compliance
from branchdesk.upper import WrongMode
from tests.domain.papers_support import text_of
from tests.domain.pdfa_support import pdfa_problems
from tests.domain.upper_support import KINDS, PASSWORD, month_day, table_contents


def _enrol_both(upper, first, second):
    upper.enrol(first.card, first.fingerprint)
    upper.enrol(second.card, second.fingerprint.lower().replace("-", " "))


# -- enrolment -------------------------------------------------------------------------
def test_enrol_needs_the_fingerprint_from_paper(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    before = table_contents(upper_archive)
    wrong = first.fingerprint[:-1] + ("0" if first.fingerprint[-1] != "0" else "1")
    with pytest.raises(ValidationError) as refused:
        upper.enrol(first.card, wrong)
    assert "指纹" in refused.value.message() and "不一致" in refused.value.message()
    assert table_contents(upper_archive) == before

    result = upper.enrol(first.card, first.fingerprint.replace("-", "").lower())
    assert result.outcome == "enrolled"
    assert result.branch.name == "前进村党支部" and result.branch.fingerprint == first.fingerprint
    assert result.branch.confirmed_from_paper
    assert upper_archive.audit.entries()[-1].action == "upper.enrol"

    after_first = table_contents(upper_archive)
    again = upper.enrol(first.card, first.fingerprint)
    assert again.outcome == "unchanged" and "未作更改" in again.message
    assert table_contents(upper_archive) == after_first


def test_a_different_key_for_an_enrolled_branch_needs_a_reason(upper_archive, demo_branches, tmp_path):
    from branchdesk.bundle.keys import card_text, fingerprint_of, read_public_key_file

    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    card = read_public_key_file(first.card)
    new_key = bytes(32 - len(b"other")) + b"other"
    forged = tmp_path / "new-card.txt"
    forged.write_text(card_text(type(card)(card.branch_uid, card.branch_name, card.branch_code, new_key,
                                           fingerprint_of(new_key))), encoding="utf-8")
    before = table_contents(upper_archive)
    with pytest.raises(Conflict) as refused:
        upper.enrol(forged, fingerprint_of(new_key))
    assert "原因" in refused.value.message()
    assert table_contents(upper_archive) == before

    replaced = upper.enrol(forged, fingerprint_of(new_key), replace_reason="支部电脑损坏，重新建档")
    assert replaced.outcome == "replaced" and replaced.branch.fingerprint == fingerprint_of(new_key)
    entry = upper_archive.audit.entries()[-1]
    assert entry.action == "upper.key_replace" and entry.details["reason"] == "支部电脑损坏，重新建档"
    assert entry.details["old_fingerprint"] == first.fingerprint


# -- import and the dashboard's true figures -------------------------------------------------
@pytest.mark.slow
def test_two_branches_import_and_the_dashboard_shows_their_true_figures(upper_archive, demo_branches):
    first, second = demo_branches
    upper = upper_archive.upper
    _enrol_both(upper, first, second)
    steps = []
    imported = upper.import_bundle(first.bundles[0], progress=lambda done, total, text: steps.append(done))
    assert imported.outcome == "imported" and imported.sequence == 1 and imported.gap == 0
    assert steps[0] == 0 and steps[-1] == steps[-1] and max(steps) >= 4
    encrypted = upper.import_bundle(second.bundles[0], password=PASSWORD)
    assert encrypted.outcome == "imported" and encrypted.branch_name == "红旗社区党支部"
    actions = [e.action for e in upper_archive.audit.entries()]
    assert actions.count("upper.import") == 2
    # protected by its own transaction and the branch's undo, not a copy of the archive (issue 18)
    assert not any("pre-import" in p.name for p in upper_archive.layout.backups.iterdir())

    today = clock.today()
    for year in (today.year - 1, today.year):
        board = upper.dashboard(year, today=today)
        by_branch = {}
        for row in board.rows:
            by_branch.setdefault(row.branch_name, {})[row.month] = row
        assert set(by_branch) == {first.name, second.name}
        for branch in (first, second):
            rows = by_branch[branch.name]
            assert sorted(rows) == list(range(1, 13))
            for month, row in rows.items():
                for kind in (*KINDS, "group"):
                    assert row.kinds[kind].month_held == branch.held_in_month(year, month, kind), (branch.name, month, kind)
                assert (row.ledger_open, row.ledger_overdue) == branch.ledger(month_day(year, month, today)), (
                    branch.name, month)
                assert row.life_held == branch.life_held(year)
                assert row.appraisal_done == branch.appraisal_done(year)
                assert (row.inspection_total_x10, row.inspection_grade) == branch.latest_inspection(year)
    # the demo files both half-years of last year: the score column is not vacuously empty
    assert first.latest_inspection(today.year - 1)[0] is not None


def test_dashboard_periods_agree_with_the_branchs_own_compliance_calendar(upper_archive, demo_branches):
    from branchdesk.archive import Archive

    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    today = clock.today()
    year = today.year - 1
    board = {row.month: row for row in upper.dashboard(year, today=today).rows}
    branch_archive = Archive.open(first.folder, read_only=True)
    try:
        report = compliance(branch_archive, year, today)
    finally:
        branch_archive.close()
    for line in report.rows:
        if line.kind not in KINDS:
            continue
        for cell in line.cells:
            assert (board[cell.month].kinds[line.kind].state == "held") == (cell.state == "held"), (line.kind, cell.month)


def test_importing_the_same_bundle_again_changes_nothing(upper_archive, demo_branches):
    first, second = demo_branches
    upper = upper_archive.upper
    _enrol_both(upper, first, second)
    upper.import_bundle(first.bundles[0])
    upper.import_bundle(second.bundles[0], password=PASSWORD)
    before = table_contents(upper_archive)
    writes = upper_archive.db.write_count
    again = upper.import_bundle(first.bundles[0])
    assert again.outcome == "unchanged" and "已导入，未作更改" in again.message
    encrypted_again = upper.import_bundle(second.bundles[0], password=PASSWORD)
    assert encrypted_again.outcome == "unchanged"
    assert table_contents(upper_archive) == before
    assert upper_archive.db.write_count == writes


def test_a_later_bundle_replaces_the_years_it_holds_and_a_gap_is_shown(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    branch = upper.branches()[0]
    counted = {y: sum(c.count for c in upper.categories(branch.id, y)) for y in upper.years(branch.id)}
    third = upper.import_bundle(first.bundles[2])
    assert third.outcome == "imported" and third.gap == 1 and "缺少 1 个" in third.message
    listed = upper.branches()[0]
    assert listed.last_sequence == 3 and listed.has_gap and listed.gaps == 1 and listed.bundles == 2
    # The same records again: replaced, never doubled.
    assert {y: sum(c.count for c in upper.categories(branch.id, y)) for y in upper.years(branch.id)} == counted
    assert "缺少" in upper_archive.audit.entries()[-1].summary
    before = table_contents(upper_archive)
    with pytest.raises(BundleRefused) as late:
        upper.import_bundle(first.bundles[1])
    assert late.value.code == "out_of_order"
    assert table_contents(upper_archive) == before


def test_every_refusal_passes_through_and_changes_nothing(upper_archive, demo_branches, tmp_path):
    first, second = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    data = first.bundles[0].read_bytes()
    truncated = tmp_path / "truncated.bdx"
    truncated.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.bdx"
    middle = _entry_data_offset(first.bundles[0], "records/meeting.json") + 10
    flipped.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:])
    not_bundle = tmp_path / "notes.bdx"
    not_bundle.write_text("会议记录", encoding="utf-8")
    cases = [
        (second.bundles[0], PASSWORD, "unknown_key"),  # 红旗社区 is not enrolled
        (truncated, None, "truncated"),
        (flipped, None, "tampered"),
        (not_bundle, None, "not_a_bundle"),
    ]
    upper.enrol(second.card, second.fingerprint)
    cases[0] = (second.bundles[0], "错误的密码", "bad_password")
    cases.append((second.bundles[0], None, "password_required"))
    before = table_contents(upper_archive)
    for path, password, code in cases:
        with pytest.raises(BundleRefused) as refused:
            upper.import_bundle(path, password=password)
        assert refused.value.code == code, (path.name, refused.value.code)
        assert refused.value.message()
        assert table_contents(upper_archive) == before, path.name


def _entry_data_offset(path, name: str) -> int:
    """Where the bytes of one entry start in the ZIP file (a flipped bit there is damage
    to the records, not to a header field no reader looks at)."""
    import struct
    import zipfile

    with zipfile.ZipFile(path) as bundle:
        info = bundle.getinfo(name)
    with open(path, "rb") as handle:
        handle.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", handle.read(4))
    return info.header_offset + 30 + name_length + extra_length


def test_a_bundle_from_an_unknown_branch_is_refused(upper_archive, demo_branches):
    first, _ = demo_branches
    before = table_contents(upper_archive)
    with pytest.raises(BundleRefused) as refused:
        upper_archive.upper.import_bundle(first.bundles[0])
    assert refused.value.code == "unknown_key" and "登记" in refused.value.message()
    assert table_contents(upper_archive) == before


def test_cancel_before_writing_leaves_the_archive_as_it_was(upper_archive, demo_branches):
    from branchdesk.upper.importer import ImportCancelled

    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    before = table_contents(upper_archive)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 4  # after the checks, during the writing

    with pytest.raises(ImportCancelled):
        upper.import_bundle(first.bundles[0], cancel=cancel)
    assert table_contents(upper_archive) == before


# -- browser ---------------------------------------------------------------------------
def test_browser_walks_branch_year_category_record(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    branch = upper.find_branch("前进村")
    year = clock.today().year - 1
    assert year in upper.years(branch.id)
    categories = {c.key: c for c in upper.categories(branch.id, year)}
    assert categories["meeting:committee"].label == "支委会"
    records = upper.records(branch.id, year, "meeting:committee")
    assert len(records) == categories["meeting:committee"].count
    expected = first.query("SELECT COUNT(*) FROM meeting WHERE kind = 'committee' AND "
                           "substr(COALESCE(held_on, planned_on), 1, 4) = ?", (str(year),))[0][0]
    assert len(records) == expected
    view = upper.record(records[0].id)
    labels = [label for label, _ in view.fields]
    assert labels[:2] == ["会议类型", "标题"] and ("会议类型", "支委会") in view.fields
    attendance = next(c for c in view.children if c.key == "meeting_attendance")
    assert attendance.label == "出席情况" and attendance.columns[0] == "姓名" and attendance.rows
    life = upper.record(upper.records(branch.id, year, "life")[0].id)
    assert {c.key for c in life.children if c.sensitive} <= {"life_criticism", "life_examination"}
    assert any(c.sensitive for c in life.children) and any(not c.sensitive for c in life.children)
    members = upper.records(branch.id, None, "member")
    member = upper.record(members[0].id)
    shown_id = dict(member.fields)["身份证号"]
    assert "*" in shown_id
    assert upper.files(branch.id) and all(f.path.is_file() for f in upper.files(branch.id))
    # The yearly archive PDF the bundle carried, as a file to open.
    pdf = upper.year_pdf(branch.id, year)
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert any(f.kind == "year_pdf" and f.name == f"{year}年度档案.pdf" for f in upper.files(branch.id))


# -- dashboard filters, sorting, exports -------------------------------------------------
@pytest.mark.slow
def test_dashboard_filters_and_sorts_in_sql(upper_archive, demo_branches, tmp_path):
    from openpyxl import load_workbook

    first, second = demo_branches
    upper = upper_archive.upper
    _enrol_both(upper, first, second)
    upper.import_bundle(first.bundles[0])
    upper.import_bundle(second.bundles[0], password=PASSWORD)
    today = clock.today()
    year = today.year - 1
    only = upper.dashboard(year, today=today, search="0245")
    assert {r.branch_name for r in only.rows} == {"红旗社区党支部"}
    assert upper.dashboard(year, today=today, search="%").rows == []
    quarter = upper.dashboard(year, today=today, months=(4, 6))
    assert sorted({r.month for r in quarter.rows}) == [4, 5, 6]
    behind = upper.dashboard(year, today=today, only_behind=True)
    assert all(r.behind for r in behind.rows)
    assert len(behind.rows) == sum(r.behind for r in upper.dashboard(year, today=today).rows)
    ranked = upper.dashboard(year, today=today, sort="ledger_overdue", descending=True)
    values = [r.ledger_overdue for r in ranked.rows]
    assert values == sorted(values, reverse=True)
    # A period's state travels as a number: sorting by it still sorts by the state's name.
    for kind in ("general", "theme_day"):
        states = [r.kinds[kind].state for r in upper.dashboard(year, today=today, sort=f"{kind}_state").rows]
        assert states == sorted(states)
    assert len({r.kinds[k].state for r in ranked.rows for k in r.kinds}) > 1
    with pytest.raises(ValidationError):
        upper.dashboard(year, sort="name; DROP TABLE upper_branch")
    with pytest.raises(ValidationError):
        upper.dashboard(year, months=(7, 3))

    sheet = load_workbook(upper.export_dashboard(ranked, tmp_path / "汇总.xlsx")).active
    assert sheet.cell(row=3, column=1).value == "支部" and sheet.max_row == 3 + len(ranked.rows)
    pdf = upper.export_dashboard(ranked, tmp_path / "board.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdfa_problems(pdf) == []
    assert f"共{len(ranked.rows)}行" in "".join(text_of(pdf).split()[:40])


# -- mode ------------------------------------------------------------------------------
def test_branch_work_is_refused_on_an_upper_archive_and_upper_work_on_a_branch(upper_archive, archive_factory, engine):
    from branchdesk.archive import Archive
    from branchdesk.meetings.forms import MeetingForm

    assert upper_archive.mode == "upper" and upper_archive.is_initialised()
    with pytest.raises(WrongMode) as refused:
        upper_archive.meetings.plan(MeetingForm(kind="committee", planned_on=dt.date(2025, 3, 5)))
    assert "上级汇总档案库" in refused.value.message()
    with pytest.raises(ValidationError):
        upper_archive.settings.set("archive_mode", "branch")

    data_dir, url = archive_factory(engine)
    branch_archive = Archive.open(data_dir, url)
    try:
        from branchdesk.branch import BranchInfo

        branch_archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village"))
        with pytest.raises(WrongMode) as wrong:
            branch_archive.upper.branches()
        assert "支部档案库" in wrong.value.message()
        with pytest.raises(Conflict):
            branch_archive.upper.create("某某镇党委")
    finally:
        branch_archive.close()


def test_periods_before_a_branch_began_its_records_are_not_missing_upstream(upper_archive, templates, tmp_path):
    """A branch that set 从何时开始记录 to July of last year: the upper dashboard shows its
    earlier periods as 「建档前」, as the branch's own calendar does, and counts none of
    them (nor the year before's 组织生活会 and 民主评议) as missing."""
    from branchdesk.archive import Archive
    from branchdesk.bundle import writer as bundle_writer
    from branchdesk.setup.start import set_record_start
    from tests.domain.upper_support import _papers_only_for

    today = clock.today()
    folder, _ = templates.copy(tmp_path / "branch", "sqlite", "demo", today)
    branch = Archive.open(folder, auto_backup=False)
    try:
        set_record_start(branch, dt.date(today.year - 1, 7, 1))
        identity = branch.branch_key.ensure()
        card = branch.branch_key.export_public_key(tmp_path / "card.txt")
        (tmp_path / "out").mkdir()
        with _papers_only_for(None):
            bundle = bundle_writer.write_bundle(branch, tmp_path / "out").path
        own_calendar = compliance(branch, today.year - 1, today)
    finally:
        branch.close(auto_backup=False)
    upper = upper_archive.upper
    upper.enrol(card, identity.fingerprint)
    upper.import_bundle(bundle)

    board = {row.month: row for row in upper.dashboard(today.year - 1, today=today).rows}
    for line in own_calendar.rows:
        if line.kind not in KINDS:
            continue
        for cell in line.cells:
            upstream = board[cell.month].kinds[line.kind]
            assert (upstream.state == "before_start") == (cell.state == "before_start"), (line.kind, cell.month)
    # Held meetings stay 「已开」 there; the rest of those months are 「建档前」, none after.
    before = [(month, kind) for month, row in board.items() for kind, cell in row.kinds.items()
              if cell.state == "before_start"]
    assert before and all(month <= 6 and board[month].kinds[kind].text == "建档前" for month, kind in before)
    assert all(row.missing == 0 for month, row in board.items() if month <= 6)
    earlier = upper.dashboard(today.year - 2, today=today).rows
    assert earlier and all(row.missing == 0 and not row.behind for row in earlier if not row.ledger_overdue)


def test_the_browser_shows_the_branchs_recruitment_records(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    branch = upper.find_branch("前进村")
    year = clock.today().year
    assert year in upper.years(branch.id)  # the demo's pipeline has steps this year
    records = {r.title: r for r in upper.records(branch.id, year, "recruit")}
    assert "宋志强（预备党员）" in records and "吴晓雨（入党申请人）" in records
    view = upper.record(records["宋志强（预备党员）"].id)
    steps = next(c for c in view.children if c.key == "recruit_step")
    assert steps.sensitive and steps.label == "发展步骤" and steps.rows[0][0] == "1. 递交入党申请书"
    assert "*" in dict(view.fields)["身份证号"]


def test_each_branchs_people_per_stage_and_overdue_steps(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    [row] = upper.recruitment(clock.today())
    # the demo: two 申请人, two 积极分子, one 发展对象, one 预备党员 (every bundle carries the 发展档案 whole)
    assert row.stages == {"applicant": 2, "activist": 2, "candidate": 1, "probationary": 1}
    assert row.overdue == []
    later = upper.recruitment(clock.today() + dt.timedelta(days=400))  # nothing done for a year
    assert any("半年考察已逾期" in s for s in later[0].overdue) and any("转正尚未讨论" in s for s in later[0].overdue)


def test_each_branchs_term_end_and_last_election(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    [row] = upper.terms()
    # the demo's committee was elected two years ago, at that year's first valid 支部党员大会
    assert row.last_election_on.year == clock.today().year - 2 and row.term_started_on == row.last_election_on
    assert row.term_due_on == clock.add_years(row.term_started_on, 5) and row.state(clock.today()) == "任期内"
    branch = upper.find_branch("前进村")
    [record] = upper.records(branch.id, row.last_election_on.year, "election")
    assert record.title == f"{row.last_election_on.year}年换届选举（上级已批复）"
    assert dict(upper.record(record.id).fields)["结果批复文号"].startswith("安组〔")


def test_each_branchs_transfers_and_members_away_without_id_numbers(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    year = clock.today().year
    # the demo (docs/domain.md §16): this year one out with its 回执 and one in; last year's letter still
    # without a 回执; one member away since May
    [row] = upper.transfers(year)
    assert row.counts == {"in": 1, "out": 1, "receipt_missing": 0, "away": 1}
    assert upper.transfers(year - 1)[0].counts == {"in": 0, "out": 1, "receipt_missing": 1, "away": 0}
    branch = upper.find_branch("前进村")
    [away] = upper.records(branch.id, year, "away")
    fields = dict(upper.record(away.id).fields)
    assert fields["联系电话"].count("*") == 4 and fields["参加组织生活"] == "参加流入地党组织生活"
    titles = {r.title: r for r in upper.records(branch.id, year, "transfer")}
    assert any("组织关系转出" in t for t in titles) and any("组织关系转入" in t for t in titles)
    received = next(r for t, r in titles.items() if "转出" in t)
    assert received.state_label == "回执已回"


def test_the_dashboard_of_some_branches_is_their_rows_of_the_whole(upper_archive, demo_branches):
    """What a window's first screen asks for (dashboard.branch_order, branch_ids) gives the
    same rows, in the same order, as the whole board."""
    first, second = demo_branches
    upper = upper_archive.upper
    _enrol_both(upper, first, second)
    upper.import_bundle(first.bundles[0])
    upper.import_bundle(second.bundles[0], password=PASSWORD)
    year = clock.today().year - 1
    for descending in (False, True):
        whole = upper.dashboard(year, descending=descending, months=(2, 11))
        order = upper.dashboard_branch_order(descending=descending)
        assert order == list(dict.fromkeys(r.branch_id for r in whole.rows))
        for branch_id in order:
            some = upper.dashboard(year, descending=descending, months=(2, 11), branch_ids=[branch_id])
            assert [r.as_dict() for r in some.rows] == [r.as_dict() for r in whole.rows if r.branch_id == branch_id]
    assert upper.dashboard(year, branch_ids=[]).rows == []
    assert upper.dashboard_branch_order(search="0245") == [b.id for b in upper.branches() if b.code.endswith("0245")]


def test_each_branchs_commendations_and_discipline_counts_without_facts(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    # the demo (docs/domain.md §17): two 表彰 on 七一 and one 批评教育, its facts left at the branch
    rows = {row.commendations: row for row in upper.honours(clock.today().year)}
    [row] = rows.values()
    assert row.commendations == 2 and row.disciplines == {"criticism": 1}
    assert row.sentence() == "表彰2人次；处分和组织处理：批评教育1人次"
    branch = upper.find_branch("前进村")
    punished = [r for r in upper.records(branch.id, clock.today().year, "honours") if r.title == "批评教育"]
    assert len(punished) == 1
    assert "主题党日" not in str(dict(upper.record(punished[0].id).fields))
