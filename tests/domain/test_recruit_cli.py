"""``branchdesk recruit …`` as a secretary scripts it (docs/domain.md §11), on every engine."""

from __future__ import annotations

import datetime as dt
import json

from branchdesk.archive import Archive
from tests.domain.recruit_support import BIRTH, held_meeting
from tests.helpers import make_id, run_cli


def _cli(archive, *args, code=0):
    result = run_cli(archive.layout.root, "recruit", *args, db_url=archive.url)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_a_record_kept_from_the_command_line(branch, tmp_path):
    archive, ids, _ = branch
    archive.close(auto_backup=False)  # the command line opens it itself
    number = make_id(BIRTH, 311)
    assert "已为周新建立发展档案" in _cli(archive, "add", "--name", "周 新", "--id-number", number, "--job", "村民").stdout
    _cli(archive, "step", "周新", "1", "--date", "2023-03-01", "--text", "志愿入党")
    late = _cli(archive, "step", "周新", "党组织派人谈话", "--date", "2023-04-05", "--people", "王堃", code=1)
    assert "一个月内派人同入党申请人谈话" in late.stderr and "情况说明" in late.stderr
    not_full = _cli(archive, "step", "周新", "2", "--date", "2023-03-20", "--people", "张伟", code=1)
    assert "正式党员" in not_full.stderr
    _cli(archive, "step", "周新", "2", "--date", "2023-04-05", "--people", "王堃", "--reason", "申请人外出务工")
    skipped = _cli(archive, "step", "周新", "5", "--date", "2023-05-01", "--people", "陈镕", code=1)
    assert "下一步应为「推荐和确定入党积极分子」" in skipped.stderr
    made = _cli(archive, "meeting", "周新", "--step", "3", "--date", "2023-06-10").stdout
    meeting_id = int(made.split("编号 ")[1].split("）")[0])
    with Archive.open(archive.layout.root, archive.url) as reopened:
        from branchdesk.demo.recruit import hold

        hold(reopened, meeting_id, dt.date(2023, 6, 10))
    _cli(archive, "step", "周新", "3", "--meeting", str(meeting_id), "--decision", "党员推荐")
    _cli(archive, "step", "周新", "4", "--date", "2023-06-15")  # the body: the branch's 上级党委
    scan = tmp_path / "备案表.pdf"
    scan.write_bytes(b"%PDF-1.4 filing")
    _cli(archive, "attach", "周新", "报上级党委备案", str(scan), "--title", "备案表")

    shown = json.loads(_cli(archive, "show", number, "--json").stdout)
    assert shown["stage"] == "入党积极分子" and [s["number"] for s in shown["steps"]] == [1, 2, 3, 4]
    assert shown["steps"][1]["reason"] == "申请人外出务工" and shown["steps"][3]["body"] == "中共测试镇委员会"
    assert shown["steps"][2]["date"] == "2023-06-10" and "通过" in shown["steps"][2]["vote"]
    assert shown["steps"][3]["documents"][0]["title"] == "备案表" and shown["id_number"].count("*") == 8
    text = _cli(archive, "show", "周新").stdout
    assert "3. 推荐和确定入党积极分子　2023-06-10　党员推荐" in text and "下一步：5. 指定培养联系人" in text
    listed = _cli(archive, "list", "--stage", "入党积极分子").stdout
    assert "周新　入党积极分子" in listed
    assert "没有处于「发展对象」阶段的人" in _cli(archive, "list", "--stage", "发展对象").stdout
    assert "【逾期】" in _cli(archive, "due").stdout  # no 考察 since 2023-06-10
    assert "25. 材料归档" in _cli(archive, "steps").stdout
    assert "已撤销「4. 报上级党委备案」" in _cli(archive, "undo", "周新").stdout
    assert "没有“李四”的发展档案" in _cli(archive, "show", "李四", code=1).stderr
    assert "步骤“第九步”无法识别" in _cli(archive, "step", "周新", "第九步", code=1).stderr


def test_a_meeting_that_did_not_pass_decides_nothing(branch):
    archive, ids, _ = branch
    from branchdesk.recruit import PersonForm, StepForm, StepPerson

    pid = archive.recruit.add_person(PersonForm(name="周新", id_number=make_id(BIRTH, 311)))
    archive.recruit.record_step(pid, StepForm("application", dt.date(2023, 3, 1)))
    archive.recruit.record_step(pid, StepForm("first_talk", dt.date(2023, 3, 5),
                                              [StepPerson("talker", "王堃", ids["王堃"])]))
    failed = held_meeting(archive, pid, "activist", dt.date(2023, 6, 10), yes=1)
    archive.close(auto_backup=False)
    refused = _cli(archive, "step", "周新", "3", "--meeting", str(failed), "--decision", "群团组织推优", code=1)
    assert "未获通过" in refused.stderr


def test_review_texts_are_shown_only_with_texts_and_the_app_password(branch, tmp_path):
    archive, ids, _ = branch
    from tests.domain.recruit_support import new_person, walk

    pid = new_person(archive)
    walk(archive, ids, pid, until="candidate")
    archive.access.set_password("支部密码2025")
    archive.close(auto_backup=False)
    covered = _cli(archive, "show", "周新").stdout
    assert "考察意见：（敏感内容，加 --texts 显示）" in covered and "思想进步" not in covered
    refused = _cli(archive, "show", "周新", "--texts", code=1).stderr  # no terminal, no password file
    assert "需要应用密码" in refused and "思想进步" not in refused
    (tmp_path / "pw.txt").write_text("支部密码2025\n", encoding="utf-8")
    shown = _cli(archive, "show", "周新", "--texts", "--password-file", tmp_path / "pw.txt").stdout
    assert "考察意见：思想进步，表现良好" in shown
    assert "需要应用密码" in _cli(archive, "paper", "周新", code=1).stderr


def test_finalise_and_report_from_the_command_line(branch):
    archive, ids, _ = branch
    from tests.domain.recruit_support import new_person, walk

    walk(archive, ids, new_person(archive))
    archive.close(auto_backup=False)
    assert "已定稿" in _cli(archive, "finalise", "周新").stdout
    assert "已上报并封存" in _cli(archive, "report", "周新", "--note", "报镇党委").stdout
    assert "已上报并封存，不能修改" in _cli(archive, "undo", "周新", code=1).stderr
    assert "新建修订版本" in _cli(archive, "correct", "周新", "--reason", "日期有误").stdout
    assert "已撤销" in _cli(archive, "undo", "周新").stdout
