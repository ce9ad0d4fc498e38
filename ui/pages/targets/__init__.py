"""目标管理: the 标杆指标库, the yearly plan, inspections and their archive."""

from .page import TargetsPage

__all__ = ["TargetsPage"]
