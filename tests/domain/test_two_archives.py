"""Each Archive owns its database: two archives open in one process never see each
other, on SQLite and PostgreSQL, whichever was opened last and whichever is closed."""

import datetime as dt
import threading

import pytest

from branchdesk.archive import Archive, setting_defaults
from branchdesk.branch import BranchInfo
from branchdesk.roster.members import MemberForm
from branchdesk.storage.binding import NoArchiveInUse
from branchdesk.storage.models import Member
from tests.helpers import make_id

SERIALS = {"王堃": 11, "李喆": 12, "赵赟": 13, "周立平": 14}


def _branch(archive, name: str) -> None:
    archive.branch.save_own(
        BranchInfo(name=name, kind="village", higher_org="中共测试镇委员会", term_started_on=dt.date(2023, 1, 5))
    )


def _member(name: str, serial: int) -> MemberForm:
    return MemberForm(
        name=name, id_number=make_id(dt.date(1970, 3, 7), serial),
        joined_on=dt.date(1995, 7, 1), full_on=dt.date(1996, 7, 1), status="full",
    )


@pytest.fixture
def two_archives(archive_factory, engine):
    first = Archive.open(*archive_factory(engine))
    second = Archive.open(*archive_factory(engine))
    yield first, second
    for archive in (first, second):
        if not archive.db.is_closed():
            archive.close(auto_backup=False)


def test_two_open_archives_each_read_and_write_only_their_own(two_archives):
    first, second = two_archives  # the second opened last
    _branch(first, "前进村党支部")
    _branch(second, "红星社区党支部")
    first.members.add(_member("王堃", SERIALS["王堃"]))
    second.members.add(_member("李喆", SERIALS["李喆"]))
    first.settings.set("paper_preset", "gongwen")

    assert first.branch.own().name == "前进村党支部"
    assert second.branch.own().name == "红星社区党支部"
    assert [m.name for m in first.members.all_active()] == ["王堃"]
    assert [m.name for m in second.members.all_active()] == ["李喆"]
    assert first.settings.get("paper_preset") == "gongwen"
    assert second.settings.get("paper_preset") == "record"
    # Each change is in its own archive's audit log only.
    assert any("王堃" in e.summary for e in first.audit.entries())
    assert not any("王堃" in e.summary for e in second.audit.entries())
    # What the databases themselves hold, read without the models.
    names = lambda a: [r[0] for r in a.db.execute_sql("SELECT name FROM member").fetchall()]  # noqa: E731
    assert names(first) == ["王堃"] and names(second) == ["李喆"]


def test_closing_one_archive_leaves_the_other_working(two_archives):
    first, second = two_archives
    _branch(first, "前进村党支部")
    _branch(second, "红星社区党支部")
    second.close(auto_backup=False)
    first.members.add(_member("赵赟", SERIALS["赵赟"]))
    assert first.branch.own().name == "前进村党支部"
    assert [m.name for m in first.members.all_active()] == ["赵赟"]
    # The closed one refuses rather than reaching the open one's database.
    with pytest.raises(Exception) as refused:
        second.branch.own()
    assert "前进村" not in str(refused.value)


def test_with_blocks_nest_and_threads_keep_their_own_archive(two_archives):
    first, second = two_archives
    _branch(first, "前进村党支部")
    _branch(second, "红星社区党支部")
    with first:
        assert Member.select().count() == 0
        with second.bound():
            second.members.add(_member("周立平", SERIALS["周立平"]))
            assert Member.select().count() == 1
        assert Member.select().count() == 0
    seen = {}

    def read(archive, key):
        with archive.db.connection_context():
            seen[key] = archive.branch.own().name

    threads = [threading.Thread(target=read, args=(a, k)) for a, k in ((first, 1), (second, 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {1: "前进村党支部", 2: "红星社区党支部"}


def test_another_archive_on_the_same_server_is_not_its_lock_holder(archive_factory, engine):
    """Each archive's writer lock is its own: with one archive open for writing, another
    (on the same PostgreSQL server, or in another folder) opens without a holder named."""
    first = Archive.open(*archive_factory(engine))
    try:
        data_dir, url = archive_factory(engine)
        Archive.open(data_dir, url).close(auto_backup=False)
        with Archive.open(data_dir, url, read_only=True) as second:
            assert second.lock_holder is None and not second.can_take_over
    finally:
        first.close(auto_backup=False)


def test_a_model_query_outside_any_archive_is_refused(two_archives):
    with pytest.raises(NoArchiveInUse):
        Member.select().count()


def test_setting_defaults_do_not_depend_on_what_was_imported():
    defaults = setting_defaults()
    # Every feature's setting has its default as soon as the archive module is loaded.
    assert defaults["meetings.theme_day_of_month"] == 10
    assert defaults["targets.inspection_frequency"] == "half"
    assert defaults["life.talk_rule"] == "any_committee"
    assert defaults["yearbook.retention"] == "永久"
    # A copy: changing it changes nothing for the next archive.
    defaults["meetings.frequency"]["committee"] = "yearly"
    assert setting_defaults()["meetings.frequency"]["committee"] == "monthly"


def test_each_feature_default_is_the_one_its_module_declares():
    """The archive names each feature's default without importing it (issue 18): the
    table must still say what the feature modules say."""
    from branchdesk.dues import rates
    from branchdesk.life import talks
    from branchdesk.masses import rules as masses_rules
    from branchdesk.meetings import manager as meetings
    from branchdesk.meetings import templates
    from branchdesk.recruit import papers as recruit_papers
    from branchdesk.roster import name_order
    from branchdesk.settings import CORE_DEFAULTS
    from branchdesk.study import rules as study_rules
    from branchdesk.targets import grading, schedule
    from branchdesk.transfers import rules as transfer_rules
    from branchdesk.yearbook.retention import RETENTION_CHOICES, RETENTION_SETTING

    declared = {
        meetings.FREQUENCY_SETTING: meetings.DEFAULT_FREQUENCIES,
        meetings.THEME_DAY_SETTING: meetings.DEFAULT_THEME_DAY,
        templates.TEMPLATES_SETTING: templates.DEFAULT_TEMPLATES,
        talks.TALK_RULE_SETTING: talks.DEFAULT_TALK_RULE,
        schedule.FREQUENCY_SETTING: schedule.DEFAULT_FREQUENCY,
        schedule.GRACE_SETTING: schedule.DEFAULT_GRACE_DAYS,
        grading.SETTING: grading.DEFAULT,
        RETENTION_SETTING: RETENTION_CHOICES[0],
        name_order.NAME_ORDER_SETTING: name_order.DEFAULT_NAME_ORDER,
        rates.FARMER_SETTING: rates.DEFAULT_FARMER_FEN,
        recruit_papers.PUBLICITY_SETTING: recruit_papers.DEFAULT_PUBLICITY_DAYS,
        masses_rules.CONTACT_PERIOD_SETTING: masses_rules.DEFAULT_CONTACT_PERIOD,
        masses_rules.BUNDLE_PEOPLE_SETTING: masses_rules.DEFAULT_BUNDLE_PEOPLE,
        study_rules.MAKEUP_SETTING: study_rules.DEFAULT_MAKEUP_DAYS,
        study_rules.REPORT_SETTING: study_rules.DEFAULT_REPORT_PERIOD,
        transfer_rules.RECEIPT_SETTING: transfer_rules.DEFAULT_RECEIPT_MONTHS,
    }
    assert setting_defaults() == CORE_DEFAULTS | declared


def test_managers_made_on_first_use_belong_to_their_own_archive(two_archives):
    first, second = two_archives
    assert first.members is first.members  # made once, then kept
    assert first.members is not second.members
    assert first.meetings._archive is first and second.meetings._archive is second
