"""With an app password set, the command line asks for it where the window does: before
criticism and self-examination texts are printed or exported, and before the branch key
(sealed under the password) signs a bundle. Without a terminal or a password file it
refuses in Chinese; wrong passwords count like the window's and the waits grow."""

import io
import shutil

import pytest

from branchdesk.archive import Archive
from tests.domain.life_support import YEAR
from tests.domain.safety_support import cli_run

PASSWORD = "支部密码2025"
LAST_YEAR = str(YEAR - 1)


@pytest.fixture(scope="module")
def protected_template(tmp_path_factory, templates):
    """The demo branch (a copy of the demo template) with an app password, made once
    for this module."""
    data_dir, _ = templates.copy(tmp_path_factory.mktemp("protected") / "demo", "sqlite", "demo")
    archive = Archive.open(data_dir, auto_backup=False)
    try:
        archive.branch_key.ensure()
        archive.access.set_password(PASSWORD)
    finally:
        archive.close(auto_backup=False)
    return data_dir


@pytest.fixture
def protected(protected_template, tmp_path):
    data_dir = tmp_path / "demo"
    shutil.copytree(protected_template, data_dir)
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    (tmp_path / "wrong.txt").write_text("不对的密码\n", encoding="utf-8")
    return data_dir


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


SENSITIVE = [
    ("life", "show", LAST_YEAR, "--texts"),
    ("export", "life-meeting", LAST_YEAR, "--paper", "record", "--out", "{out}/record.pdf"),
    ("export", "year", LAST_YEAR, "--quiet", "--out", "{out}/year.pdf"),
]


@pytest.mark.parametrize("command", SENSITIVE, ids=["life-show-texts", "life-record-pdf", "year-archive"])
def test_sensitive_output_needs_the_app_password(protected, tmp_path, capsys, monkeypatch, command):
    args = [part.format(out=tmp_path) for part in command]
    code, out, err = cli_run(capsys, protected, *args)  # no terminal, no password file
    assert code == 1 and "应用密码" in err and "--password-file" in err and "Traceback" not in err
    assert "措施：" not in out and not list(tmp_path.glob("*.pdf"))

    code, out, err = cli_run(capsys, protected, *args, "--password-file", str(tmp_path / "wrong.txt"))
    assert code == 1 and "密码不正确" in err and not list(tmp_path.glob("*.pdf"))

    code, out, err = cli_run(capsys, protected, *args, "--password-file", str(tmp_path / "pw.txt"))
    assert code == 0, err

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    code, out, err = cli_run(capsys, protected, *args)
    assert code == 0, err


def test_the_summary_without_texts_needs_no_password(protected, capsys):
    code, out, err = cli_run(capsys, protected, "life", "show", LAST_YEAR)
    assert code == 0, err


def test_failed_attempts_count_and_the_waits_grow(protected, tmp_path, capsys):
    wrong = ["life", "show", LAST_YEAR, "--texts", "--password-file", str(tmp_path / "wrong.txt")]
    for _ in range(3):
        code, _out, err = cli_run(capsys, protected, *wrong)
        assert code == 1
    assert "秒后再试" in err
    # During the wait even the right password is not checked (as in the window).
    code, _out, err = cli_run(capsys, protected, "life", "show", LAST_YEAR, "--texts",
                              "--password-file", str(tmp_path / "pw.txt"))
    assert code == 1 and "秒后再试" in err


def test_exporting_a_bundle_needs_the_app_password(protected, tmp_path, capsys):
    out = tmp_path / "stick"
    out.mkdir()
    code, _out, err = cli_run(capsys, protected, "bundle", "export", "--out", str(out), "--year", LAST_YEAR)
    assert code == 1 and "应用密码" in err and not list(out.iterdir())
    code, _out, err = cli_run(capsys, protected, "bundle", "export", "--out", str(out), "--year", LAST_YEAR,
                              "--app-password-file", str(tmp_path / "pw.txt"))
    assert code == 0, err
    assert len(list(out.glob("*.bdx"))) == 1
