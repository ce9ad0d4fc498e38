"""Names with stray spaces (issue 21, item 6) and the command line's roster import
(item 8 and the .xls, footer and sheet notes of items 3 and 7)."""

import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook

from branchdesk.roster import files as roster_io
from branchdesk.roster.members import MemberForm
from branchdesk.storage.models import Member
from tests.domain.meetings_support import TODAY
from tests.domain.safety_support import cli_run
from tests.helpers import make_id

XLS = Path(__file__).parents[1] / "data" / "roster_xls" / "roster.xls"


def form(name, born, serial=131):
    return MemberForm(name=name, id_number=make_id(born, serial), joined_on=dt.date(2005, 7, 1),
                      full_on=dt.date(2006, 7, 2), status="full")


def test_names_are_stored_without_stray_spaces_from_import_and_entry(archive, tmp_path):
    path = tmp_path / "名册.csv"
    path.write_text(f"姓名,身份证号,入党日期,转正日期\n\u3000赵\u3000秀英\u3000,{make_id(dt.date(1968, 3, 12), 131)},"
                    "1995-07-01,1996-07-02\n", encoding="gbk")
    roster_io.apply(archive, roster_io.preview(archive, path))
    typed = archive.members.add(form(" 王\u00a0芳 ", dt.date(1975, 4, 5), 124))
    foreign = archive.members.add(form("John  Smith", dt.date(1980, 2, 3), 135))
    assert {r.name for r in archive.members.all_active()} == {"赵秀英", "王芳", "John Smith"}
    assert archive.members.get(typed).name == "王芳" and archive.members.get(foreign).name == "John Smith"


def test_names_match_with_and_without_spaces_also_in_old_data(archive):
    zhao = archive.members.add(form("赵秀英", dt.date(1968, 3, 12)))
    wang = archive.members.add(form("王芳", dt.date(1975, 4, 5), 124))
    with archive.bound():  # rows stored before names were cleaned
        Member.update(name="赵\u3000秀英\u3000").where(Member.id == zhao).execute()
    assert archive.members.ids_named("赵秀英") == [zhao]
    assert archive.members.ids_named("赵 秀英") == [zhao]
    assert archive.members.ids_named("王\u3000芳") == [wang]
    assert archive.members.query_ids(text="赵秀英") == [zhao]
    assert archive.members.query_ids(text="王 芳") == [wang]
    assert archive.members.ids_named("赵秀") == []


def test_absent_by_name_finds_a_roster_name_stored_with_spaces(capsys, branch):
    archive, ids, _ = branch
    with archive.bound():
        Member.update(name="赵\u3000赟").where(Member.id == ids["赵赟"]).execute()
    data_dir, url = archive.layout.root, archive.url
    archive.close()

    def run(*args):
        return cli_run(capsys, data_dir, *args, db_url=url)

    code, out, err = run("meetings", "plan", "--kind", "支委会", "--date", TODAY.isoformat(), "--time", "14:30",
                         "--place", "村委会会议室")
    meeting_id = re.search(r"编号 (\d+)", out).group(1)
    assert run("meetings", "notify", meeting_id)[0] == 0
    code, out, err = run("meetings", "hold", meeting_id, "--date", TODAY.isoformat(), "--host", "王堃",
                         "--recorder", "李喆", "--absent", "赵赟=病假", "--agenda", "研究工作")
    assert code == 0, err
    assert "缺席1人" in out


def test_dry_run_says_the_columns_read_and_ignored_and_the_notes(capsys, archive, tmp_path):
    book = Workbook()
    book.active.title = "封面"
    book.active.append(["前进村党支部"])
    sheet = book.create_sheet("名册")
    sheet.append(["姓名", "身份证号码（18位）", "入党时间", "转正时间", "籍贯", "家庭住址"])
    sheet.append(["王堃", make_id(dt.date(1968, 3, 12), 131), "1995-07-01", "1996-07-02", "福建", "村东"])
    sheet.append(["填表人：李秀英", None, None, None, "审核人：王堃"])
    book.save(tmp_path / "名册.xlsx")
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, err = cli_run(capsys, data_dir, "members", "import", str(tmp_path / "名册.xlsx"), "--dry-run",
                             db_url=url)
    assert code == 0, err
    assert "读取的列：「姓名」→姓名、「身份证号码（18位）」→公民身份号码、「入党时间」→入党日期、「转正时间」→转正日期。" in out
    assert "未使用的列：「籍贯」、「家庭住址」" in out
    assert "名册在工作表「名册」中" in out and "第 3 行是表尾" in out
    assert "1 名党员可以导入（--dry-run，未导入）" in out


def test_the_command_line_imports_an_xls_and_joins_a_rows_messages(capsys, archive, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(f"姓名,身份证号,出生年月,入党日期\n王堃,{make_id(dt.date(1968, 3, 12), 131)},1970.05,去年\n",
                   encoding="utf-8")
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, _ = cli_run(capsys, data_dir, "members", "import", str(bad), db_url=url)
    assert code == 1 and "第 2 行（王堃）：" in out and "；" in out and "。；" not in out
    broken = tmp_path / "坏.xls"
    broken.write_bytes(XLS.read_bytes()[:1500])
    code, out, err = cli_run(capsys, data_dir, "members", "import", str(broken), db_url=url)
    assert code == 1 and "不是有效的 .xls 文件" in err and "Traceback" not in err + out
    code, out, err = cli_run(capsys, data_dir, "members", "import", str(XLS), db_url=url)
    assert code == 0, err
    assert "已导入 3 名党员" in out and "第 7、8 行是表尾" in out
    code, out, _ = cli_run(capsys, data_dir, "members", "list", "--search", "赵秀英", db_url=url)
    assert out.startswith("赵秀英\t女")
