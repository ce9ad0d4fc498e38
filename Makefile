# The README's commands. Each does its own set-up on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Exact versions of every dependency (pyproject.toml keeps the lower bounds).
PIN    := -c constraints.txt
# pytest-xdist workers: one per core of the 2-core machines the project runs on.
JOBS   ?= 2

.PHONY: run test lint soak bench dist check-dist setup constraints clean-venv

run: setup
	$(VENV)/bin/branchdesk $(ARGS)

# Lint first, then the whole suite on SQLite and a throw-away PostgreSQL. The soak
# tests run here with a bounded number of rounds; `make soak` runs their full count.
test: setup lint
	@tools/system-deps test
	QT_QPA_PLATFORM=offscreen tools/with-postgres $(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check branchdesk ui tests bench

# Kill loops and concurrent writers, full rounds, both engines.
soak: setup
	@tools/system-deps test
	BRANCHDESK_SOAK_ROUNDS=full QT_QPA_PLATFORM=offscreen tools/with-postgres \
		$(PY) -m pytest -m soak --timeout=1800 $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# The frozen folder dist/BranchDesk (the BranchDesk window and the branchdesk command
# line), then on Debian-like systems dist/branchdesk_VERSION_ARCH.deb. On Windows the
# same folder goes into packaging/windows/branchdesk.nsi (README). tools/check-dist tests both.
dist: setup
	@tools/system-deps dist
	$(VENV)/bin/pip install -q $(PIN) "pyinstaller>=6.0"
	rm -rf dist/BranchDesk
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN packaging/branchdesk.spec
	@if [ "$$(uname -s)" = Linux ]; then tools/finish-dist; fi
	@if command -v dpkg-deb >/dev/null 2>&1; then tools/build-deb; fi

# make dist, then the frozen program, the .deb (installed and removed) and the NSIS script.
check-dist:
	tools/check-dist

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@tools/system-deps run
	@test -x $(PY) || $$(tools/find-python) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(PY) -m pip install -q $(PIN) -e '.[test]'
	@touch $(STAMP)

# After changing the dependencies in pyproject.toml: pin what the venv now has.
constraints: setup
	{ sed -n '1,/^# -- pinned/p' constraints.txt; $(VENV)/bin/pip freeze --exclude-editable | grep -v '^#' \
	  | grep -viE '^(altgraph|pyinstaller|pyinstaller-hooks-contrib|setuptools)=='; \
	  sed -n '/^# make dist/,$$p' constraints.txt; } > constraints.txt.new && mv constraints.txt.new constraints.txt

clean-venv:
	rm -rf $(VENV)
