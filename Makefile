# pm-course: `make lab` to learn, `make test` to check everything. See README.md.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.pm-course-installed
PORT   ?= 8888
START  := notebooks/00_start_here.ipynb
ROOT   := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=
# A second environment with the versions mybinder.org serves the course with: the lowest that
# environment.yml allows, which its build upgrades its image to (see tests/test_binder.py).
# For the Binder checks, and the browser tests on those versions while .venv moves on.
BINDER_VENV  ?= .venv-binder
BINDER_STAMP := $(BINDER_VENV)/.pm-course-installed
BINDER_PINS  := jupyterlab==4.6.6 ipywidgets==8.1.9 jupyter_server==2.21.1 ipykernel==7.4.0

.PHONY: help lab test test-unit test-notebooks test-browser test-binder notebooks lint format bench clean agendas facilitator slides

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml jupyter/overrides.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev,hub]"
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(STAMP)

lab: $(STAMP)  ## create the environment if needed and open the course in JupyterLab
	@echo "Opening the course at http://127.0.0.1:$(PORT)/lab/tree/$(START) (Ctrl+C stops it)"
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT) \
	  --LabApp.default_url=/lab/tree/$(START) --LabApp.extension_manager=readonly

$(BINDER_STAMP): pyproject.toml
	@test -x $(BINDER_VENV)/bin/python || $(PYTHON) -m venv $(BINDER_VENV)
	$(BINDER_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BINDER_VENV)/bin/python -m pip install --quiet $(BINDER_PINS) jupyter-repo2docker -e ".[test]"
	@touch $(BINDER_STAMP)

test: $(STAMP) $(BINDER_STAMP)  ## every test: unit, slow, nbval, browser; then Binder's versions
	$(BIN)/python -m pytest --nbval notebooks tests -m "not binder" --durations=15 $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-binder

test-binder: $(BINDER_STAMP)  ## on Binder's versions: repo2docker's plan, postBuild, every notebook in the browser
	$(BINDER_VENV)/bin/python -m pytest tests/test_binder.py tests/test_browser.py -p no:cacheprovider \
	  -k "binder or runs_cleanly or kept_after_reload" $(PYTEST_ARGS)

test-unit: $(STAMP)  ## the package's quick tests: no slow, no browser (under a minute)
	$(BIN)/python -m pytest tests -m "not browser and not slow and not binder" $(PYTEST_ARGS)

test-notebooks: $(STAMP)  ## nbval over the notebooks only (NB=notebooks/01_... for one)
	$(BIN)/python -m pytest --nbval $(or $(NB),notebooks) $(PYTEST_ARGS)

test-browser: $(STAMP)  ## the JupyterLab browser tests only
	$(BIN)/python -m pytest tests -m "browser and not binder" $(PYTEST_ARGS)

notebooks: $(STAMP)  ## re-run the notebooks and store the outputs nbval compares
	$(BIN)/python tools/notebooks.py refresh notebooks

lint: $(STAMP)  ## ruff, the layer contracts, mypy; notebooks in their committed form
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python tools/notebooks.py check notebooks

format: $(STAMP)  ## fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## against their floors: imports, Run All, model steps, class report, browser, seat memory
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/models.py
	$(BIN)/python benchmarks/class_report.py
	$(BIN)/python benchmarks/browser.py
	$(BIN)/python benchmarks/seat.py

agendas: $(STAMP)  ## regenerate docs/agenda-90.md, -180.md and -360.md from the notebooks
	for m in 90 180 360; do $(BIN)/pm-course agenda --course . --minutes $$m > docs/agenda-$$m.md || exit 1; done

facilitator: $(STAMP)  ## build the facilitator edition of the notebooks into build/facilitator
	$(BIN)/pm-course facilitator --course . --out build/facilitator

slides: $(STAMP)  ## build a reveal.js deck per section into build/slides (npm the first time, then offline)
	$(BIN)/pm-course slides --course . --out build/slides

clean:  ## remove the environment and build leftovers (not your progress)
	rm -rf $(VENV) $(BINDER_VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts
