"""Incremental bundles (docs/domain.md §6.3.1), on both engines: after the first bundle
(every year) only the years changed since they were last carried are proposed; the
upper level keeps the years an incremental bundle leaves out; the command line's
default, ``--years`` and ``--all-years``. Yearly PDFs are left out here (see
test_bundle_paper_cache.py for them)."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.archive import Archive
from branchdesk.bundle import writer as bundle_writer
from branchdesk.bundle.changes import year_changes
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.roster.members import MemberForm
from tests.domain.bundle_support import THIS_YEAR, own_key
from tests.domain.meetings_support import held_form
from tests.domain.safety_support import cli_run
from tests.helpers import make_id

LAST_YEAR = THIS_YEAR - 1


@pytest.fixture
def no_papers(monkeypatch):
    monkeypatch.setattr(bundle_writer, "make_year_papers", lambda *args, **kwargs: ([], {}))


def _stick(tmp_path, name="usb"):
    stick = tmp_path / name
    stick.mkdir()
    return stick


def test_only_the_years_changed_since_the_last_bundle_are_proposed(bundle_branch, tmp_path, no_papers):
    archive = bundle_branch
    stick = _stick(tmp_path)
    first = year_changes(archive)
    assert first.first and first.default_years() is None and "全部年份" in first.why()
    assert write_bundle(archive, stick, years=first.default_years()).years == [LAST_YEAR, THIS_YEAR]

    same = year_changes(archive)
    assert same.changed() == [] and same.unchanged() == [LAST_YEAR, THIS_YEAR]
    assert same.default_years() == [] and "没有任何改动" in same.why()

    archive.meetings.plan(held_form(archive, theme="今年又开了一次"))
    changed = year_changes(archive)
    assert changed.default_years() == [THIS_YEAR]
    assert changed.why() == f"{THIS_YEAR}年有改动；{LAST_YEAR}年自上次上报后未变。"
    written = write_bundle(archive, stick, years=changed.default_years())
    assert written.years == [THIS_YEAR]
    verified = verify_bundle(written.path, password=None, known_key=own_key(archive))
    assert {row["theme"] for row in verified.records.tables["meeting"]} >= {"今年又开了一次"}
    assert all(row["held_on"].startswith(str(THIS_YEAR)) for row in verified.records.tables["meeting"])

    # a member joining touches no year: the newest year goes, and the roster with it
    archive.members.add(MemberForm(name="周新", id_number=make_id(dt.date(1990, 2, 3), 511),
                                   joined_on=dt.date(2010, 7, 1), full_on=dt.date(2011, 7, 1), status="full"))
    rest_only = year_changes(archive)
    assert rest_only.changed() == [] and rest_only.rest_changed
    assert rest_only.default_years() == [THIS_YEAR] and "党员名册" in rest_only.why()

    # last year's meeting drafted anew: last year is proposed, this year still counts as sent
    write_bundle(archive, stick, years=rest_only.default_years())
    archive.meetings.plan(held_form(archive, day=dt.date(LAST_YEAR, 9, 9), theme="补记去年的会议"))
    assert year_changes(archive).default_years() == [LAST_YEAR]


def test_the_upper_level_keeps_the_years_an_incremental_bundle_leaves_out(
        bundle_branch, tmp_path, no_papers, archive_factory, engine):
    archive = bundle_branch
    stick = _stick(tmp_path)
    full = write_bundle(archive, stick)
    archive.meetings.plan(held_form(archive, theme="今年又开了一次"))
    incremental = write_bundle(archive, stick, years=year_changes(archive).default_years())
    assert incremental.years == [THIS_YEAR]
    card = archive.branch_key.export_public_key(tmp_path / "card.txt")
    fingerprint = archive.branch_key.identity().fingerprint

    data_dir, url = archive_factory(engine)
    upper_archive = Archive.open(data_dir, url)
    try:
        upper = upper_archive.upper
        upper.create("某某镇党委", "330523")
        upper.enrol(card, fingerprint)
        upper.import_bundle(full.path)
        branch_id = upper.branches()[0].id

        def counts():
            return {y: sum(c.count for c in upper.categories(branch_id, y)) for y in upper.years(branch_id)}

        before = counts()
        assert before[LAST_YEAR] > 0 and before[THIS_YEAR] > 0
        assert upper.import_bundle(incremental.path).outcome == "imported"
        after = counts()
        assert after[LAST_YEAR] == before[LAST_YEAR]  # the year left out is kept as it was
        assert after[THIS_YEAR] == before[THIS_YEAR] + 1  # the year carried is replaced, the new meeting in
    finally:
        upper_archive.close()


@pytest.mark.parametrize("engine", ["sqlite"])  # the command line calls the domain tested above on both engines
def test_the_command_line_carries_the_changed_years_unless_told(bundle_branch, tmp_path, capsys, no_papers):
    archive = bundle_branch
    data_dir, url = archive.layout.root, archive.url
    archive.branch_key.ensure()
    archive.close()
    stick = _stick(tmp_path)

    def export(*more):
        return cli_run(capsys, data_dir, "bundle", "export", "--out", str(stick), *more, db_url=url)

    code, out, err = export()
    assert code == 0, err
    assert f"年份 {LAST_YEAR}、{THIS_YEAR}" in out and "第一个数据包含全部年份" in err
    code, out, err = export()
    assert code == 1 and "没有任何改动" in err and "--all-years" in err
    assert len(list(stick.iterdir())) == 1  # nothing written, no number used
    code, out, err = export("--years", f"{LAST_YEAR}")
    assert code == 0 and f"年份 {LAST_YEAR}，" in out, err
    code, out, err = export("--all-years")
    assert code == 0 and f"年份 {LAST_YEAR}、{THIS_YEAR}" in out, err
    code, out, err = export("--years", f"{LAST_YEAR}-{THIS_YEAR}")
    assert code == 0 and f"年份 {LAST_YEAR}、{THIS_YEAR}" in out, err
    with pytest.raises(SystemExit) as usage:
        export("--years", "去年")
    assert usage.value.code == 2 and "年份「去年」不对" in capsys.readouterr().err
