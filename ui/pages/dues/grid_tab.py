"""What the two typing tabs of the 党费 page share: a grid whose rows become domain forms,
stored all or none with the refusals listed under the grid, and the unsaved-typing
questions (docs/design.md rule 16) answered from a ``TrackedForm``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors

from ...errors import show_error
from ...text import tr


def named_rows(rows: list[dict], build: Callable[[dict], object | None]) -> list:
    """``build(row)`` for each row (None skips it); a ValidationError names the row and its member."""
    built, problems = [], []
    for n, row in enumerate(rows, start=1):
        try:
            made = build(row)
        except ValidationError as error:
            problems.append(ValidationError(error.field, error.code, f"{row['name']}：{error.detail}", n))
            continue
        if made is not None:
            built.append(made)
    if problems:
        raise ValidationErrors(problems)
    return built


class GridTab(QWidget):
    """Subclasses set ``page``, ``error`` (an error label), ``tracked`` and implement
    ``forms()``, ``store(forms)`` (returns the page's message), ``load()`` and
    ``unsaved_description()``; ``nothing_to_save`` says what to do when no row is ready."""

    nothing_to_save = ""

    def save(self) -> bool:
        self.error.hide()
        try:
            forms = self.forms()
            if not forms:
                raise ValidationError("rows", "none", tr("dues", self.nothing_to_save))
            message = self.store(forms)
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            self.error.setText("\n".join(e.message() for e in errors))
            self.error.show()
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.load()
        self.page.changed(message)
        return True

    def has_unsaved_changes(self) -> bool:
        return self.tracked.changed()

    def save_changes(self) -> bool:
        return self.save()

    def discard_changes(self) -> None:
        self.load()
