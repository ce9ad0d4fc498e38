"""The compliance grid of a branch that started recording in December: the months before
are 「—」 with the start in the tooltip, never 「缺」, and quarterly kinds fill one cell a
quarter."""

import datetime as dt

from PySide6.QtCore import Qt

from branchdesk.setup.start import set_record_start
from ui.pages.meetings import MeetingsPage
from ui.pages.meetings.compliance_model import MARKS


def test_a_branch_created_in_december_shows_no_missing_month(qtbot, archive):
    set_record_start(archive, dt.date(2026, 12, 1))
    page = MeetingsPage(archive)
    qtbot.addWidget(page)
    calendar = page.calendar
    calendar.year.setCurrentIndex(calendar.year.findData(2026))
    model, grid = calendar.model, calendar.grid
    shown = {model.headerData(r, Qt.Orientation.Vertical): [model.index(r, c).data() for c in range(1, 13)]
             for r in range(model.rowCount())}
    assert not any(MARKS["missing"] in (text or "") for texts in shown.values() for text in texts)
    committee = list(shown).index("支委会")
    assert shown["支委会"][:11] == ["—"] * 11
    assert model.index(committee, 1).data(Qt.ItemDataRole.ToolTipRole) == "本档案从2026年12月开始记录，此前不计缺失"
    assert model.index(committee, 13).data() == "0/1"
    lecture = list(shown).index("党课")
    assert [grid.columnSpan(lecture, c) for c in (1, 4, 7, 10)] == [3, 3, 3, 3]
    assert grid.columnSpan(committee, 1) == 1
    assert model.index(lecture, 13).data() == "0/1"  # only the fourth quarter is judged
    assert "缺 0 期" in calendar.summary.text()
