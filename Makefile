# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: install run test lint check-deploy browser serve backup restore bench screenshots

# The virtualenv with the project and its dev tools, rebuilt when pyproject.toml changes.
# pip says nothing but errors (-qq): the machine's own pip configuration warns
# about every package index it lists.
PIP := $(PYTHON) -m pip --disable-pip-version-check -qq
$(VENV)/.installed: pyproject.toml
	@echo "== Installing the site and its tools in $(VENV) (a minute or two)"
	@python3 -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install -e ".[dev]"
	@touch $@

# The gettext catalogues (Japanese interface text), compiled with Babel.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	@$(VENV)/bin/pybabel --quiet compile --domain django --input-file $< --output-file $@

install: $(VENV)/.installed $(CATALOGUES)

# The W3C Nu validator the HTML tests run.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium for the Playwright tests (Playwright cannot download a browser here).
$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then echo "Install Debian's chromium first: sudo apt-get install -y chromium"; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

browser: $(CHROMIUM)

# Ends with the site's address and the administrator's log-in (core runsite).
run: install
	@echo "== Migrating the database"
	@$(PYTHON) manage.py migrate --noinput --verbosity 0
	@echo "== Importing the old news page"
	@$(PYTHON) manage.py import_archive
	@echo "== Serving the site"
	@$(PYTHON) manage.py runsite 127.0.0.1:$(PORT)

# Production settings under gunicorn: SECRET_KEY, ALLOWED_HOSTS and
# WAGTAILADMIN_BASE_URL must be set; WEB_CONCURRENCY sets the workers (gunicorn
# reads it), PORT and HOST where it listens. Static files are collected hashed and
# compressed for whitenoise, which serves them with far-future cache headers.
HOST ?= 127.0.0.1
PRODUCTION := DJANGO_SETTINGS_MODULE=lfnkr_site.settings.production
serve: install
	$(PRODUCTION) $(PYTHON) manage.py collectstatic --noinput --verbosity 0
	$(PRODUCTION) $(PYTHON) manage.py migrate --noinput
	$(PRODUCTION) exec $(VENV)/bin/gunicorn lfnkr_site.wsgi --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-2} --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# A dated archive of the database and the media in backups/ (BACKUP_DIR);
# `make restore FILE=backups/lfnkr-....tar.gz` brings one back.
backup: install
	$(PYTHON) manage.py backup

restore: install
	@if [ -z "$(FILE)" ]; then echo "Which backup? make restore FILE=backups/lfnkr-....tar.gz"; exit 2; fi
	$(PYTHON) manage.py restore "$(FILE)"

# The benchmark of bench/README.md: prints figures, takes a while, not run by CI.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	touch $@

bench: install $(CHROMIUM) bench/node_modules/.installed
	@command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
	$(PYTHON) bench/run.py

# Full-page screenshots of every page type at 390 and 1280 px, in English and
# Japanese, into docs/screenshots/ (story-ja-390.png ...): the archive imported into
# a throwaway SQLite database, plus the page types the import does not make
# (tests/site_pages.py, the pages the quality tests measure). Japanese needs its fonts.
FONTS_CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
$(FONTS_CJK):
	@if [ "$$(id -u)" != 0 ]; then echo "Install Japanese fonts first: sudo apt-get install -y fonts-noto-cjk"; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null

screenshots: install $(CHROMIUM) $(FONTS_CJK)
	$(PYTHON) -m tests.screenshots docs/screenshots

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates core/templates home/templates news/templates campaigns/templates
	$(VENV)/bin/lint-imports --no-cache

# Production settings must pass Django's deployment checks, warnings included.
check-deploy: install
	DJANGO_SETTINGS_MODULE=lfnkr_site.settings.production \
	SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=lfnkr.example WAGTAILADMIN_BASE_URL=https://lfnkr.example \
	$(PYTHON) manage.py check --deploy --fail-level WARNING

# The suite runs in parallel: TEST_WORKERS processes (pytest-xdist), each with a
# database of its own. Four on two cores: many tests wait on a browser or a server.
TEST_WORKERS ?= 4
test: install node_modules/.installed $(CHROMIUM) lint check-deploy
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --numprocesses $(TEST_WORKERS) --durations 10
