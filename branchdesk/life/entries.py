"""The rows a 组织生活会 cycle gathers — opinions, problem lists, 对照检查 and the
criticism entries — each added, changed and removed one at a time while the cycle is a
draft (``archive.life.opinions.add(cycle_id, Opinion(...))`` and so on)."""

from __future__ import annotations

import dataclasses
import uuid

import peewee

from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound
from ..storage.models import LifeCriticism, LifeCycle, LifeExamination, LifeOpinion, LifeProblem
from . import store, validate


class _CycleRows(ArchiveBound):
    """Rows of one child table of ``life_cycle``."""

    model: type[peewee.Model]
    what: str  # the row's name in messages
    action: str  # audit action
    has_uid = True

    def __init__(self, life):
        self._life = life
        self._archive = life._archive

    # -- subclass hooks --------------------------------------------------------
    def clean(self, item, cycle: LifeCycle):
        raise NotImplementedError

    def values(self, item) -> dict:
        raise NotImplementedError

    def item_of(self, row):
        raise NotImplementedError

    def describe(self, item) -> str:
        raise NotImplementedError

    def after_write(self, cycle_id: int) -> None:
        """Keep derived order up to date (criticism)."""

    # -- reading ---------------------------------------------------------------
    def list(self, cycle_id: int) -> list:
        return [self.item_of(r) for r in store.rows_of(self.model, cycle_id)]

    def get(self, row_id: int):
        return self.item_of(self._row(row_id))

    def _row(self, row_id: int):
        row = (
            self.model.select().join(LifeCycle)
            .where(self.model.id == row_id, LifeCycle.branch == self._archive.branch.own_id()).first()
        )
        if row is None:
            raise NotFound(self.what, row_id)
        return row

    # -- writing ---------------------------------------------------------------
    def add(self, cycle_id: int, item) -> int:
        self._archive.require_writable()
        cycle = self._life._draft_row(cycle_id)
        cleaned = self.clean(item, cycle)
        values = self.values(cleaned)
        if self.has_uid:
            values["uid"] = cleaned.uid or uuid.uuid4().hex
        with self._archive.db.atomic():
            last = self.model.select(peewee.fn.MAX(self.model.position)).where(self.model.cycle == cycle_id).scalar()
            row = self.model.create(cycle=cycle_id, position=(last or 0) + 1, **values)
            self.after_write(cycle_id)
            self._log(cycle_id, f"登记{self.what}：{self.describe(cleaned)}", row.id)
        return row.id

    def update(self, row_id: int, item) -> None:
        self._archive.require_writable()
        row = self._row(row_id)
        cycle = self._life._draft_row(row.cycle_id)
        cleaned = self.clean(dataclasses.replace(item, id=row_id), cycle)
        with self._archive.db.atomic():
            self.model.update(**self.values(cleaned)).where(self.model.id == row_id).execute()
            self.after_write(row.cycle_id)
            self._log(row.cycle_id, f"修改{self.what}：{self.describe(cleaned)}", row_id)

    def delete(self, row_id: int) -> None:
        self._archive.require_writable()
        row = self._row(row_id)
        self._life._draft_row(row.cycle_id)
        item = self.item_of(row)
        if self.has_uid:
            linked = store.linked_items(self._archive.branch.own_id(), [row.uid]).get(row.uid)
            if linked:
                numbers = "、".join(f"第 {n} 号" for n in linked)
                raise Conflict(f"这条{self.what}已列入整改台账（{numbers}），不能删除。请先在整改台账中处理那些事项。")
        with self._archive.db.atomic():
            self.model.delete().where(self.model.id == row_id).execute()
            self.after_write(row.cycle_id)
            self._log(row.cycle_id, f"删除{self.what}：{self.describe(item)}", row_id)

    def _log(self, cycle_id: int, summary: str, row_id: int) -> None:
        self._archive.audit.record(self.action, summary[:120], "life_cycle", cycle_id, {"row": row_id})

    def _people(self) -> dict[int, str]:
        return store.people(self._archive.branch.own_id())


class Opinions(_CycleRows):
    model = LifeOpinion
    what = "征求意见"
    action = "life.opinion"

    def clean(self, item, cycle):
        return validate.clean_opinion(item, cycle.year, self._people())

    def values(self, item):
        return store.opinion_values(item)

    def item_of(self, row):
        return store.opinion_of(row)

    def describe(self, item):
        return f"{item.addressed_label}：{item.content[:30]}"

    def answer(self, row_id: int, answer: str, answered_on=None) -> None:
        """Write (or clear) the answer of one opinion."""
        item = self.get(row_id)
        item.answer, item.answered_on = answer, answered_on
        self.update(row_id, item)


class Problems(_CycleRows):
    model = LifeProblem
    what = "问题清单"
    action = "life.problem"

    def clean(self, item, cycle):
        return validate.clean_problem(item, self._people())

    def values(self, item):
        return store.problem_values(item)

    def item_of(self, row):
        return store.problem_of(row)

    def describe(self, item):
        return f"{item.owner_label}：{item.problem[:30]}"


class Examinations(_CycleRows):
    """One 对照检查 per member and one for the committee: ``add`` refuses a second one."""

    model = LifeExamination
    what = "对照检查"
    action = "life.examination"
    has_uid = False

    def clean(self, item, cycle):
        cleaned = validate.clean_examination(item, cycle.year, self._people())
        same = self.model.select().where(self.model.cycle == cycle.id)
        if cleaned.member_id is not None:
            same = same.where(self.model.member == cleaned.member_id)
        else:
            same = same.where(self.model.member.is_null(), self.model.owner_name == cleaned.owner_name)
        if item.id is not None:
            same = same.where(self.model.id != item.id)
        if same.exists():
            raise ValidationErrors([ValidationError(
                "owner_name", "duplicate", f"{cleaned.owner_label}的对照检查已经登记过了，请在原来那份上修改。")])
        return cleaned

    def values(self, item):
        return store.examination_values(item)

    def item_of(self, row):
        return store.examination_of(row)

    def describe(self, item):
        return f"{item.owner_label}的对照检查"

    def of(self, cycle_id: int, member_id: int | None) -> object | None:
        """The 对照检查 of a member (None: the committee's), or None."""
        for item in self.list(cycle_id):
            if item.member_id == member_id and (member_id is not None or not item.owner_name):
                return item
        return None


class CriticismEntries(_CycleRows):
    """Kept in the order the meeting follows (see ``store.criticism_order``)."""

    model = LifeCriticism
    what = "批评与自我批评发言"
    action = "life.criticism"

    def clean(self, item, cycle):
        return validate.clean_criticism(item, self._people())

    def values(self, item):
        return store.criticism_values(item)

    def item_of(self, row):
        return store.criticism_of(row)

    def describe(self, item):
        if item.kind == "self":
            return f"{item.from_name}的自我批评"
        return f"{item.from_name}对{item.to_name}的批评"

    def after_write(self, cycle_id: int) -> None:
        secretary_id, _ = store.secretary(self._archive.branch.own_id())
        rows = store.criticism_order(store.rows_of(self.model, cycle_id), secretary_id)
        for position, row in enumerate(rows, start=1):
            if row.position != position:
                self.model.update(position=position).where(self.model.id == row.id).execute()
