# The README's commands. Each does its own set-up on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench dist setup clean-venv

run: setup
	$(VENV)/bin/branchdesk $(ARGS)

test: setup
	@tools/system-deps test
	QT_QPA_PLATFORM=offscreen tools/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

dist: setup
	$(VENV)/bin/pip install -q "pyinstaller>=6.0"
	$(VENV)/bin/pyinstaller --noconfirm packaging/branchdesk.spec

setup: $(STAMP)

$(STAMP): pyproject.toml
	@tools/system-deps run
	@test -x $(PY) || $$(tools/find-python) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

clean-venv:
	rm -rf $(VENV)
