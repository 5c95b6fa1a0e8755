# Klankbord: `make run` starts the assistant, `make test` runs every test. Both set up from nothing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export RASA_TELEMETRY_ENABLED := false

.PHONY: run test setup pipeline model unit contracts cv audit clean topology nlu-bench bench

$(VENV)/.installed: pyproject.toml
	@PYBIN="$$(scripts/find_python.sh)" && echo "Using $$PYBIN" && \
	  { [ -x $(PY) ] || "$$PYBIN" -m venv $(VENV); }
	$(PY) -m pip install --upgrade --quiet "pip<25"
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip check
	@touch $@

setup: $(VENV)/.installed pipeline

pipeline: $(VENV)/.installed
	@$(PY) -m bot.language.pipeline

model: setup
	@$(PY) scripts/train.py >/dev/null

run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh

# The production topology here (deploy/): nginx with TLS, two Rasa replicas, two action servers,
# the web app under waitress and Redis under supervisord, PostgreSQL of its own. Ctrl-C stops it.
topology: model
	@PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null && command -v supervisord >/dev/null || \
	  { echo "needs Debian's nginx and supervisor: apt-get install -y nginx supervisor" >&2; exit 1; }
	@$(PY) -m tests.support.topology

# Unit tests only: no model, no servers, no network (about 1.5 minutes on 2 cores).
unit: setup
	@$(PY) -m pytest -q -p no:cacheprovider tests/unit

# The import contracts of bot/ (layers, no cycles, environment read only in bot/settings.py).
contracts: $(VENV)/.installed
	@$(PY) tests/support/architecture.py

# Intent macro-F1 in 5-fold cross-validation, as Rasa scores it (scripts/cross_validate.py; docs/figures.md).
cv: setup
	@$(PY) scripts/cross_validate.py

# Every held-out and independent set through the trained model (scripts/nlu_holdout.py): accuracy,
# macro-F1 and recall per intent, danger and category recall, false alarms, and the training time.
# Trains first when the model is out of date; MODEL=path/to/model.tar.gz benchmarks another one.
nlu-bench: setup
	@$(PY) scripts/nlu_holdout.py "$${MODEL:-$$($(PY) scripts/train.py)}"

# Klankbord against plain Rasa's `rasa init` assistant on loopback, with ratios (scripts/bench.py, ~10 min).
bench: model
	@$(PY) scripts/bench.py

# The locked dependency set (constraints.txt) looked up in the advisory services, with pip-audit in
# its own venv (.venv-audit). Exit 1: an advisory not reviewed in audit-allowlist.toml; exit 3:
# no advisory service answered, so nothing was checked (scripts/audit.sh says which; make itself
# exits 2 on any failure, so .ci/run calls the script to tell the two apart).
audit:
	@scripts/audit.sh

clean:
	rm -rf var models results .pytest_cache .venv-audit
