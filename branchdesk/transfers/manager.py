"""``archive.transfers``: 组织关系转接 — transfers out of the branch with their numbered
介绍信 and the 回执 that comes back, and transfers in (docs/domain.md §16).

A transfer out makes the member 已转出 from its date in the roster's status history; a
transfer in puts a new member on the roster from its date, or brings a member who had
left back. Cancelling a transfer (a letter 作废, a transfer entered by mistake) restores
the status it replaced, dated the same day, so the roster on any day reads as if it had
not happened; the history keeps both lines. Every change is audited, in its own
transaction."""

from __future__ import annotations

import datetime as dt

import peewee

from .. import clock, labels
from ..dues import months as mo
from ..errors import Conflict, NotFound, ValidationError
from ..storage.binding import ArchiveBound
from ..storage.dues_models import DuesPayment, DuesPaymentMonth
from ..storage.models import Member
from ..storage.transfer_models import AwayMember, MemberTransfer
from ..text import LINE_MAX, bounded, clean_line
from . import rules, status
from .forms import TransferForm, TransferRecord, letter_text


def _now() -> str:
    return clock.now().isoformat(sep=" ")


class TransferManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- settings --------------------------------------------------------------
    def receipt_months(self) -> int:
        """After how many months a missing 回执 is overdue (archive setting)."""
        value = self._archive.settings.get(rules.RECEIPT_SETTING)
        return value if isinstance(value, int) else rules.DEFAULT_RECEIPT_MONTHS

    def set_receipt_months(self, months: int) -> None:
        self._archive.settings.set(rules.RECEIPT_SETTING, rules.check_receipt_months(months))

    # -- reading ---------------------------------------------------------------
    def ids(self, year: int | None = None, direction: str | None = None) -> list[int]:
        """Transfers newest first (by date, then as recorded)."""
        query = MemberTransfer.select(MemberTransfer.id).where(MemberTransfer.branch == self._archive.branch.own_id())
        if year is not None:
            query = query.where(MemberTransfer.moved_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if direction is not None:
            query = query.where(MemberTransfer.direction == direction)
        return [row.id for row in query.order_by(MemberTransfer.moved_on.desc(), MemberTransfer.id.desc())]

    def records(self, ids: list[int] | None = None) -> list[TransferRecord]:
        ids = self.ids() if ids is None else ids
        months = self.receipt_months()
        rows = (MemberTransfer.select(MemberTransfer, Member.id, Member.name).join(Member)
                .where(MemberTransfer.id.in_(ids)))
        found = {row.id: self._record(row, months) for row in rows}
        return [found[i] for i in ids if i in found]

    def get(self, transfer_id: int) -> TransferRecord:
        found = self.records([transfer_id])
        if not found:
            raise NotFound("组织关系转接记录", transfer_id)
        return found[0]

    def of_member(self, member_id: int) -> list[TransferRecord]:
        rows = MemberTransfer.select(MemberTransfer.id).where(MemberTransfer.member == member_id)
        return self.records([r.id for r in rows.order_by(MemberTransfer.moved_on, MemberTransfer.id)])

    def find_letter(self, letter: str) -> TransferRecord:
        """A transfer out by its 介绍信 number (「〔2026〕第3号」, 「2026-3」 or 「2026/3」)."""
        text = clean_line(letter).replace("〔", "").replace("〕", "-").replace("第", "").replace("号", "")
        parts = [p for p in text.replace("/", "-").replace("[", "").replace("]", "-").split("-") if p]
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise ValidationError("letter", "format", f"介绍信编号「{letter}」无法识别，请写成〔2026〕第3号或 2026-3。")
        row = MemberTransfer.get_or_none(MemberTransfer.branch == self._archive.branch.own_id(),
                                         MemberTransfer.letter_year == int(parts[0]),
                                         MemberTransfer.letter_seq == int(parts[1]))
        if row is None:
            raise NotFound("介绍信", letter_text(int(parts[0]), int(parts[1])))
        return self.get(row.id)

    def overdue(self, today: dt.date | None = None) -> list[TransferRecord]:
        """Transfers out whose 回执 has not come back within the set months, oldest first."""
        today = today or clock.today()
        found = [r for r in self.records(self.ids(direction="out")) if r.receipt_overdue(today)]
        return sorted(found, key=lambda r: r.moved_on)

    def next_letter(self, year: int) -> tuple[int, int]:
        """(year, number) the next 介绍信 of ``year`` gets: numbers are never reused, a
        cancelled letter's included."""
        last = (MemberTransfer.select(peewee.fn.MAX(MemberTransfer.letter_seq))
                .where(MemberTransfer.branch == self._archive.branch.own_id(), MemberTransfer.letter_year == year)
                .scalar())
        return year, (last or 0) + 1

    def dues_paid_to(self, member_id: int) -> dt.date | None:
        """The last month the 党费 ledger has a payment for (党费交到), None if none."""
        month = (DuesPaymentMonth.select(peewee.fn.MAX(DuesPaymentMonth.month)).join(DuesPayment)
                 .where(DuesPayment.member == member_id, DuesPaymentMonth.amount_fen > 0).scalar())
        return mo.from_key(month) if month else None

    def year_counts(self, year: int, today: dt.date | None = None) -> dict[str, int]:
        """转入 / 转出 / 回执未回 (of the year's transfers out) / 流动 (spells open during the year)."""
        today = today or clock.today()
        records = [r for r in self.records(self.ids(year=year)) if not r.cancelled_on]
        return {
            "in": sum(1 for r in records if r.direction == "in"),
            "out": sum(1 for r in records if r.direction == "out"),
            "receipt_missing": sum(1 for r in records if r.direction == "out" and not r.receipt_on),
            "receipt_overdue": sum(1 for r in records if r.receipt_overdue(today)),
            "away": len(self._archive.away.ids(year=year)),
        }

    # -- writing ---------------------------------------------------------------
    def transfer_out(self, form: TransferForm) -> int:
        """Record a transfer out and give it the next 介绍信 number of its year; the member
        is 已转出 from ``moved_on`` (an open 流动 spell ends that day)."""
        self._archive.require_writable()
        today = clock.today()
        form.direction = "out"
        values = rules.check_transfer(form, today)
        member = self._member(form.member_id)
        if member.status not in labels.ACTIVE_STATUSES:
            raise ValidationError("member_id", "not_active",
                                  f"{member.name}现为「{member.status_label}」，不在本支部名册中，不能转出。")
        status.check_after_history(member, values["moved_on"], "moved_on", "转接日期")
        if not values["dues_paid_to"]:
            paid = self.dues_paid_to(member.id)
            values["dues_paid_to"] = mo.key(paid) if paid else ""
        with self._archive.db.atomic():
            year, seq = self.next_letter(values["moved_on"].year)
            letter = letter_text(year, seq)
            row = MemberTransfer.create(
                branch=self._archive.branch.own_id(), member=member.id, letter_year=year, letter_seq=seq,
                status_before=member.status, created_at=_now(), updated_at=_now(), **(values | {"letter_no": letter}))
            AwayMember.update(until=values["moved_on"], updated_at=_now()).where(
                AwayMember.member == member.id, AwayMember.until.is_null()).execute()
            status.set_status(self._archive, member.id, "transferred", values["moved_on"],
                             f"组织关系转出至{values['to_org']}，介绍信{letter}")
            self._archive.audit.record("transfer.out", f"组织关系转出：{member.name}，介绍信{letter}",
                                       "member_transfer", row.id, {"to_org": values["to_org"]})
        return row.id

    def transfer_in(self, form: TransferForm) -> int:
        """Record a transfer in: a new roster member (``new_member``) listed from ``moved_on``,
        or a member who had left, restored to 正式/预备 党员 from that day."""
        self._archive.require_writable()
        today = clock.today()
        form.direction = "in"
        values = rules.check_transfer(form, today)
        if form.new_member is None and form.member_id is None:
            raise ValidationError("member_id", "required", "请填写转入党员的信息，或选择名册中已转出的党员。")
        with self._archive.db.atomic():
            reason = f"组织关系由{values['from_org']}转入" + (f"，介绍信{values['letter_no']}" if values["letter_no"] else "")
            if form.new_member is not None:
                new = form.new_member
                if new.joined_on and new.joined_on > values["moved_on"]:
                    raise ValidationError("joined_on", "order", "入党日期晚于转入日期，请核对。")
                member_id = self._archive.members.add(new, reason=reason, listed_on=values["moved_on"])
                status_before, is_new = "", True
            else:
                member = self._member(form.member_id)
                if member.status != "transferred":
                    why = "已在本支部名册中，无需转入" if member.status in labels.ACTIVE_STATUSES else "只有已转出的党员可以转回"
                    raise ValidationError("member_id", "active", f"{member.name}现为「{member.status_label}」，{why}。")
                status.check_after_history(member, values["moved_on"], "moved_on", "转接日期")
                back_to = status.home_status(member, values["moved_on"])
                status.set_status(self._archive, member.id, back_to, values["moved_on"], reason)
                member_id, status_before, is_new = member.id, member.status, False
            row = MemberTransfer.create(branch=self._archive.branch.own_id(), member=member_id, new_member=is_new,
                                        status_before=status_before, created_at=_now(), updated_at=_now(), **values)
            name = self._archive.members.get(member_id).name
            self._archive.audit.record("transfer.in", f"组织关系转入：{name}（来自{values['from_org']}）",
                                       "member_transfer", row.id)
        return row.id

    def update(self, transfer_id: int, form: TransferForm) -> None:
        """Correct what a transfer says (organisations, reason, range, 有效期, 党费, note).
        Its member, direction and date stay: a wrong one is cancelled and recorded again."""
        self._archive.require_writable()
        current = self.get(transfer_id)
        if current.cancelled_on:
            raise Conflict(f"介绍信{current.letter_no}已撤销，不能再修改。")
        form.direction, form.moved_on = current.direction, current.moved_on
        values = rules.check_transfer(form, clock.today())
        if current.direction == "out":
            values["letter_no"] = current.letter_no
        values.pop("direction")
        values.pop("moved_on")
        with self._archive.db.atomic():
            MemberTransfer.update(updated_at=_now(), **values).where(MemberTransfer.id == transfer_id).execute()
            self._archive.audit.record("transfer.update", f"修改组织关系转接：{current.member_name}",
                                       "member_transfer", transfer_id)

    def record_receipt(self, transfer_id: int, received_on: dt.date | None) -> None:
        """The 回执 came back (out) or was sent back (in) on ``received_on``; None clears a
        date entered by mistake."""
        self._archive.require_writable()
        current = self.get(transfer_id)
        if current.cancelled_on:
            raise Conflict("这次组织关系转接已撤销，不能登记回执。")
        if received_on is not None:
            if received_on > clock.today():
                raise ValidationError("receipt_on", "future", "「回执日期」不能晚于今天，请核对。")
            if received_on < current.moved_on:
                raise ValidationError("receipt_on", "order",
                                      f"「回执日期」早于介绍信日期 {current.moved_on:%Y-%m-%d}，请核对。")
        with self._archive.db.atomic():
            MemberTransfer.update(receipt_on=received_on, updated_at=_now()).where(
                MemberTransfer.id == transfer_id).execute()
            what = f"{received_on:%Y-%m-%d}" if received_on else "（清除）"
            self._archive.audit.record("transfer.receipt", f"介绍信回执：{current.member_name} {what}",
                                       "member_transfer", transfer_id)

    def cancel(self, transfer_id: int, reason: str) -> None:
        """Undo a transfer: the status it replaced comes back from the same day. A transfer
        out is kept, marked 已撤销 (its letter number is not given again); a transfer in
        that put a new person on the roster is removed with them, if nothing else refers
        to them yet."""
        self._archive.require_writable()
        reason = bounded("cancel_reason", "撤销原因", clean_line(reason), LINE_MAX, True)
        current = self.get(transfer_id)
        if current.cancelled_on:
            raise Conflict(f"这次组织关系转接已于 {current.cancelled_on:%Y-%m-%d} 撤销。")
        member = self._archive.members.get(current.member_id)
        later = status.changes_after(member.id, current.moved_on)
        if later:
            raise Conflict(f"{member.name}在 {later[0]:%Y-%m-%d} 又有党员状态变化，不能撤销这次转接；"
                           "请先撤销之后的变化。")
        with self._archive.db.atomic():
            if current.direction == "in" and current.new_member:
                MemberTransfer.delete().where(MemberTransfer.id == transfer_id).execute()
                self._archive.members.delete(member.id)
            else:
                restored = current.status_before or "transferred"
                word = "转出" if current.direction == "out" else "转入"
                status.set_status(self._archive, member.id, restored, current.moved_on, f"撤销{word}：{reason}")
                MemberTransfer.update(cancelled_on=clock.today(), cancel_reason=reason, updated_at=_now()).where(
                    MemberTransfer.id == transfer_id).execute()
                if current.direction == "out":
                    AwayMember.update(until=None, updated_at=_now()).where(
                        AwayMember.member == member.id, AwayMember.until == current.moved_on).execute()
            self._archive.audit.record("transfer.cancel", f"撤销组织关系{current.direction_label}：{member.name}（{reason}）",
                                       "member_transfer", transfer_id, {"letter_no": current.letter_no})

    # -- helpers ---------------------------------------------------------------
    def _record(self, row: MemberTransfer, months: int) -> TransferRecord:
        return TransferRecord(
            row.id, row.direction, row.member_id, row.member.name, bool(row.new_member), row.moved_on,
            row.letter_year, row.letter_seq, row.letter_no, row.from_org, row.to_org, row.reason, row.reason_note,
            row.scope, row.valid_days, mo.from_key(row.dues_paid_to) if row.dues_paid_to else None, row.receipt_on,
            row.status_before, row.cancelled_on, row.cancel_reason, row.note,
            rules.receipt_due_on(row.moved_on, months) if row.direction == "out" else None,
        )

    def _member(self, member_id: int | None):
        if member_id is None:
            raise ValidationError("member_id", "required", "请选择党员。")
        member = self._archive.members.get(member_id)
        if Member.get_by_id(member_id).branch_id != self._archive.branch.own_id():
            raise NotFound("党员", member_id)
        return member
