"""``archive.targets.library``: the 标杆指标库 of each year — 一级 indicators, each with
its 二级 indicators, points, 评分标准, 佐证材料 and, on a 二级 row, an auto-measure key.

Rules decided here: the 二级 points under a 一级 add up to its points; codes are unique
in a library (numbered 1, 1.1 … when left empty); each year has its own copy
(``copy``), so next year's changes never reach last year's inspections; a year's
library is locked once an inspection of that year is filed, because the filed
inspection was judged by it."""

from __future__ import annotations

from .. import clock
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError, ValidationErrors
from ..storage.target_models import (
    Indicator,
    IndicatorLibrary,
    TargetInspection,
    TargetPlan,
    TargetPlanItem,
)
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text, quoted
from .forms import IndicatorForm, IndicatorRow, LibraryDetail
from .points import tenths_text
from .scoped import BranchScoped

CODE_MAX = 20


def clean_indicators(forms: list[IndicatorForm], where: list[str] | None = None) -> list[IndicatorForm]:
    """Check a whole library at once and return it cleaned, codes filled in. ``where``
    names each row in messages (「第 5 行」 for a spreadsheet); by default the row's
    position and name. Every problem is reported together."""
    from .measures import MEASURES

    errors = _RowErrors()
    cleaned: list[IndicatorForm] = []
    for n, form in enumerate(forms):
        errors.at = n
        at = where[n] if where else f"第 {n + 1} 项"
        name = clean_line(form.name)
        label = f"{at}（{name}）" if name and not where else at
        row = IndicatorForm(form.level, name, form.points_x10, clean_text(form.scoring_rule),
                            clean_text(form.evidence_required), clean_line(form.measure), clean_line(form.code),
                            form.id)
        if row.level not in (1, 2):
            errors.add("level", "choice", f"{label}：指标级别应为一级或二级。")
        if not name:
            errors.add("name", "required", f"{at}：没有填写指标名称。")
        elif len(name) > LINE_MAX:
            errors.add("name", "too_long", f"{label}：指标名称太长（{len(name)} 字），最多 {LINE_MAX} 字。")
        if row.points_x10 is None or row.points_x10 <= 0:
            errors.add("points", "required", f"{label}：分值应大于 0。")
        for field, text, what in (("scoring_rule", row.scoring_rule, "评分标准"),
                                  ("evidence_required", row.evidence_required, "佐证材料")):
            if len(text) > TEXT_MAX:
                errors.add(field, "too_long", f"{label}：{what}太长（{len(text)} 字），最多 {TEXT_MAX} 字。")
        if row.measure and row.measure not in MEASURES:
            errors.add("measure", "choice", f"{label}：没有{quoted(row.measure)}这项自动计量，可选："
                       f"{'、'.join(MEASURES)}；不需要自动计量请留空。")
        elif row.measure and row.level == 1:
            errors.add("measure", "level", f"{label}：自动计量只能设在二级指标上。")
        if len(row.code) > CODE_MAX:
            errors.add("code", "too_long", f"{label}：编号{quoted(row.code)}太长，最多 {CODE_MAX} 个字符。")
        cleaned.append(row)
    errors.at = 0
    if forms and cleaned[0].level == 2:
        errors.add("level", "order", f"{where[0] if where else '第 1 项'}：第一项应为一级指标，二级指标要写在所属一级指标之后。")
    if not forms:
        errors.at = None
        errors.add("indicators", "empty", "指标库中还没有指标。")
    _check_sums(cleaned, where, errors)
    _fill_codes(cleaned, where, errors)
    errors.raise_if_any()
    return cleaned


class _RowErrors(ErrorCollector):
    """Problems found, each marked with the index of the row it is about (``index``)."""

    at: int | None = None

    def add(self, field: str, code: str, detail: str) -> None:
        error = ValidationError(field, code, detail)
        error.index = self.at
        self.errors.append(error)


def _check_sums(rows: list[IndicatorForm], where: list[str] | None, errors: _RowErrors) -> None:
    """Each 一级 needs 二级 rows whose points add up to its own."""
    for n, row in enumerate(rows):
        if row.level != 1:
            continue
        errors.at = n
        children = []
        for child in rows[n + 1:]:
            if child.level == 1:
                break
            children.append(child)
        name = (f"{where[n]}：" if where else "") + f"一级指标「{row.name}」"
        if not children:
            errors.add("points", "no_children", f"{name}下面没有二级指标。检查考核按二级指标打分，请至少列一项二级指标。")
            continue
        total = sum(c.points_x10 or 0 for c in children)
        if row.points_x10 and total != row.points_x10:
            errors.add("points", "sum",
                       f"{name}分值 {tenths_text(row.points_x10)} 分，其下 {len(children)} 项二级指标合计 "
                       f"{tenths_text(total)} 分，两者应相等。请调整一级或二级指标的分值。")


def _fill_codes(rows: list[IndicatorForm], where: list[str] | None, errors: _RowErrors) -> None:
    first = second = 0
    parent_code = ""
    seen: dict[str, int] = {}
    numbered: set[int] = set()  # rows whose code was left empty and numbered here
    for n, row in enumerate(rows):
        errors.at = n
        if not row.code:
            numbered.add(n)
        if row.level == 1:
            first, second = first + 1, 0
            row.code = row.code or str(first)
            parent_code = row.code
        else:
            second += 1
            row.code = row.code or f"{parent_code}.{second}"
        if row.code in seen:
            errors.add("code", "duplicate", _duplicate_message(rows, where, n, seen[row.code], numbered))
        else:
            seen[row.code] = n


def _duplicate_message(rows: list[IndicatorForm], where: list[str] | None, n: int, earlier: int,
                       numbered: set[int]) -> str:
    """Both rows named by level and name, so two rows on one spreadsheet line (a 一级
    cell beside its first 二级) never read as 「第 3 行与第 3 行重复」."""
    def described(index: int) -> str:
        row = rows[index]
        return f"{'一级' if row.level == 1 else '二级'}指标「{row.name}」"

    code = quoted(rows[n].code)
    if where is None:
        place = ""
    else:
        place = "同一行的" if where[earlier] == where[n] else f"{where[earlier]}的"
    how = [f"{described(index)}没有填编号，按顺序自动编为{code}" for index in (earlier, n) if index in numbered]
    return (f"{where[n] + '：' if where else ''}{described(n)}的编号{code}与{place}{described(earlier)}的编号重复"
            f"{'（' + '；'.join(how) + '）' if how else ''}。同一指标库中的编号不能相同，请改正编号，"
            "或把编号全部留空由程序按 1、1.1、1.2… 自动编号。")


class LibraryManager(BranchScoped):
    # -- reading ---------------------------------------------------------------
    def years(self) -> list[int]:
        """Years that have a library, newest first."""
        return self._years_of(IndicatorLibrary)

    def library_id(self, year: int) -> int | None:
        row = self._year_row(IndicatorLibrary, year)
        return row.id if row else None

    def get(self, year: int) -> LibraryDetail:
        found = self.get_or_none(year)
        if found is None:
            raise NotFound(f"{year} 年度指标库", "尚未建立")
        return found

    def get_or_none(self, year: int) -> LibraryDetail | None:
        row = self._year_row(IndicatorLibrary, year)
        if row is None:
            return None
        return LibraryDetail(row.id, row.year, row.name, row.issued_by, row.note, self._rows(row.id),
                             self.lock_reason(year))

    @staticmethod
    def _rows(library_id: int) -> list[IndicatorRow]:
        rows = list(Indicator.select().where(Indicator.library == library_id).order_by(Indicator.position, Indicator.id))
        by_id = {r.id: r for r in rows}
        result = []
        for r in rows:
            parent = by_id.get(r.parent_id) if r.parent_id else None
            result.append(IndicatorRow(r.id, 2 if r.parent_id else 1, r.code, r.name, r.points_x10, r.scoring_rule,
                                       r.evidence_required, r.measure, r.parent_id, parent.code if parent else "",
                                       parent.name if parent else ""))
        return result

    def lock_reason(self, year: int) -> str:
        """Why ``year``'s library may not change ('' when it may)."""
        filed = (
            TargetInspection.select(TargetInspection.id, TargetInspection.period_kind, TargetInspection.period_no)
            .where(TargetInspection.branch == self._branch_id, TargetInspection.year == year,
                   TargetInspection.state != "draft")
            .order_by(TargetInspection.period_kind, TargetInspection.period_no).first()
        )
        if filed is None:
            return ""
        from .periods import Period

        label = Period(year, filed.period_kind, filed.period_no).label
        return (f"{year} 年度指标库已用于{label}的检查考核（已定稿或归档），不能再修改：已归档的考核表是按这套指标评定的。"
                f"如需调整指标，请在下一年度的指标库中修改。")

    def require_editable(self, year: int) -> None:
        reason = self.lock_reason(year)
        if reason:
            raise Conflict(reason)

    # -- writing ---------------------------------------------------------------
    def create(self, year: int, name: str = "", indicators: list[IndicatorForm] | None = None,
               issued_by: str = "", note: str = "") -> int:
        """Start ``year``'s library (one a year), with its indicators if given."""
        self._archive.require_writable()
        year, name, issued_by, note = self._clean_info(year, name, issued_by, note)
        cleaned = clean_indicators(indicators) if indicators else []
        if self.library_id(year) is not None:
            raise Conflict(f"{year} 年度指标库已经建立。要整体替换，请用导入（会先预览）；要修改，请在原指标库上编辑。")
        now = _now()
        with self._archive.db.atomic():
            row = IndicatorLibrary.create(branch=self._branch_id, year=year, name=name, issued_by=issued_by, note=note,
                                          created_at=now, updated_at=now)
            self._write(row.id, cleaned)
            self._archive.audit.record("targets.library.create", f"建立 {year} 年度指标库（{len(cleaned)} 项指标）",
                                       "indicator_library", row.id, {"year": year, "indicators": len(cleaned)})
        return row.id

    def save(self, year: int, indicators: list[IndicatorForm]) -> None:
        """Replace ``year``'s indicators with ``indicators`` (rows keep their ``id``, so
        the plan's targets and draft inspections follow renamed or re-pointed rows)."""
        self._archive.require_writable()
        library = self.get(year)
        self.require_editable(year)
        cleaned = clean_indicators(indicators)
        with self._archive.db.atomic():
            self._write(library.id, cleaned)
            IndicatorLibrary.update(updated_at=_now()).where(IndicatorLibrary.id == library.id).execute()
            self._archive.targets.inspections.follow_library(year)
            self._archive.audit.record("targets.library.save", f"修改 {year} 年度指标库（{len(cleaned)} 项指标）",
                                       "indicator_library", library.id, {"indicators": len(cleaned)})

    def save_info(self, year: int, name: str, issued_by: str = "", note: str = "") -> None:
        self._archive.require_writable()
        library = self.get(year)
        self.require_editable(year)
        _, name, issued_by, note = self._clean_info(year, name, issued_by, note)
        with self._archive.db.atomic():
            IndicatorLibrary.update(name=name, issued_by=issued_by, note=note, updated_at=_now()).where(
                IndicatorLibrary.id == library.id).execute()
            self._archive.audit.record("targets.library.info", f"修改 {year} 年度指标库名称和说明",
                                       "indicator_library", library.id)

    def check_replace(self, year: int, indicators: list[IndicatorForm], name: str = "", issued_by: str = "") -> None:
        """Raise what ``replace`` would refuse with, without writing: a read-only
        archive, a locked year, a wrong year or name, bad indicators (a dry run)."""
        self._archive.require_writable()
        existing = self.get_or_none(year)
        if existing is None:
            self._clean_info(year, name, issued_by, "")
        else:
            self.require_editable(year)
            if name or issued_by:
                self._clean_info(year, name or existing.name, issued_by or existing.issued_by, existing.note)
        clean_indicators(indicators)

    def replace(self, year: int, indicators: list[IndicatorForm], name: str = "", issued_by: str = "") -> int:
        """Create ``year``'s library, or replace every indicator of an editable one (an import)."""
        self.check_replace(year, indicators, name, issued_by)
        if self.library_id(year) is None:
            return self.create(year, name, indicators, issued_by)
        library = self.get(year)
        kept = {i.code: i.id for i in library.indicators}
        forms = [IndicatorForm(f.level, f.name, f.points_x10, f.scoring_rule, f.evidence_required, f.measure, f.code,
                               kept.get(f.code) if f.code else None) for f in indicators]
        with self._archive.db.atomic():
            self.save(year, forms)
            if name or issued_by:
                self.save_info(year, name or library.name, issued_by or library.issued_by, library.note)
        return library.id

    def copy(self, from_year: int, to_year: int, name: str = "") -> int:
        """Copy ``from_year``'s library into ``to_year`` (which has none yet)."""
        source = self.get(from_year)
        if from_year == to_year:
            raise ValidationError("year", "same", "复制的目标年度与来源年度相同，请选择另一年度。")
        if self.library_id(to_year) is not None:
            raise Conflict(f"{to_year} 年度已经有指标库，不能再复制进去。如要重来，请先删除 {to_year} 年度指标库。")
        forms = [IndicatorForm(i.level, i.name, i.points_x10, i.scoring_rule, i.evidence_required, i.measure, i.code)
                 for i in source.indicators]
        name = name or source.name.replace(str(from_year), str(to_year))
        return self.create(to_year, name, forms, source.issued_by, source.note)

    def delete(self, year: int) -> None:
        """Remove a library not yet used by a plan or an inspection."""
        self._archive.require_writable()
        library = self.get(year)
        if TargetPlan.select().where(TargetPlan.library == library.id).exists():
            raise Conflict(f"{year} 年度目标计划采用了这套指标库，请先删除年度目标计划。")
        if TargetInspection.select().where(TargetInspection.branch == self._branch_id,
                                           TargetInspection.year == year).exists():
            raise Conflict(f"{year} 年度已有检查考核记录，指标库不能删除。")
        with self._archive.db.atomic():
            Indicator.delete().where(Indicator.library == library.id, Indicator.parent.is_null(False)).execute()
            Indicator.delete().where(Indicator.library == library.id).execute()
            IndicatorLibrary.delete().where(IndicatorLibrary.id == library.id).execute()
            self._archive.audit.record("targets.library.delete", f"删除 {year} 年度指标库", "indicator_library",
                                       library.id)

    # -- helpers ---------------------------------------------------------------
    def _clean_info(self, year, name, issued_by, note) -> tuple[int, str, str, str]:
        today = clock.today()
        errors = ErrorCollector()
        if not isinstance(year, int) or not 2000 <= year <= today.year + 1:
            errors.add("year", "range", f"年度 {year} 不对，请填写 2000 到 {today.year + 1} 之间的年份。")
        name = errors.check(bounded, "name", "指标库名称", clean_line(name) or f"{year}年度党支部目标管理考核指标", LINE_MAX)
        issued_by = errors.check(bounded, "issued_by", "制定单位", clean_line(issued_by), LINE_MAX)
        note = errors.check(bounded, "note", "说明", clean_text(note), TEXT_MAX)
        errors.raise_if_any()
        return year, name or "", issued_by or "", note or ""

    def _write(self, library_id: int, rows: list[IndicatorForm]) -> None:
        """Make the stored indicators equal ``rows``: update by id, insert, delete."""
        existing = {r.id: r for r in Indicator.select().where(Indicator.library == library_id)}
        unknown = [r for r in rows if r.id is not None and r.id not in existing]
        if unknown:
            raise ValidationErrors([ValidationError("id", "foreign", f"指标「{r.name}」不属于这套指标库，请刷新后重试。")
                                    for r in unknown])
        kept = {r.id for r in rows if r.id is not None}
        removed = [i for i in existing if i not in kept]
        if removed:
            TargetPlanItem.delete().where(TargetPlanItem.indicator.in_(removed)).execute()
            self._archive.targets.inspections.forget_indicators(removed)
            Indicator.update(parent=None).where(Indicator.id.in_(removed)).execute()
            Indicator.delete().where(Indicator.id.in_(removed)).execute()
        # Codes move between rows (1.2 ↔ 1.3): park them first, the index keeps codes unique.
        if kept:
            Indicator.update(code=Indicator.code + "~").where(
                Indicator.id.in_(list(kept))).execute()
        parent_id = None
        for position, row in enumerate(rows, start=1):
            values = dict(position=position, code=row.code, name=row.name, points_x10=row.points_x10,
                          scoring_rule=row.scoring_rule, evidence_required=row.evidence_required,
                          measure=row.measure if row.level == 2 else "",
                          parent=parent_id if row.level == 2 else None)
            if row.id is None:
                row.id = Indicator.create(library=library_id, **values).id
            else:
                Indicator.update(**values).where(Indicator.id == row.id).execute()
            if row.level == 1:
                parent_id = row.id


def _now() -> str:
    return clock.now().isoformat(sep=" ")
