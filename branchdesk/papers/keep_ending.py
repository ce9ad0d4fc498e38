"""Signature lines that never stand alone on a page (docs/domain.md §6.1.1).

reportlab offers two ways to keep flowables together, and neither fits the end of a record:
``keepWithNext`` on the last table moves the whole table (half a page left blank, or the
layout fails on a table longer than a page), and ``KeepTogether`` does the same when the
two do not fit on what is left of the page. :class:`KeepEnding` splits the body instead, so
that only its last rows or lines go over to the next page with the signatures."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable, _listWrapOn

# what reportlab allows a flowable to overrun the frame by (its own _FUZZ)
_FUZZ = 1e-6


class KeepEnding(Flowable):
    """``body`` (a paper's last table or paragraph), the spacers ``between`` it and the
    ``tail`` (the signature lines): when they do not fit on what is left of the page, the
    body is split so that its end goes on with the tail. A body that cannot be split so
    moves whole to the next page; on a page of its own it is laid out as it comes."""

    def __init__(self, body: Flowable, between: list, tail: list, continued: bool = False):
        super().__init__()
        self.body, self.between, self.tail = body, list(between), list(tail)
        # the end of a split body: it starts the next page, not the rest of this one (where
        # it would be split again, its table header repeated mid-page)
        self.continued = continued

    def wrap(self, availWidth, availHeight):
        # never drawn itself: the frame always asks for a split, which hands it the parts
        # (as KeepTogether does)
        return availWidth, 0xFFFFFF

    def getSpaceBefore(self):
        return self.body.getSpaceBefore()

    def split(self, availWidth, availHeight):
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if self.continued and not at_top:
            return []
        rest = self.between + self.tail
        whole = _listWrapOn([self.body, *rest], availWidth, self.canv)[1]
        if whole <= availHeight + _FUZZ:
            return [self.body, *rest]
        # a body longer than the room left is split where the page ends: its end goes on
        # anyway, and the signatures with it; one that fits only without the signatures
        # gives up its last row (or lines) and no more
        body_height = _listWrapOn([self.body], availWidth, self.canv)[1]
        room = min(availHeight, body_height - 1)
        pieces = self.body.splitOn(self.canv, availWidth, room) if room > 0 else []
        if len(pieces) >= 2:
            return [*pieces[:-1], KeepEnding(pieces[-1], self.between, self.tail, continued=True)]
        if at_top:
            return [self.body, *rest]  # a whole page is not enough for both: nothing to keep
        return []  # to the next page, whole
