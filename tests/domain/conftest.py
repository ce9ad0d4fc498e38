"""Fixtures shared by the domain tests (the archive fixtures are in tests/conftest.py)."""

# bundle_branch: a branch with records for bundles; sample, inbox: bundles made once per test process
from tests.domain.bundle_support import bundle_branch, inbox, sample  # noqa: F401 - fixtures
from tests.domain.masses_support import households  # noqa: F401 - a fixture: the small branch with three 联系户
from tests.domain.meetings_support import branch  # noqa: F401 - a fixture: a small branch for the meeting tests
from tests.domain.safety_support import probe_step  # noqa: F401 - a fixture: the sealable test record kind
