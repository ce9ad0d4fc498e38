"""peewee is imported without psycopg and given it when a PostgreSQL archive opens
(branchdesk/pg_driver.py). What that sets in peewee must equal what peewee's own import
sets when psycopg is there: a newer peewee that reads psycopg somewhere else fails here."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.domain.safety_support import REPO, subprocess_env

# What of peewee came from psycopg: module globals and Psycopg3Adapter's attributes.
SNAPSHOT = r"""
import json, sys, types

def origin(value):
    module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
    if not isinstance(module, str) and not isinstance(value, types.ModuleType):
        module = type(value).__module__
    return module if isinstance(module, str) and module.startswith("psycopg") else None

def snapshot(peewee):
    glob = {k: origin(v) for k, v in vars(peewee).items() if origin(v)}
    adapter = {k: repr(v) for k, v in vars(peewee.Psycopg3Adapter).items() if origin(v)}
    return {"globals": glob, "adapter": adapter}
"""

PLAIN = SNAPSHOT + r"""
import peewee
print(json.dumps(snapshot(peewee)))
"""

HELD_BACK = SNAPSHOT + r"""
import branchdesk
import peewee
before = {"psycopg_loaded": "psycopg" in sys.modules, "driver": peewee.psycopg is None}
from branchdesk.pg_driver import give_peewee_psycopg
give_peewee_psycopg()
print(json.dumps({"before": before, **snapshot(peewee)}))
"""


def run(code: str) -> dict:
    # only the checkout on the path: the tests' fixed clock (a sitecustomize) imports branchdesk
    env = subprocess_env() | {"PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return json.loads(done.stdout)


def test_peewee_gets_from_branchdesk_what_its_own_import_of_psycopg_gives():
    plain, held_back = run(PLAIN), run(HELD_BACK)
    assert held_back.pop("before") == {"psycopg_loaded": False, "driver": True}
    assert plain["globals"] and plain["adapter"]  # this peewee does take things from psycopg
    assert held_back == plain


def test_a_branch_command_never_loads_psycopg(tmp_path):
    code = ("import sys; from branchdesk.cli import main\n"
            "try:\n    main(['--data', sys.argv[1], 'members', 'list'])\nexcept SystemExit:\n    pass\n"
            "print('psycopg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "none")], capture_output=True, text=True,
                          env=subprocess_env(), cwd=REPO)
    assert done.stdout.strip().splitlines()[-1] == "False"
