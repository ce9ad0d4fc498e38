"""群众工作: 联系群众, 民情诉求 and 座谈会 (docs/domain.md §14)."""

from .manager import MassesManager

__all__ = ["MassesManager"]
