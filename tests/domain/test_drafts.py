"""Power-cut drafts in the archive's drafts/ folder (branchdesk/drafts): kept whole and
owner-only, read back with their dates, refused with a bad name, never a reason to lose
a file that cannot be read — and never carried into a backup or a bundle (drafts are
not records). The command line lists, shows and discards them."""

from __future__ import annotations

import datetime as dt
import os
import stat
import zipfile

import pytest

from branchdesk.bundle.writer import write_bundle
from branchdesk.drafts import Draft, DraftStore, store_for
from branchdesk.errors import ValidationError
from tests.domain.safety_support import cli_run

TYPED = "断电前输入的发言：草稿专用文字甲乙丙"


def a_draft(key: str = "meeting-12", text: str = TYPED) -> Draft:
    state = {"fields": {"0:QLineEdit:place": text, "1:QComboBox:": {"text": "支委会", "$data": "committee"},
                        "2:QTableView:": [{"name": "张三", "due_on": dt.date(2026, 12, 1), "votes": 3}]}}
    return Draft(key, "会议记录「2026年12月支委会」", "basis-hash", state, dt.datetime(2026, 12, 6, 9, 30))


def test_a_draft_reads_back_as_kept_owner_only(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    kept = a_draft()
    store.keep(kept)
    assert store.get("meeting-12") == kept
    assert store.all() == [kept]
    assert kept.texts() == [TYPED, "支委会", "张三"]  # not the choice's code
    path = tmp_path / "drafts" / "meeting-12.json"
    assert [p.name for p in path.parent.iterdir()] == ["meeting-12.json"]  # no temporary file left
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    store.keep(a_draft(text="改过"))
    assert store.get("meeting-12").texts()[0] == "改过"
    store.forget("meeting-12")
    assert store.all() == [] and store.get("meeting-12") is None
    store.forget("meeting-12")  # twice is fine


@pytest.mark.parametrize("key", ["../meeting-1", "会议-1", "Meeting-1", "", "a" * 81])
def test_a_bad_name_is_refused_before_anything_is_written(tmp_path, key):
    store = DraftStore(tmp_path / "drafts")
    with pytest.raises(ValidationError, match="草稿名"):
        store.keep(a_draft(key))
    assert not (tmp_path / "drafts").exists()


def test_an_unreadable_draft_is_left_in_place_and_skipped(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    store.keep(a_draft("life-plan-2026"))
    damaged = tmp_path / "drafts" / "meeting-3.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert [d.key for d in store.all()] == ["life-plan-2026"]
    assert damaged.read_text(encoding="utf-8") == "{not json"


def test_drafts_stay_out_of_backups_and_bundles(bundle_branch, tmp_path):
    archive = bundle_branch
    store_for(archive).keep(a_draft())
    assert (archive.layout.root / "drafts" / "meeting-12.json").is_file()
    archive.branch_key.ensure()
    stick, bundles = tmp_path / "usb", tmp_path / "bundles"
    stick.mkdir()
    bundles.mkdir()
    backup = archive.backup_to(stick)
    written = write_bundle(archive, bundles)
    carried = [p for p in stick.rglob("*") if p.is_file()]
    assert backup in carried and not any("draft" in str(p.relative_to(stick)) for p in carried)
    for path in carried:
        assert TYPED.encode("utf-8") not in path.read_bytes(), path
    with zipfile.ZipFile(written.path) as bundle:
        assert not any("draft" in name for name in bundle.namelist())
        for name in bundle.namelist():
            assert TYPED.encode("utf-8") not in bundle.read(name), name


def test_the_command_line_lists_shows_and_discards(demo_dir, capsys):
    store = DraftStore(demo_dir / "drafts")
    code, out, _ = cli_run(capsys, demo_dir, "drafts", "list")
    assert code == 0 and "没有草稿" in out
    store.keep(a_draft())
    store.keep(a_draft("life-plan-2026", "以学铸魂"))
    code, out, _ = cli_run(capsys, demo_dir, "drafts", "list")
    assert code == 0 and "meeting-12\t2026-12-06 09:30\t会议记录「2026年12月支委会」" in out and "共 2 份草稿" in out
    code, out, _ = cli_run(capsys, demo_dir, "drafts", "show", "meeting-12")
    assert code == 0 and TYPED in out
    code, _, err = cli_run(capsys, demo_dir, "drafts", "show", "meeting-99")
    assert code == 1 and "没有名为“meeting-99”的草稿" in err
    code, out, _ = cli_run(capsys, demo_dir, "drafts", "discard", "meeting-12")
    assert code == 0 and "已丢弃 1 份草稿" in out and [d.key for d in store.all()] == ["life-plan-2026"]
    code, out, _ = cli_run(capsys, demo_dir, "drafts", "discard", "--all")
    assert code == 0 and store.all() == []
