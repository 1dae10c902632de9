# Village: `make run` serves the app with demo data, `make test` runs the whole suite.
# Needs GNU make and Python 3.11+ (`make run PYTHON=python3.12` to pick another interpreter).

PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="tests/search -x"`.
PYTEST_ARGS ?=

BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Lock files, compiled from pyproject.toml by `make lock` (pip-tools) for Python 3.11 on Linux:
# every dependency pinned with its hashes. The installs take exactly these.
RUN_LOCK := requirements/run.txt
TEST_LOCK := requirements/test.txt
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --upgrade
# Stamps record that the install matches the lock files, so a second run skips pip.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# The checks run on the zero-setup defaults (SQLite, no Redis), as CI runs them.
CHECK_ENV := env -u DATABASE_URL -u REDIS_URL

.DEFAULT_GOAL := help
.PHONY: help run superuser test install-test lint check check-migrations check-deploy lock messages bench worker beat \
	clean distclean

help:
	@echo "make run     install, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make superuser"
	@echo "             add a moderator who logs in by email (asks for the address and a password)"
	@echo "make test    install from the test lock file and run the whole suite (pytest)"
	@echo "make lint    ruff check"
	@echo "make check   the CI gates: lint, check-migrations (no model change without its"
	@echo "             migration) and check-deploy (manage.py check --deploy, production settings)"
	@echo "make lock    refresh requirements/run.txt and test.txt to the newest releases"
	@echo "             pyproject.toml allows (pip-compile --generate-hashes --upgrade)"
	@echo "make messages"
	@echo "             gather the text to translate into locale/es and compile the catalogue"
	@echo "make install-test"
	@echo "             only install the venv with the test extras (as make test does)"
	@echo "make bench   search benchmark (bench/search.py)"
	@echo "make worker  Celery worker (needs REDIS_URL)"
	@echo "make beat    Celery beat scheduler (needs REDIS_URL)"
	@echo "make clean   remove caches and collected static files; distclean also the venv and db"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Village needs Python 3.11 or newer; try PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Dependencies only from the lock file, each checked against its hashes; then the project
# itself, without dependencies (pyproject.toml's are in the lock).
$(RUN_STAMP): $(RUN_LOCK) pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r $(RUN_LOCK)
	$(PIP) install --no-deps -e .
	@touch $@

# The test lock holds everything `run` needs (at the same versions), so this stamp satisfies both.
$(TEST_STAMP): $(TEST_LOCK) pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r $(TEST_LOCK)
	$(PIP) install --no-deps -e .
	@touch $(RUN_STAMP) $@

install-test: $(TEST_STAMP)

# pip-tools is a test extra. The test lock is constrained by the run lock, so the packages both
# need get the same versions. A changed dependency in pyproject.toml is installed by the next
# `make run` or `make test`, which see the lock files changed.
lock: $(TEST_STAMP)
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "make lock needs a Python 3.11 venv: the lock files are for 3.11"; exit 1; }
	$(PIP_COMPILE) --output-file $(RUN_LOCK) pyproject.toml
	$(PIP_COMPILE) --extra test --constraint $(RUN_LOCK) --output-file $(TEST_LOCK) pyproject.toml

# DEBUG (the default here) lets WhiteNoise serve static files straight from the finders,
# so no collectstatic is needed; production images collect them at build time.
run: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

superuser: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) add_moderator

# Uses DATABASE_URL and REDIS_URL from the environment when set, SQLite and locmem if not.
test: $(TEST_STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# The gates CI runs before the tests; `make -k check` reports each even if one fails.
check: lint check-migrations check-deploy

# After changing text a person reads: gather it into the Spanish catalogue, translate the new
# entries in locale/es/LC_MESSAGES/django.po, then `make messages` again to compile it.
messages: $(TEST_STAMP)
	$(MANAGE) makemessages --locale es --no-obsolete
	$(MANAGE) compilemessages --locale es --ignore $(VENV)

check-migrations: $(TEST_STAMP)
	$(CHECK_ENV) $(MANAGE) makemigrations --check --dry-run

# Production settings, with a throwaway key made for this run, behind a TLS proxy that says
# X-Forwarded-Proto (docker-compose.yml); every warning fails.
check-deploy: $(TEST_STAMP)
	$(CHECK_ENV) DEBUG=0 ALLOWED_HOSTS=village.example.org \
		SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(MANAGE) check --deploy --fail-level WARNING

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
