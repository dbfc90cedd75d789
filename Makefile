# The two commands a reader needs: `make book` (HTML + PDF) and `make test`.
# Everything else here is for maintainers. See README.md.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JB := $(VENV)/bin/jupyter-book
PDF := asian-nato.pdf
export PYTHONHASHSEED := 0

.PHONY: book html pdf test validate lab clean bench lock linkcheck system-deps venv datapackage

# Validates and executes once, then builds the HTML and the PDF side by side.
book: $(STAMP) system-deps
	$(PY) -m asian_nato.book.build book

venv: $(STAMP)

# pip installs the pinned uv (requirements-bootstrap.txt), and uv installs requirements.txt.
$(STAMP): requirements.txt requirements-bootstrap.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements-bootstrap.txt
	$(VENV)/bin/uv pip install --quiet --python $(PY) --require-hashes --no-deps --compile-bytecode -r requirements.txt
	$(PY) -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'asian_nato_src.pth').write_text('$(CURDIR)/src\n')"
	touch $@

system-deps:
	bash scripts/ensure_system_packages.sh

validate: $(STAMP)
	$(PY) -m asian_nato.data.validate

# Each step validates data/ first and is skipped when none of its inputs changed (see build.py).
html: $(STAMP)
	$(PY) -m asian_nato.book.build html

# The PDF needs the site it is published into (_build/html/_downloads), so this is `make book`.
pdf: book

# The browser tests' Node tools (playwright-core, axe-core), installed once from the lock file.
NODE_STAMP := tests/browser/node_modules/.package-lock.json

$(NODE_STAMP): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund

test: book $(NODE_STAMP)
	$(PY) -m pytest -n 2 --dist loadgroup --durations=10 tests

# Opens the chapters (MyST Markdown) as notebooks through jupytext. As root (containers, CI)
# it passes --allow-root; with no display it opens no browser; either way it prints the URL.
LAB_PORT ?= 8888
lab: $(STAMP)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' \
	  > $(VENV)/share/jupyter/lab/settings/overrides.json
	$(VENV)/bin/jupyter lab --notebook-dir=book --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) \
	  $$([ "$$(id -u)" -eq 0 ] && echo --allow-root) \
	  $$([ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] && echo --no-browser)

bench: $(STAMP) system-deps
	$(PY) benchmarks/bench.py

linkcheck: $(STAMP)
	$(PY) -m asian_nato.book.linkcheck --online

datapackage: $(STAMP)
	$(PY) scripts/make_datapackage.py

lock:
	$(PYTHON) -m venv /tmp/asian-nato-lock && /tmp/asian-nato-lock/bin/pip install --quiet pip-tools
	/tmp/asian-nato-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url -o requirements.txt requirements.in
	$(PYTHON) scripts/prune_lock.py requirements.txt rfc3987-syntax lark

# ---------------------------------------------------------------- mutation testing (maintainers)
# `make mutation` runs mutmut 3 over the modules listed in pyproject.toml [tool.mutmut] with the
# fast suite, then prints the score (killed / total) and fails below MUTATION_MIN percent.
# It uses its own venv, .venv-mutation (requirements.txt + requirements-mutation.txt, both hashed;
# uv links from its cache, so it takes seconds), and leaves .venv and the main lock alone.
# mutmut keeps its work in mutants/ and re-tests only functions whose source changed: delete
# mutants/ for a clean run (and after changing data/, tests/conftest.py or [tool.mutmut]).
# One worker by default (the machines have 2 cores). MUTANTS picks a subset, and the score is then
# taken over the mutants checked so far:
#   make mutation MUTANTS='asian_nato.analysis.answer.* asian_nato.analysis.groups.*'
# The whole set is long (schemas/validate/source_policy alone are hours: see the mutation report).
MUT_VENV := .venv-mutation
MUT_STAMP := $(MUT_VENV)/.installed
MUTANTS ?=
MUTATION_MIN ?= 85
MUTATION_JOBS ?= 1

.PHONY: mutation mutation-score lock-mutation

$(MUT_STAMP): requirements.txt requirements-mutation.txt requirements-bootstrap.txt
	$(PYTHON) -m venv $(MUT_VENV)
	$(MUT_VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements-bootstrap.txt
	$(MUT_VENV)/bin/uv pip install --quiet --python $(MUT_VENV)/bin/python --require-hashes --no-deps \
	  -r requirements.txt -r requirements-mutation.txt
	touch $@

define mutation_score
	$(MUT_VENV)/bin/mutmut export-cicd-stats
	$(MUT_VENV)/bin/python scripts/mutation_score.py $(MUTATION_MIN) --modules $(if $(MUTANTS),--checked)
endef

mutation: $(MUT_STAMP)
	nice -n 10 $(MUT_VENV)/bin/mutmut run --max-children $(MUTATION_JOBS) $(foreach m,$(MUTANTS),'$(m)')
	$(mutation_score)

# The score of the last run, without running anything.
mutation-score: $(MUT_STAMP)
	$(mutation_score)

lock-mutation:
	$(PYTHON) -m venv /tmp/asian-nato-lock && /tmp/asian-nato-lock/bin/pip install --quiet pip-tools
	/tmp/asian-nato-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url -o requirements-mutation.txt requirements-mutation.in

clean:
	rm -rf _build
