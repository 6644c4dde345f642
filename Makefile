# The two commands that matter: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PROFILE ?= profiles/birmingham-guangzhou.yaml
TEST_WORKERS ?= auto
VENDOR := partnerships/static/vendor

# `make run` serves with the production settings, on plain HTTP at 127.0.0.1 (no TLS in front of it).
SERVE_ENV := DJANGO_SETTINGS_MODULE=partnerships.settings.production SECURE_COOKIES=$${SECURE_COOKIES:-0} PORT=$(PORT)

.PHONY: help run dev worker setup test test-sqlite test-postgres lint fmt check messages assets clean eval-matching bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(VENDOR)/.installed: package.json
	npm install --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/js/tom-select.complete.min.js.map \
	   node_modules/tom-select/dist/css/tom-select.min.css node_modules/tom-select/dist/css/tom-select.min.css.map $(VENDOR)/
	touch $@

assets: $(VENDOR)/.installed ## fetch front-end packages from npm into static/vendor

setup: $(VENV)/.installed assets ## virtualenv, dependencies, assets, database, profile, registry, demo data
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py load_profile $(PROFILE)
	$(PY) manage.py load_ror
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin

run: setup ## set everything up and serve at http://127.0.0.1:$(PORT) on SQLite: gunicorn and the job worker
	$(SERVE_ENV) $(VENV)/bin/honcho --no-prefix --procfile Procfile start --port $(PORT)

dev: setup ## the auto-reloading development server (DEBUG on); run `make worker` beside it for jobs
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: $(VENV)/.installed ## the background-job worker alone (development settings)
	$(PY) manage.py worker

test: $(VENV)/.installed assets ## run the whole suite on every core (DATABASE_URL=postgres://… for PostgreSQL)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

test-postgres: ## the suite on the local PostgreSQL
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(MAKE) test

eval-matching: $(VENV)/.installed ## precision, recall and F1 of organisation resolution on data/affiliations-dev
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py evaluate_matching

bench: $(VENV)/.installed assets ## every page through gunicorn at demo and mature scale, against a bare view (DATABASE_URL=postgres://… too)
	$(PY) bench/run.py $(BENCH_ARGS)

lint: $(VENV)/.installed ## ruff, the apps' import direction (docs/architecture.md), Django's checks, missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

fmt: $(VENV)/.installed ## format and autofix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed ## refresh and compile the zh-Hans catalogue
	cd partnerships && ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete --no-location
	cd partnerships && ../$(PY) ../manage.py compilemessages -l zh_Hans

clean: ## remove the virtualenv, assets and local database
	rm -rf $(VENV) node_modules $(VENDOR) var staticfiles
