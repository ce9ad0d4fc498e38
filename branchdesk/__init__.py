"""BranchDesk domain: records, rules, storage, exports and the command line.

This package never imports Qt; ``tests/domain/test_no_qt.py`` checks that.
"""

__version__ = "0.1.0"
