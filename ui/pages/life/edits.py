"""Unsaved edits in the 组织生活会 tabs that are edited in place (方案与回头看, 会议记录,
民主评议): each tab names its forms; this mixin answers the 保存 / 不保存 / 取消
question (ui/toolkit/unsaved.py) and keeps their power-cut drafts (ui/toolkit/drafting.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...toolkit.drafting import apply_draft, draft_of
from ...toolkit.form_state import TrackedForm


@dataclass
class EditedForm:
    form: TrackedForm
    title: Callable[[], str]  # for the question and the draft: 「2026 年度组织生活会方案」
    editable: Callable[[], bool]
    save: Callable[[], bool]

    def unsaved(self) -> bool:
        return self.editable() and self.form.changed()


class TabEdits:
    """A tab sets ``self.edited = {name: EditedForm}`` and ``self.draft_kind``, calls
    ``self.loaded_all()`` at the end of its load, and has ``load()`` and ``page.year``."""

    edited: dict[str, EditedForm]
    draft_kind: str

    def loaded_all(self) -> None:
        for part in self.edited.values():
            part.form.loaded()

    def _unsaved(self) -> dict[str, EditedForm]:
        return {name: part for name, part in self.edited.items() if part.unsaved()}

    def has_unsaved_changes(self) -> bool:
        return bool(self._unsaved())

    def unsaved_description(self) -> str:
        return "、".join(part.title() for part in self._unsaved().values())

    def save_changes(self) -> bool:
        for name in list(self._unsaved()):
            # a save reloads the page; the other forms' edits are kept (LifePage.keeping_edits)
            if self.edited[name].unsaved() and not self.edited[name].save():
                return False
        return True

    def discard_changes(self) -> None:
        if self.has_unsaved_changes():
            self.load()

    # -- kept across a reload of the page, and as drafts -----------------------
    def kept_edits(self) -> dict[str, tuple[dict, dict]]:
        return {name: (part.form.state(), part.form.baseline) for name, part in self._unsaved().items()}

    def put_back(self, kept: dict[str, tuple[dict, dict]]) -> None:
        """After a reload: the edits go back into each form whose record the reload left
        as it was (a form that was just saved shows what was stored)."""
        for name, (state, baseline) in kept.items():
            form = self.edited[name].form
            if form.baseline == baseline:
                form.apply(state)

    def draft_key(self, name: str) -> str:
        return f"{self.draft_kind}-{name}-{self.page.year}"

    def draft_items(self) -> list:
        return [draft_of(self.draft_key(name), part.title(), part.form) for name, part in self._unsaved().items()]

    def restore_draft(self, name: str, draft) -> str:
        part = self.edited[name]
        return apply_draft(part.form, draft, part.editable())
