"""Meetings from the command line: the whole job without the window."""

import json
import re

from tests.domain.meetings_support import TODAY
from tests.domain.papers_support import fonts_of, pages_of, text_of
from tests.domain.safety_support import cli_run


def command_line_of(capsys, branch):
    """``run(*args)`` on the branch's archive, closed first as a user's own command finds it."""
    archive = branch[0]
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    return lambda *args: cli_run(capsys, data_dir, *args, db_url=url)


def test_plan_notify_hold_record_attach_finalise_report_export(capsys, branch, tmp_path):
    run = command_line_of(capsys, branch)
    code, out, err = run("meetings", "plan", "--kind", "支委会", "--date", TODAY.isoformat(), "--time", "14:30",
                         "--place", "村委会会议室")
    assert code == 0, err
    meeting_id = int(re.search(r"编号 (\d+)", out).group(1))
    assert run("meetings", "notify", str(meeting_id))[0] == 0

    code, out, err = run("meetings", "hold", str(meeting_id), "--date", TODAY.isoformat(), "--absent", "赵赟=请假")
    assert code == 1 and "缺席原因“请假”无效" in err
    code, out, err = run("meetings", "hold", str(meeting_id), "--date", TODAY.isoformat(), "--host", "王堃",
                         "--recorder", "李喆", "--absent", "赵赟=病假", "--guest", "周立平:镇驻村干部",
                         "--agenda", "研究人居环境整治")
    assert code == 0, err
    assert "应到3人，实到2人，缺席1人，列席1人。" in out

    code, out, _ = run("meetings", "show", str(meeting_id), "--json")
    record = json.loads(out)
    assert record["state"] == "held" and record["counts"]["absent"] == 1
    record["resolutions"] = [{"text": "同意整治方案", "voted": True, "yes": 2, "no": 0, "abstain": 0}]
    record["tasks"] = [{"task": "清理村道垃圾", "owner": "李喆", "deadline": TODAY.isoformat()}]
    record["speeches"] = [{"speaker": "王堃", "content": "要发动群众一起干。", "agenda_no": 1}]
    edited = tmp_path / "record.json"
    edited.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert run("meetings", "record", str(meeting_id), str(edited))[0] == 0

    scan = tmp_path / "签到表.png"
    scan.write_bytes(b"\x89PNG scan " * 50)
    code, out, err = run("meetings", "attach", str(meeting_id), str(scan), "--kind", "签到表")
    assert code == 0, err
    assert run("meetings", "finalise", str(meeting_id))[0] == 0
    code, out, _ = run("meetings", "report", str(meeting_id), "--note", "报镇党委")
    assert code == 0 and "已上报并封存" in out
    code, _, err = run("meetings", "record", str(meeting_id), str(edited))
    assert code == 1 and "已上报并封存" in err

    pdf = tmp_path / "记录.pdf"
    code, out, err = run("export", "meeting", str(meeting_id), "--out", str(pdf))
    assert code == 0, err
    assert all(font["emb"] == "yes" for font in fonts_of(pdf))
    text = re.sub(r"\s+", "", text_of(pdf))
    for expected in ("王堃", "赵赟（病假）", "周立平（镇驻村干部）", "同意整治方案", "清理村道垃圾", "签到表"):
        assert expected in text
    assert f"（{pages_of(pdf)} 页）" in out

    code, out, _ = run("meetings", "tasks")
    uid = re.search(r"\[([0-9a-f]{8})\] 清理村道垃圾", out).group(1)
    assert run("meetings", "task-done", uid)[0] == 0
    assert "共 0 项" in run("meetings", "tasks")[1]

    code, out, _ = run("meetings", "search", "群众")
    assert "发言：王堃" in out and "【群众】" in out
    code, out, _ = run("compliance", "--year", str(TODAY.year), "--json")
    report = json.loads(out)
    committee = next(r for r in report["rows"] if r["kind"] == "committee")
    assert committee["cells"][TODAY.month - 1]["state"] == "held"
    code, out, _ = run("compliance", "--year", str(TODAY.year))
    assert "支委会" in out and "✓" in out

    code, _, err = run("export", "meeting", str(meeting_id), "--paper", "resolution", "--out", str(tmp_path / "r.pdf"))
    assert code == 1 and "只有支部党员大会的决议" in err


def test_show_prints_the_minutes_and_no_dangling_dash_and_hold_warns_of_a_host_off_the_roster(capsys, branch):
    run = command_line_of(capsys, branch)
    code, out, err = run("meetings", "plan", "--kind", "支委会", "--date", TODAY.isoformat(), "--time", "19:00",
                         "--place", "村委会", "--also", "主题党日")
    assert code == 0, err
    meeting_id = str(int(re.search(r"编号 (\d+)", out).group(1)))
    assert run("meetings", "notify", meeting_id, "--prepare", "带好笔记本")[0] == 0
    # a host on nobody's list: held all the same (a 上级 leader may chair), with a warning line
    code, out, err = run("meetings", "hold", meeting_id, "--date", TODAY.isoformat(), "--host", "不存在",
                         "--minutes", "传达镇党委会议精神。\n研究冬季防火工作。")
    assert code == 0, err
    assert "提示：主持人「不存在」不在本支部党员名册中" in out and "已登记召开" in out
    code, out, err = run("meetings", "show", meeting_id)
    assert code == 0, err
    assert f"召开：{TODAY:%Y-%m-%d}  主持人：不存在" in out and " -" not in out
    assert "会议内容：\n  传达镇党委会议精神。\n  研究冬季防火工作。" in out
    assert "同时计为：主题党日" in out and "参会人员：全体支部委员" in out and "会前准备：带好笔记本" in out
    # a member of the roster, or a 列席 guest named in the same command: no warning
    code, out, _ = run("meetings", "hold", meeting_id, "--date", TODAY.isoformat(), "--host", "王堃")
    assert code == 0 and "提示" not in out
    code, out, _ = run("meetings", "hold", meeting_id, "--date", TODAY.isoformat(), "--host", "周立平",
                       "--guest", "周立平:镇驻村干部", "--start", "19:00", "--end", "20:30")
    assert code == 0 and "提示" not in out
    assert f"召开：{TODAY:%Y-%m-%d} 19:00-20:30  主持人：周立平" in run("meetings", "show", meeting_id)[1]
