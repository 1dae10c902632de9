# Village: `make run` serves the app with demo data, `make test` runs the whole suite.
# Needs GNU make and Python 3.11+ (`make run PYTHON=python3.12` to pick another interpreter).

PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="tests/test_search.py -x"`.
PYTEST_ARGS ?=

BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Stamps record that the install matches pyproject.toml, so a second run skips pip.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help run test lint bench worker beat clean distclean

help:
	@echo "make run     install, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test    install with test extras and run the whole suite (pytest)"
	@echo "make lint    ruff check"
	@echo "make bench   search benchmark (bench/search.py)"
	@echo "make worker  Celery worker (needs REDIS_URL)"
	@echo "make beat    Celery beat scheduler (needs REDIS_URL)"
	@echo "make clean   remove caches and collected static files; distclean also the venv and db"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Village needs Python 3.11 or newer; try PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

# The test extras include everything `run` needs, so this stamp satisfies both.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $(RUN_STAMP) $@

# DEBUG (the default here) lets WhiteNoise serve static files straight from the finders,
# so no collectstatic is needed; production images collect them at build time.
run: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

# Uses DATABASE_URL and REDIS_URL from the environment when set, SQLite and locmem if not.
test: $(TEST_STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# The benchmark may build its data with the test factories (factory_boy, a test extra).
bench: $(TEST_STAMP)
	DJANGO_SETTINGS_MODULE=config.settings $(BIN)/python bench/search.py

worker beat: $(RUN_STAMP)
	@test -n "$$REDIS_URL" || \
		{ echo "make $@ needs REDIS_URL (without a broker, tasks run in the web process)"; exit 1; }
	@mkdir -p var
	$(BIN)/celery -A config $@ --loglevel INFO $(if $(filter beat,$@),--schedule var/celerybeat-schedule)

clean:
	rm -rf staticfiles var .pytest_cache .ruff_cache build *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) db.sqlite3
