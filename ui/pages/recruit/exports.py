"""The 发展党员 papers from the page: the selected person's 全程纪实表, the 公示 of the people
chosen, the year's 台账. Read on the GUI thread, written in a worker (docs/design.md rule 7)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from branchdesk import clock
from branchdesk.errors import BranchDeskError
from branchdesk.recruit import exports

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...workers import run_in_background

PDF = "PDF 文件 (*.pdf)"


class RecruitExports(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.last_result = None

    def record(self, path: str | None = None) -> bool:
        page = self.page
        person_id = page.selected_person()
        if person_id is None:
            return page.say_choose()
        if not page.confirm_sensitive():  # the record holds the 政审结论 and 考察意见
            return False
        name = page.archive.recruit.dossier(person_id).name
        return self._export(lambda p: exports.record_job(page.archive, person_id, p), exports.record_name(name),
                            tr("recruit", PDF), path)

    def notice(self, path: str | None = None, kind: str | None = None) -> bool:
        """The 公示 of everyone at the stage it is for: 积极分子 (拟列为发展对象) or 预备党员 (转正)."""
        page = self.page
        if kind is None:
            choices = [tr("recruit", "拟列为发展对象（入党积极分子）"), tr("recruit", "拟转为正式党员（预备党员）")]
            chosen, ok = QInputDialog.getItem(page, tr("recruit", "导出公示"), tr("recruit", "公示哪一类人员："),
                                              choices, 0, False)
            if not ok:
                return False
            kind = "candidate" if chosen == choices[0] else "full"
        stage = "activist" if kind == "candidate" else "probationary"
        people = [s for s in page.archive.recruit.summaries() if s.stage == stage]
        selected = page.selected_person()
        if selected in [s.id for s in people]:
            people = [s for s in people if s.id == selected]  # the one chosen in the list
        ids = [s.id for s in people]
        return self._export(lambda p: exports.notice_job(page.archive, ids, kind, p, clock.today()),
                            exports.notice_name(kind, [s.name for s in people] or ["无人"]), tr("recruit", PDF), path)

    def ledger(self, path: str | None = None) -> bool:
        year = clock.today().year
        filters = tr("recruit", "PDF 文件 (*.pdf);;Excel 文件 (*.xlsx)")
        return self._export(lambda p: exports.ledger_job(self.page.archive, year, p), exports.ledger_name(year),
                            filters, path)

    def _export(self, job_for, name: str, filters: str, path: str | None) -> bool:
        page = self.page
        path = path or ask_export_path(page, page.archive, tr("recruit", "导出"), name + ".pdf", filters)
        if not path:
            return False
        try:
            work = job_for(Path(path))
        except BranchDeskError as error:
            show_error(page, error, tr("recruit", "无法导出"))
            return False
        run_in_background(page, tr("recruit", "正在导出…"), lambda report: work(), self._done,
                          lambda error: show_error(page, error, tr("recruit", "导出失败")))
        return True

    def _done(self, result) -> None:
        self.last_result = result
        where = getattr(result, "path", result)
        tell_exported(self.page, tr("recruit", "导出完成"), tr("recruit", "已导出：\n{0}").format(where), Path(where))
