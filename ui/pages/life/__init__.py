"""组织生活会 page: one tab per part of the yearly cycle, plus the 整改台账."""

from .page import LifePage

__all__ = ["LifePage"]
