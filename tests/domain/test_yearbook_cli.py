"""``branchdesk export year YEAR --out F.pdf`` as a secretary types it (both engines)."""

from __future__ import annotations

import hashlib

from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import pages_of, qpdf_check, text_of
from tests.domain.safety_support import cli_run
from tests.domain.yearbook_support import flat, small_year


def test_export_year_from_the_command_line(branch, tmp_path, capsys):  # noqa: F811
    archive, year = small_year(branch)
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    out = tmp_path / "stick"
    out.mkdir()
    target = out / f"{year}.pdf"

    code, stdout, stderr = cli_run(capsys, data_dir, "export", "year", str(year), "--out", str(target),
                                   "--retention", "长期", db_url=url)
    assert code == 0, stderr
    pages = pages_of(target)
    assert f"已导出 {year} 年度档案：{target}（{pages} 页，记录 3 份" in stdout  # the two meetings and the 党员名册
    assert "支部委员会会议：2 份" in stdout and "党员名册：1 份" in stdout and "目标管理：0 份" in stdout
    assert f"文件 SHA-256：{hashlib.sha256(target.read_bytes()).hexdigest()}" in stdout
    assert "正在读取" in stderr and "正在排版" in stderr and "敏感内容" in stderr  # progress and the warning
    # 长期 asked for, but the 支委会 records in it are kept 永久: the cover and the note say so
    assert qpdf_check(target).returncode == 0 and "保管期限永久" in flat(text_of(target, page=1))
    assert "说明：保管期限按所收记录中最长的“永久”填写（设置为“长期”" in stdout

    code, _, stderr = cli_run(capsys, data_dir, "export", "year", str(year - 3), "--out", str(out / "x.pdf"),
                              db_url=url)
    assert code == 1 and f"错误：{year - 3} 年度没有任何记录" in stderr
    code, _, stderr = cli_run(capsys, data_dir, "export", "year", str(year), "--out", str(out / "x.docx"),
                              "--quiet", db_url=url)
    assert code == 1 and "扩展名应为 .pdf" in stderr and "正在读取" not in stderr
    assert sorted(p.name for p in out.iterdir()) == [target.name]
