"""党费: the dues ledger (docs/domain.md §10). ``archive.dues`` is the manager."""

from .forms import (
    Base,
    BaseForm,
    CorrectionForm,
    Handover,
    HandoverForm,
    MonthLedger,
    MonthRow,
    PaymentForm,
    Receipt,
    SixMonthWarning,
)
from .manager import DuesManager
from .money import parse_yuan, yuan, yuan_words

__all__ = [
    "Base", "BaseForm", "CorrectionForm", "DuesManager", "Handover", "HandoverForm", "MonthLedger", "MonthRow",
    "PaymentForm", "Receipt", "SixMonthWarning", "parse_yuan", "yuan", "yuan_words",
]
