"""How many rounds the soak tests (kill loops, concurrent writers) run.

``make test`` runs a bounded number (each test's ``quick``) so that the suite stays
short; ``make soak`` sets ``BRANCHDESK_SOAK_ROUNDS=full`` for each test's full count.
A number sets the rounds of every soak test (at least 1). The assertions are the same
whatever the count."""

from __future__ import annotations

import os

ENV = "BRANCHDESK_SOAK_ROUNDS"


def rounds(full: int, quick: int) -> int:
    wanted = os.environ.get(ENV, "").strip().lower()
    if not wanted:
        return quick
    if wanted == "full":
        return full
    try:
        return max(int(wanted), 1)
    except ValueError:
        raise ValueError(f"{ENV} must be 'full' or a number of rounds, not {wanted!r}") from None
