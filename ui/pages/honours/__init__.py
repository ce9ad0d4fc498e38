"""奖惩 in the window: a tab under the roster of the 党员 page (docs/domain.md §17)."""

from .view import MemberHonoursView

__all__ = ["MemberHonoursView"]
