"""组织关系转接 and 流动党员 (docs/domain.md §16): ``archive.transfers``
(:class:`~.manager.TransferManager`) records transfers out and in with their numbered
介绍信 and 回执, and changes the member's status in the roster's history;
``archive.away`` (:class:`~.away.AwayRegister`) keeps the register of members working
away."""

from .away import AwayRegister
from .forms import AwayForm, AwayRecord, TransferForm, TransferRecord
from .manager import TransferManager

__all__ = ["AwayForm", "AwayRecord", "AwayRegister", "TransferForm", "TransferManager", "TransferRecord"]
