"""Every colour and style sheet of the window, by what it means: pages say
``label.setStyleSheet(styles.ERROR_TEXT)``, never a colour of their own, so that a
colour that changes changes everywhere at once, and red means the same on every page.
The tints behind table cells and rows are light, so that black text on them stays
readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

# -- text ----------------------------------------------------------------------------
ERROR_RED = "#b00020"  # something is wrong or refused
CAUTION_BROWN = "#8a5a00"  # something is missing but nothing is refused yet
NOTICE_BROWN = "#7a4b00"  # the text of a notice banner
SUCCESS_GREEN = "#1b5e20"  # done, saved
HINT_GREY = "#555"  # a hint or explanation under a field or list
FAINT_GREY = "#777"  # "nothing here" in a detail pane

# -- backgrounds -----------------------------------------------------------------------
NOTICE_BACKGROUND = "#fff6e0"
ERROR_BACKGROUND = "#fdecea"
LABEL_BACKGROUND = "#f4f4f4"  # the label column and header cells of an HTML table
TABLE_BORDER = "#ccc"  # the lines of an HTML table

# -- style sheets ----------------------------------------------------------------------
ERROR_TEXT = f"color: {ERROR_RED};"
ERROR_TEXT_BOLD = f"color: {ERROR_RED}; font-weight: bold;"
ERROR_FIELD = f"border: 1px solid {ERROR_RED};"  # a form field whose value is wrong
WARNING_TEXT = f"color: {CAUTION_BROWN};"
SUCCESS_TEXT = f"color: {SUCCESS_GREEN};"
HINT_TEXT = f"color: {HINT_GREY};"
# the navigation list of the main window: rows tall enough to hit with an unsteady hand
# the page list's item padding (vertical, horizontal) in pixels: font_size.fit_navigation
# widens the list by the horizontal one when a large font needs it
NAV_ITEM_PADDING = (8, 6)
NAVIGATION = f"QListWidget#navigation::item {{ padding: {NAV_ITEM_PADDING[0]}px {NAV_ITEM_PADDING[1]}px; }}"

_BANNERS = {
    # why something cannot change, what to check first (a locked plan, the demo archive)
    "warning": (NOTICE_BROWN, NOTICE_BACKGROUND),
    # why the record cannot be saved or finalised as it is
    "error": (ERROR_RED, ERROR_BACKGROUND),
}


def banner(kind: str, padding: int = 6) -> str:
    """A coloured box of text across a page or dialog: ``"warning"`` or ``"error"``."""
    colour, background = _BANNERS[kind]
    return f"color: {colour}; background: {background}; padding: {padding}px;"


# the state of a meeting, shown as a small coloured badge beside its title
MEETING_STATE_BACKGROUNDS = {
    "planned": "#dbe8fb", "notified": "#e5dcfb", "held": "#fff1c2", "final": "#d8f0d2", "reported": "#c9c9c9",
}


def badge(background: str | None) -> str:
    """A rounded label on ``background`` (None: the window's own)."""
    return (f"background:{background};" if background else "") + "padding: 3px 8px; border-radius: 4px;"


# -- tints of table cells: the state of one cell of a grid (calendar, dashboard, import) --
BAD_TINT = QColor("#f9c9c5")  # overdue, missing, refused
CAUTION_TINT = QColor("#fbe3b8")  # not yet there, a gap, skipped
GOOD_TINT = QColor("#d8f0d2")  # held, imported, done
PLANNED_TINT = QColor("#dbe8fb")
OPEN_TINT = QColor("#ffffff")  # the period is still running
NOT_REQUIRED_TINT = QColor("#f4f4f4")
QUIET_TINT = QColor("#f1f1f1")  # nothing is asked for (the dashboard)

# -- tints of whole rows of a list ------------------------------------------------------
ROW_WARN = QColor("#fde2e1")  # the row needs attention: overdue, incomplete
ROW_DONE = QColor("#e8f5e9")  # finished, closed
ROW_PENDING = QColor("#fff6e0")  # started but not finished (in progress, not yet scored)
ROW_ABSENT = QColor("#fff1e0")  # a member absent from a meeting, with a reason
ROW_REFUSED = QColor("#fde7e9")  # a row of an import file that will not be imported
ROW_HEADING = QColor("#f3f3f3")  # a heading row among the rows of a table
ROW_QUIET = QColor("#eeeeee")  # a row that asks nothing (a talk with oneself)

# -- foreground colours of items -----------------------------------------------------------
ERROR_COLOUR = QColor(ERROR_RED)
CAUTION_COLOUR = QColor(CAUTION_BROWN)


def monospace_font() -> QFont:
    """For key fingerprints: the groups line up, and 0/O, 1/l stay apart."""
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font
