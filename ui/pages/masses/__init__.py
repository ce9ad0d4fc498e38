"""群众工作: 联系户 and 走访, the 民情诉求 ledger followed to the end (branchdesk/masses/,
docs/domain.md §13)."""

from .page import MassesPage

__all__ = ["MassesPage"]
