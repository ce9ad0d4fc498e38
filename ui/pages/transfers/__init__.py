"""组织关系 page: 组织关系转接 (transfers out and in, the 介绍信 and its 回执) and the
流动党员 register (docs/domain.md §16)."""

from .page import TransfersPage

__all__ = ["TransfersPage"]
