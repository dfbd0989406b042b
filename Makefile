# Căn cứ — two commands do everything on a fresh machine with Python 3.11:
#   make run    install, build the default data, serve the site on http://127.0.0.1:8080
#   make test   install, then run all tests
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: run test install data browser bench clean

install: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Căn cứ needs Python 3.11 or newer: make PYTHON=python3.11 …")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# The default data: the shipped catalogue, ../shared's corpus when present, the index.
data: install
	$(PY) -m kb build-data

run: data
	$(PY) -m kb serve --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (Playwright's own download is not reachable).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; }

test: install browser
	$(PY) -m pytest

# The benchmarks behind BENCHMARKS.md (need ../shared), one at a time, compared with the
# recorded figures in bench/baseline.json (exit 1 on a loss). The slow ones (a full build-data
# and coverage, index_scale at 100,000 documents) are left out: `$(PY) -m bench.rerun` runs all.
bench: install
	$(PY) -m bench.rerun --skip-slow

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
