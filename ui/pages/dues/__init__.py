"""党费: the month's ledger, the year's bases with the calculator, 上缴 and the balance,
the papers (收据, 公示, 登记表). docs/domain.md §10."""

from .page import DuesPage

__all__ = ["DuesPage"]
