"""Power-cut drafts in the window (branchdesk/drafts; docs/reliability.md promise 11).

While an editor holds unsaved edits, the window keeps a draft of it at most
``DRAFT_EVERY_MS`` old, and again whenever the focus moves. A page that has editors
implements ``KeepsDrafts``: ``draft_items()`` gives a Draft for each editor with
unsaved edits, ``restore_draft(draft)`` opens that editor with the draft applied and
says how it went (``RESTORED`` …). At the next start ``offer_drafts`` asks
「上次有未保存的内容…，是否恢复？」 恢复 / 丢弃 / 以后再说."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from branchdesk.drafts import Draft, store_for
from branchdesk.drafts.store import fingerprint

from ..text import tr

if TYPE_CHECKING:
    from .form_state import TrackedForm

# The window's start (MainWindow builds a DraftKeeper) loads only the keeper: the dialogs'
# widgets (ui.toolkit.draft_text), the record-dialog drafts and the questions' message
# boxes are loaded when a draft is kept or offered (docs/tech-notes.md "Window start").

# A tick looks at the editors' inputs and writes only a draft that changed since the last one
# (its fingerprint): while the user types, one small atomic write every few seconds; idle, none.
DRAFT_EVERY_MS = 3_000
log = logging.getLogger(__name__)

# what became of a draft that was to be restored
RESTORED = "restored"
SAVED = "saved"  # the record already holds exactly the draft: nothing was lost
CHANGED = "changed"  # the record was changed after the draft was taken
SEALED = "sealed"  # the record can no longer be edited (定稿, 上报, read-only)
GONE = "gone"  # the record no longer exists
UNFIT = "unfit"  # the editor's inputs are no longer those of the draft (a program update)
BUSY = "busy"  # the editor already holds another record's restored draft
IN_DIALOG = "in_dialog"  # typed in a record dialog, which cannot reopen by itself (dialog_drafts.py)

NOT_APPLIED = {
    CHANGED: "「{0}」在草稿之后已被修改，草稿没有套用，以免覆盖后来的内容。",
    SEALED: "「{0}」已定稿或上报封存（或档案库只读），不能再按草稿修改。",
    GONE: "「{0}」已经不存在（已删除），草稿无法套用。",
    UNFIT: "「{0}」的编辑页面已经改变，草稿无法自动套用。",
    BUSY: "「{0}」和刚恢复的另一份草稿用同一个编辑页面，这次没有套用；保存那一份后，下次启动时会再问。",
    IN_DIALOG: "{0}里填写的内容在上次退出前没有保存（可能是断电或程序异常关闭），不能自动套用。"
               "请重新打开这个对话框，照草稿内容再填一次。",
}


@runtime_checkable
class KeepsDrafts(Protocol):
    def draft_items(self) -> list[Draft]:
        """A draft of each editor here that holds unsaved edits."""

    def restore_draft(self, draft: Draft) -> str:
        """Open the draft's editor with it applied (marked unsaved); one of the outcomes."""


def draft_of(key: str, title: str, form: TrackedForm) -> Draft:
    return Draft(key, title, form.basis(), form.state())


def apply_draft(form: TrackedForm, draft: Draft, editable: bool) -> str:
    """Apply ``draft`` to an editor that has just loaded its record."""
    if not editable:
        return SEALED
    if fingerprint(form.baseline) == fingerprint(draft.state):
        return SAVED
    if fingerprint(form.baseline) != draft.basis:
        return CHANGED
    return RESTORED if form.apply(draft.state) else UNFIT


class DraftKeeper(QObject):
    """The window's drafts: written while edits are unsaved, removed once they are not."""

    settled = Signal()  # the last draft of this session was removed: every edit saved or discarded

    def __init__(self, window, pages):
        super().__init__(window)
        self._window = window
        self._pages = pages  # () -> the built pages
        self.store = store_for(window.archive)
        self._written: dict[str, str] = {}  # key -> fingerprint of the state on disk
        self._watched: set = set()  # dialogs whose closing removes their draft
        self._stopped = False
        self.timer = QTimer(self, interval=DRAFT_EVERY_MS)
        self.timer.timeout.connect(self.keep)
        self._listening = not window.archive.read_only
        if self._listening:
            self.timer.start()
            QApplication.instance().focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old, new) -> None:
        from .dialog_drafts import is_record_dialog

        try:
            inside = old is not None and self._window.isAncestorOf(old)
            in_dialog = not inside and old is not None and is_record_dialog(old.window(), self._window)
        except RuntimeError:  # the window is gone (dropped without closing)
            return
        if inside:
            self.keep()
        elif in_dialog:
            # later, not now: focus leaves a dialog's popup while Qt is still tearing it down
            QTimer.singleShot(0, self, self.keep)

    def keep(self) -> None:
        """Write a draft of each editor with unsaved edits; remove the drafts of editors
        whose edits were saved or discarded since. Never raises: a draft that cannot be
        written (a full disk) is logged, and the edits are still on screen."""
        if self._stopped or self._window.archive.read_only or self._window.archive.db.is_closed():
            return  # stopped: the window closed keeping its drafts, e.g. a dialog's as the lock closed it
        from .dialog_drafts import dialog_drafts

        try:
            pending = {draft.key: draft for page in self._pages() if isinstance(page, KeepsDrafts)
                       for draft in page.draft_items()}
            for dialog, draft in dialog_drafts(self._window):
                pending[draft.key] = draft
                self._watch(dialog)
            for key, draft in pending.items():
                mark = fingerprint([draft.basis, draft.state])
                if self._written.get(key) != mark:
                    self.store.keep(draft)
                    self._written[key] = mark
            gone = [k for k in self._written if k not in pending]
            for key in gone:
                self.store.forget(key)
                del self._written[key]
            if gone and not self._written:
                self.settled.emit()
        except Exception:  # a draft is a safety net: its failure must never interrupt the typing
            log.exception("keeping drafts failed")

    def _watch(self, dialog) -> None:
        """Saved or given up, a dialog's draft goes at once, not at the next tick."""
        if dialog not in self._watched:
            self._watched.add(dialog)
            dialog.finished.connect(lambda _result: QTimer.singleShot(0, self, self.keep))
            dialog.destroyed.connect(lambda *_: self._watched.discard(dialog))

    def forget_all(self) -> None:
        """Every edit was just saved or discarded (保存 / 不保存): no draft of this session is wanted."""
        for key in list(self._written):
            try:
                self.store.forget(key)
            except OSError:
                log.exception("removing draft %s failed", key)
            del self._written[key]

    def adopt(self, draft: Draft) -> None:
        """A restored draft is this session's now: removed once saved or discarded."""
        self._written[draft.key] = ""

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        if self._listening:
            self._listening = False
            QApplication.instance().focusChanged.disconnect(self._focus_moved)


def restore_question_text(drafts: list[Draft]) -> str:
    what = "；".join(f"{d.title}，{d.saved_at:%Y-%m-%d %H:%M}" for d in drafts)
    return tr("drafts", "上次有未保存的内容（{0}），是否恢复？").format(what)


def offer_drafts(window, keeper: DraftKeeper, route) -> list:
    """Ask about the drafts left by an earlier session; ``route(draft)`` is the page
    that restores it (None when no page of this archive does). The pages that now show
    a restored draft, in order."""
    restored: list = []
    if window.archive.read_only:
        return restored
    drafts = keeper.store.all()
    if not drafts:
        return restored
    from PySide6.QtWidgets import QMessageBox

    from .dialog_drafts import KIND as DIALOG_KIND

    answer = ask_choice(window, "drafts_question", QMessageBox.Icon.Question, tr("drafts", "恢复未保存的内容"),
                        restore_question_text(drafts), [tr("drafts", "恢复"), tr("drafts", "丢弃"), tr("drafts", "以后再说")])
    if answer == 1:  # 丢弃
        for draft in drafts:
            keeper.store.forget(draft.key)
        return restored
    if answer == 2:  # 以后再说: asked again at the next start
        return restored
    for draft in drafts:
        page = None if draft.kind == DIALOG_KIND else route(draft)
        outcome = IN_DIALOG if draft.kind == DIALOG_KIND else _restore(page, draft)
        if outcome == RESTORED:
            keeper.adopt(draft)
            restored.append(page)
        elif outcome in (SAVED, GONE):
            keeper.store.forget(draft.key)
        else:
            _not_applied(window, keeper, draft, outcome)
    return restored


def _restore(page, draft: Draft) -> str:
    if page is None:
        return UNFIT
    try:
        return page.restore_draft(draft)
    except Exception:  # the draft's text is still offered to copy from, never a traceback
        log.exception("restoring draft %s failed", draft.key)
        return UNFIT


def _not_applied(window, keeper: DraftKeeper, draft: Draft, outcome: str) -> None:
    """Say why the draft was not applied; show its text on request; keep or drop it."""
    from PySide6.QtWidgets import QMessageBox

    from .draft_text import DraftTextDialog

    while True:
        text = (tr("drafts", NOT_APPLIED[outcome]).format(draft.title) + "\n\n"
                + tr("drafts", "可以先查看草稿内容，把需要的文字复制到记录中。"))
        answer = ask_choice(window, "draft_not_applied", QMessageBox.Icon.Warning, tr("drafts", "草稿没有套用"), text,
                            [tr("drafts", "查看草稿内容"), tr("drafts", "丢弃草稿"), tr("drafts", "保留草稿，以后再说")])
        if answer == 0:
            DraftTextDialog(draft, window).exec()
            continue
        if answer == 1:
            keeper.store.forget(draft.key)
        return


def ask_choice(parent, name: str, icon, title: str, text: str, choices: list[str]) -> int:
    """A question with ``choices`` (the first is the default, the last what Esc means);
    the number of the one chosen."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    roles = [QMessageBox.ButtonRole.AcceptRole] + [QMessageBox.ButtonRole.ActionRole] * (len(choices) - 2) + [
        QMessageBox.ButtonRole.RejectRole]
    buttons = [box.addButton(choice, role) for choice, role in zip(choices, roles)]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return buttons.index(clicked) if clicked in buttons else len(choices) - 1
