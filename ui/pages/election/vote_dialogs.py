"""The 换届选举 steps at and after the 大会: who of the electors came, each round's ballots
and votes (counted as they are typed), and the 支委会 choosing 书记/副书记 and dividing the
posts (docs/domain.md §14)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox

from branchdesk import labels
from branchdesk.election import DIVIDED_POSTS, EXCLUSIONS, ROUND_KINDS, Mark, OfficeForm, RoundForm
from branchdesk.election.rules import Vote, count_round, more_than_half, quorum_sentence
from branchdesk.errors import ValidationError
from branchdesk.meetings.rules import Counts

from ...text import tr
from ...toolkit.forms import DateField, FormDialog, read_dates
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table

STATUS = {"present": "出席", "absent": "缺席", "not_counted": "不计入应到"}


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _spin(low: int = 0, high: int = 9999) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    return box


class AttendanceDialog(FormDialog):
    """到会情况 of the electors (正式党员) at the 大会; written into its meeting record."""

    def __init__(self, archive, election_id: int, parent=None):
        super().__init__(tr("election", "登记党员大会到会情况"), parent, width=640, height=600)
        self.archive = archive
        self.election_id = election_id
        record = archive.election.get(election_id)
        self.form.layout_.addRow(_wrapped(tr("election", "只列有选举权的党员（预备党员可列席，不计入）。病假、事假、因公缺席仍计入应到人数；"
                                              "只有选举工作条例规定的情形，经批准可不计入应到人数。")))
        self.held_on = self.form.add_row("held_on", tr("election", "召开日期"), DateField("held_on", "召开日期"))
        self.held_on.set_date(record.held_on or record.planned_on)
        self.model = RowsModel([
            Column("name", "姓名", width=90, editable=False),
            Column("status", "到会情况", "choice", STATUS, width=100),
            Column("reason", "缺席原因", "choice", {"": ""} | labels.ABSENCE_REASONS, width=80,
                   editable=lambda r: r["status"] == "absent"),
            Column("exclusion", "不计入应到的情形", "choice", {"": ""} | EXCLUSIONS, width=230,
                   editable=lambda r: r["status"] == "not_counted"),
        ], "election", self)
        rows = []
        for entry in archive.election.electors(election_id):
            if entry.is_guest or not entry.voting or entry.member_id is None:
                continue
            exclusion = next((k for k, v in EXCLUSIONS.items() if v == entry.note), "")
            rows.append({"id": entry.member_id, "name": entry.name, "status": entry.status or "present",
                         "reason": entry.reason, "exclusion": exclusion})
        self.model.set_rows(rows)
        self.table = editable_table(self.model, "election_attendance", stretch=3)
        self.table.setMinimumHeight(280)
        self.form.add_row("attendance", tr("election", "有选举权的党员"), self.table)
        self.summary = _wrapped()
        self.form.layout_.addRow(self.summary)
        self.model.edited.connect(self._count)
        self._count()

    def _count(self) -> None:
        rows = self.model.rows()
        due = sum(r["status"] != "not_counted" for r in rows)
        present = sum(r["status"] == "present" for r in rows)
        self.summary.setText(quorum_sentence(due, present))

    def mark(self, name: str, status: str, reason: str = "", exclusion: str = "") -> None:
        """Set one elector's line as choosing in its drop-downs does."""
        n = next(i for i, r in enumerate(self.model.rows()) if r["name"] == name)
        self.model.setData(self.model.index(n, 1), status)
        if reason:
            self.model.setData(self.model.index(n, 2), reason)
        if exclusion:
            self.model.setData(self.model.index(n, 3), exclusion)

    def commit(self) -> int | None:
        day = read_dates(self.held_on)["held_on"]
        marks = {r["id"]: Mark(r["status"], r["reason"], r["exclusion"]) for r in self.model.rows()}
        self.archive.election.record_attendance(self.election_id, day, marks)
        return self.election_id


class RoundDialog(FormDialog):
    """One vote: its kind and places are the record's next (正式选举, 重新选举, 重新投票 or
    另行选举, for which the candidates who stand are ticked); the outcome shows as typed."""

    def __init__(self, archive, election_id: int, parent=None):
        super().__init__(tr("election", "登记计票结果"), parent, width=600, height=600)
        self.archive = archive
        self.election_id = election_id
        record = archive.election.get(election_id)
        self.kind, self.places, candidates = archive.election.next_round(record)
        counts = Counts.of(archive.election.electors(election_id))
        self.due, self.present = counts.voters_due, counts.voters_present
        head = tr("election", "第 {0} 轮：{1}，应选 {2} 名。应到会有选举权的党员 {3} 名，实到 {4} 名；当选须得赞成票至少 {5} 票（超过应到半数）。") \
            .format(len(record.rounds) + 1, ROUND_KINDS[self.kind], self.places, self.due, self.present,
                    more_than_half(self.due))
        self.form.layout_.addRow(_wrapped(head))
        self.issued = self.form.add_row("issued", tr("election", "发出选票"), _spin())
        self.issued.setValue(self.present)
        self.returned = self.form.add_row("returned", tr("election", "收回选票"), _spin())
        self.returned.setValue(self.present)
        self.invalid = self.form.add_row("invalid", tr("election", "无效票"), _spin())
        columns = [Column("name", "候选人", width=100, editable=False), Column("yes", "赞成票", "int", width=80)]
        if self.kind == "extra":
            self.form.layout_.addRow(_wrapped(tr("election", "另行选举：勾选本轮的候选人（从未当选的候选人中，仍须差额）。")))
            columns.insert(0, Column("stands", "本轮", "check", width=50))
        self.model = RowsModel(columns, "election", self)
        self.model.set_rows([{"id": p.member_id, "name": p.name, "yes": 0, "stands": True} for p in candidates])
        self.table = editable_table(self.model, "election_votes", stretch=len(columns) - 2)
        self.table.setMinimumHeight(200)
        self.form.add_row("votes", tr("election", "各候选人得票"), self.table)
        self.outcome = _wrapped()
        self.outcome.setObjectName("election_outcome")
        self.form.layout_.addRow(self.outcome)
        for box in (self.issued, self.returned, self.invalid):
            box.valueChanged.connect(self._count)
        self.model.edited.connect(self._count)
        self._count()

    def _standing(self) -> list[dict]:
        return [r for r in self.model.rows() if r.get("stands", True)]

    def _count(self) -> None:
        votes = [Vote(r["id"], r["name"], r["yes"] or 0) for r in self._standing()]
        outcome = count_round(self.places, self.due, self.present, self.issued.value(), self.returned.value(), votes)
        self.outcome.setText(tr("election", "按现在填写的票数：") + outcome.explanation)

    def set_votes(self, votes: dict[str, int]) -> None:
        """Type each candidate's 赞成票 (as editing the cells does)."""
        column = [c.key for c in self.model.columns].index("yes")
        for n, row in enumerate(self.model.rows()):
            if row["name"] in votes:
                self.model.setData(self.model.index(n, column), str(votes[row["name"]]))

    def commit(self) -> int | None:
        standing = self._standing()
        form = RoundForm(self.issued.value(), self.returned.value(), {r["id"]: r["yes"] or 0 for r in standing},
                         self.invalid.value(), [r["id"] for r in standing])
        self.archive.election.record_round(self.election_id, form)
        return self.election_id


class OfficesDialog(FormDialog):
    """支委会 第一次会议: 书记 and 副书记 (等额) with their votes, the other 委员's posts."""

    def __init__(self, archive, election_id: int, parent=None):
        super().__init__(tr("election", "登记支委会选举书记、副书记"), parent, width=580, height=560)
        self.archive = archive
        self.election_id = election_id
        record = archive.election.get(election_id)
        size = len(record.elected)
        self.form.layout_.addRow(_wrapped(tr("election", "新一届支委会第一次会议从当选委员中选举书记{0}（可等额），"
                                              "每人须得到超过委员半数（至少 {1} 票）的赞成票；其他委员明确分工。")
                                          .format(tr("election", "、副书记") if record.deputies else "", more_than_half(size))))
        self.held_on = self.form.add_row("held_on", tr("election", "支委会召开日期"), DateField("held_on", "支委会召开日期"))
        self.held_on.set_date(record.offices_on or record.held_on)
        posts = {"secretary": "书记"} | ({"deputy_secretary": "副书记"} if record.deputies else {}) | \
            {k: labels.COMMITTEE_POSTS[k] for k in DIVIDED_POSTS}
        self.model = RowsModel([
            Column("name", "当选委员", width=100, editable=False),
            Column("post", "职务", "choice", posts, width=110),
            Column("votes", "赞成票（书记、副书记）", "int", width=150,
                   editable=lambda r: r["post"] in ("secretary", "deputy_secretary")),
        ], "election", self)
        held = {o.member_id: o for o in record.offices}
        rows = []
        for p in record.elected:
            office = held.get(p.member_id)
            rows.append({"id": p.member_id, "name": p.name, "post": office.post if office else "committee_member",
                         "votes": office.votes if office else None})
        self.model.set_rows(rows)
        self.table = editable_table(self.model, "election_offices", stretch=2)
        self.table.setMinimumHeight(200)
        self.form.add_row("secretary", tr("election", "分工"), self.table)

    def assign(self, name: str, post: str, votes: int | None = None) -> None:
        n = next(i for i, r in enumerate(self.model.rows()) if r["name"] == name)
        self.model.setData(self.model.index(n, 1), post)
        if votes is not None:
            self.model.setData(self.model.index(n, 2), str(votes))

    def commit(self) -> int | None:
        day = read_dates(self.held_on)["held_on"]
        rows = self.model.rows()
        secretaries = [r for r in rows if r["post"] == "secretary"]
        if len(secretaries) != 1:
            raise ValidationError("secretary", "count", tr("election", "请在当选委员中选定一名书记（现有 {0} 名）。")
                                  .format(len(secretaries)))
        secretary = secretaries[0]
        deputies = {r["id"]: r["votes"] or 0 for r in rows if r["post"] == "deputy_secretary"}
        posts = {r["id"]: r["post"] for r in rows if r["post"] not in ("secretary", "deputy_secretary")}
        self.archive.election.record_offices(self.election_id, OfficeForm(
            day, secretary["id"], secretary["votes"] or 0, deputies, posts))
        return self.election_id

