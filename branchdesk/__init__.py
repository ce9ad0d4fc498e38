"""BranchDesk domain: records, rules, storage, exports and the command line.

This package never imports Qt; ``tests/domain/test_no_qt.py`` checks that.
"""

import logging

from .pg_driver import hold_back_psycopg

__version__ = "0.1.0"

hold_back_psycopg()  # loaded for PostgreSQL archives only (pg_driver.py)

# What the domain logs goes where the program points it (the archive's branchdesk.log,
# see logs.py), never to the user's screen by default.
logging.getLogger(__name__).addHandler(logging.NullHandler())
