# Two commands set everything up on a fresh machine:
#   make run   - install, migrate, load the bilingual demo, serve on $(PORT)
#   make test  - install the test tools, lint, check, run the whole suite
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8000
HOST ?= 127.0.0.1
MO := locale/ar/LC_MESSAGES/django.mo locale_overrides/ar/LC_MESSAGES/django.mo
PO := locale/ar/LC_MESSAGES/django.po locale_overrides/ar/LC_MESSAGES/django.po

.PHONY: code observatory reset system-packages system-packages-run run test suite lint format install install-dev messages makemessages vendor css bench loadtest test-python test-browser

system-packages:
	@bash scripts/system-packages.sh

system-packages-run:
	@bash scripts/system-packages.sh --run

$(VENV)/.installed: requirements.txt
	@echo "==> Creating $(VENV) and installing requirements.txt"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt package.json package-lock.json
	@echo "==> Installing test tools (requirements-dev.txt, axe-core from npm)"
	@$(PIP) install -r requirements-dev.txt
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.dev-installed

$(MO): $(PO) | $(VENV)/.installed
	@echo "==> Compiling the Arabic message catalogue"
	@$(PY) manage.py compilemessages --ignore ".venv" --ignore "node_modules" -v 0

messages: $(MO)

run: system-packages-run $(VENV)/.installed $(MO)
	@$(PY) manage.py check_migration_history
	@echo "==> Applying migrations"
	@$(PY) manage.py migrate --noinput
	@echo "==> Loading the bilingual demo content"
	@$(PY) manage.py load_demo_content
	@$(PY) manage.py ensure_dev_accounts
	@$(PY) manage.py set_site_address $(HOST) $(PORT)
	@echo "==> Serving on http://$(HOST):$(PORT)/ (Arabic: /ar/, English: /en/, admin: /admin/)"
	@$(PY) manage.py runserver $(HOST):$(PORT)

# The current authenticator code of a development account (make code ACCOUNT=coordinator).
code: $(VENV)/.installed
	@$(PY) manage.py dev_totp_code $(ACCOUNT)

# Start again from an empty SQLite database (the demo content is loaded anew).
reset:
	@echo "==> Deleting db.sqlite3 and uploaded demo media"
	@rm -f db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm
	@rm -rf media/original_images media/images
	@$(MAKE) --no-print-directory run

lint: $(VENV)/.dev-installed
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.dev-installed
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

# System packages come first: compiling the catalogue needs gettext.
test: system-packages $(VENV)/.dev-installed $(MO)
	@echo "==> Lint (ruff, and the layers of docs/architecture.md with import-linter)"
	@$(MAKE) --no-print-directory lint
	@echo "==> Django checks"
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory suite

# The browser journeys run in their own pytest run: Playwright leaves an event
# loop running in its process, which would break database tests sharing it.
suite: $(VENV)/.dev-installed $(MO)
	@echo "==> Tests (database: $${DATABASE_URL:-SQLite})"
	@$(PY) -m pytest -m "not browser"
	@echo "==> Browser journeys in Chromium (database: $${DATABASE_URL:-SQLite})"
	@$(PY) -m pytest -m browser

test-python: $(VENV)/.dev-installed $(MO)
	@$(PY) -m pytest -m "not browser"

test-browser: $(VENV)/.dev-installed $(MO)
	@$(PY) -m pytest -m browser

makemessages: $(VENV)/.installed
	@$(PY) manage.py makemessages -l ar --no-obsolete --ignore ".venv/*" --ignore "node_modules/*" --ignore "static/*" --ignore "tests/*"

vendor: $(VENV)/.dev-installed
	@bash scripts/vendor-assets.sh

# Rebuild static/css/site.{ltr,rtl}.bundle.css after editing site.css, fonts.css or a template's classes.
css: $(VENV)/.dev-installed
	@node scripts/build-css.mjs

# Score a production-like server on loopback with the MDN HTTP Observatory's tests.
observatory: $(VENV)/.installed $(MO)
	@bash scripts/observatory.sh

# Every speed and weight goal side by side, production-like on loopback (benchmarks/bench.py):
# pages cached and rendered, the first view and Lighthouse, POSTs on PostgreSQL, exports.
bench: $(VENV)/.dev-installed $(MO)
	@bash scripts/system-packages.sh --bench
	@$(PY) benchmarks/bench.py

# The acceptance load test (benchmarks/loadtest.py): 2,000 applications over two instances
# on PostgreSQL, the mail server down for a third of the run, the worker killed once;
# fails unless nothing is lost or duplicated. LOADTEST_APPLICATIONS=N for another size.
loadtest: $(VENV)/.dev-installed $(MO)
	@$(PY) benchmarks/loadtest.py
