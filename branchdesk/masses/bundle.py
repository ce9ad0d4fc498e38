"""What a bundle carries of 群众工作 (docs/domain.md §14.6): by default the rows with their
counts, dates, channels, states and satisfaction, but not who the people are or what
they said — the names, addresses, phones and circumstances of households, what was seen
and asked on a 走访, the text of requests and their notes, and evidence photos. The
branch may choose to include them (``masses.bundle_people``)."""

from __future__ import annotations

import json

from .rules import BUNDLE_PEOPLE_SETTING

# table → the columns emptied when people are left out
PEOPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "masses_household": ("name", "address", "phone", "circumstances"),
    "masses_visit": ("seen", "asked"),
    "masses_request": ("person_name", "content", "done_note", "feedback_note", "revisit_note"),
    "masses_request_note": ("text", "original_name", "stored_path", "sha256"),
}


def without_people(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tables with the people's columns emptied (a copy; other tables as they were)."""
    found = dict(tables)
    for table, columns in PEOPLE_COLUMNS.items():
        if table in found:
            found[table] = [{name: ("" if name in columns else value) for name, value in row.items()}
                            for row in found[table]]
    return found


def people_chosen(setting_rows: list[dict]) -> bool:
    """Whether the branch chose to send the people along (read from the rows being
    bundled, so the choice and what it governs come from one snapshot)."""
    for row in setting_rows:
        if row.get("key") == BUNDLE_PEOPLE_SETTING:
            try:
                return json.loads(row.get("value") or "false") is True
            except ValueError:
                return False
    return False
