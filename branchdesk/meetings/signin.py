"""The 签到表 (sign-in sheet) of a meeting: who is due, one line each with room to sign,
and a few blank lines for 列席 guests and late additions — printed before the meeting,
signed on paper, scanned and attached before the record goes upward (docs/domain.md §2.6)."""

from __future__ import annotations

from .. import labels
from ..papers import KeyValues, Paper, Para, Table, format_date
from ..papers.document import Metadata
from .forms import AttendanceEntry, MeetingDetail
from .paper_words import party_name

# lines left blank under the due list for guests and whoever the list missed
BLANK_LINES = 3
# signature rows a GB/T 9704 page holds under the form and above the note: a sheet of up
# to this many less one people (a 支委会 of 7) gives up blank lines, down to one, to keep
# to one page (docs/domain.md §2.6); a longer list runs on whatever the blank lines
ONE_PAGE_ROWS = 8
# under the table: for the people signing, one line on a GB/T 9704 page
SIGN_NOTE = "请本人签名，不得代签；缺席的请在备注栏写明原因。"
# an empty signature cell two lines high: room for a hand-written name (about 1 cm)
SIGN_HERE = "\u3000\n\u3000"


def _who(entry: AttendanceEntry) -> str:
    if entry.is_guest:
        return "列席" + (f"（{entry.note}）" if entry.note else "")
    return labels.label(labels.MEMBER_STATUSES, entry.member_status) if entry.member_status else ""


def signin_rows(detail: MeetingDetail) -> list[list[object]]:
    """序号, 姓名, 身份, 签名 (empty), 备注 — the due members, the guests already known,
    then blank lines; people marked 不计入应到 are left off."""
    people = [e for e in detail.form.attendance if not e.is_guest and e.status != "not_counted"]
    people += [e for e in detail.form.attendance if e.is_guest]
    rows: list[list[object]] = [[n, e.name, _who(e), SIGN_HERE, ""] for n, e in enumerate(people, start=1)]
    blank = BLANK_LINES if len(people) >= ONE_PAGE_ROWS else max(1, min(BLANK_LINES, ONE_PAGE_ROWS - len(people)))
    rows += [[len(people) + n, "", "", SIGN_HERE, ""] for n in range(1, blank + 1)]
    return rows


def _time(day, start: str = "", end: str = "") -> str:
    return format_date(day) + (f" {start}" if start else "") + (f"—{end}" if start and end else "")


def signin_paper(detail: MeetingDetail, preset: str = "gongwen") -> Paper:

    f = detail.form
    due = sum(1 for e in f.attendance if not e.is_guest and e.status != "not_counted")
    # the meeting's name is the sheet's title: no row of its own, for the signatures' room
    pairs = [
        # no weekday: a day with its times is short enough to share a row
        ("时间", _time(f.held_on, f.started_at, f.ended_at) if f.held_on else _time(f.planned_on, f.planned_time)),
        ("地点", f.place), ("主持人", f.host_name), ("应到人数", f"{due}人"), ("实到人数", ""),
    ]
    return Paper(
        preset, f"{f.title}签到表", [
            KeyValues(pairs, columns=2, label="会议"),
            Table(["序号", "姓名", "身份", "本人签名", "备注"], signin_rows(detail),
                  col_widths=(1.2, 2.6, 3.6, 5, 2.6), align=("center", "center", "center", "left", "left"),
                  label="签到"),
            # one line for those who sign; attaching the signed scan is the secretary's
            # step, which the editor and 上报 remind of (SCAN_MISSING): a sheet of a few
            # people then keeps to one page (docs/domain.md §2.6)
            Para(SIGN_NOTE),
        ],
        branch=party_name(detail.branch_name), record_type="签到表",
        metadata=Metadata(title=f"{f.title}签到表", subject="签到表",
                          keywords=(labels.label(labels.MEETING_KINDS, f.kind), "签到表"),
                          number=f"M{detail.id:06d}-S"),
    )


# attachments are added to drafts only (定稿 locks them, 上报 seals them with the record)
SCAN_MISSING = ("还没有附上签好字的签到表扫描件。定稿后附件不能再添加，上报后随记录封存；"
                "如需添加，请先「退回草稿」，在「附件」中添加（类别「签到表」）后再定稿、上报。")


def has_signin_scan(detail: MeetingDetail) -> bool:
    """Whether a signed sheet was attached (an attachment of the kind 签到表)."""
    return any(a.kind == "sign_in" for a in detail.attachments)
