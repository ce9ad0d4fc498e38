"""换届选举 page (docs/domain.md §13)."""

from .page import ElectionPage

__all__ = ["ElectionPage"]
