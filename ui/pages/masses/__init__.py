"""群众工作: 联系群众, 民情诉求, 志愿服务与实事, 党务公开 and 群众评议 (issue 17; docs/domain.md §14, §15)."""

from .page import MassesPage

__all__ = ["MassesPage"]
