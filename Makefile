# Two commands do everything on a fresh Debian machine: `make site` and `make test`.
# They install what is missing (Debian packages, a virtualenv, the npm test tools) and are
# safe to run again: each step is skipped when its stamp is newer than its inputs.

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
# Python keeps the compiled bytecode of the site's code (__pycache__/, ignored by git): an
# environment that turns that off would make every build compile it again.
unexport PYTHONDONTWRITEBYTECODE
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DIR ?= site
# Debian packages. To build: open-licence fonts with Arabic coverage for the leaflets and
# Pango for WeasyPrint. To test, also: Chromium for browser tests, a Java runtime for the
# Nu Html Checker, poppler for PDF previews. nginx and its brotli module serve the site as in
# production (make serve-prod, the browser tests; deploy/nginx/).
DEB_SITE := fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
	nginx libnginx-mod-http-brotli-static
DEB_TEST := $(DEB_SITE) chromium default-jre-headless poppler-utils

.PHONY: site serve serve-prod test lint translations sources po-export po-import clean

# Built into a staging folder and swapped in only when it succeeded (omringd_mkdocs/build.py).
site: $(VENV)/.installed .deb-site
	$(if $(SITE_URL),OMRINGD_SITE_URL=$(SITE_URL)) $(BIN)/python -m omringd_mkdocs.build --site-dir $(SITE_DIR)

# The editor's loop: Dutch only (a translator: make serve LANG=fr builds Dutch and French).
# LANG only from the command line: the environment's LANG is the shell's locale.
SERVE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),nl)
serve: $(VENV)/.installed .deb-site
	OMRINGD_LANG=$(SERVE_LANG) $(BIN)/python -m omringd_mkdocs.serve

# The built site served by nginx with the shipped configuration (deploy/nginx/), as in
# production: headers, CSP, precompressed files, 404 pages.
serve-prod: site
	$(BIN)/python -m omringd.publish serve $(SITE_DIR) --port 8080

test: $(VENV)/.installed .deb-test node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# Every page x language: up to date, out of date or missing.
translations: $(VENV)/.installed
	$(BIN)/python -m omringd.i18n.freshness

# Every contact, roster and programme status checked more than 12 months ago: file, id, date,
# source (the page professionals/bronnen lists them all).
sources: $(VENV)/.installed
	@$(BIN)/python -m omringd.site.sources

# Data texts (interface, contacts, decision tree) for translators, as PO:
#   make po-export LANG=fr > fr.po      make po-import LANG=fr PO=fr.po
po-export: $(VENV)/.installed
	@$(BIN)/python -m omringd.i18n.po export $(LANG)

po-import: $(VENV)/.installed
	$(BIN)/python -m omringd.i18n.po import $(LANG) $(PO)

lint: $(VENV)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

# Installs only what is missing; root on the target machines, sudo elsewhere.
define deb_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  echo "Installing Debian packages: $$missing"; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; \
	fi
	touch $@
endef

.deb-site: Makefile
	$(call deb_install,$(DEB_SITE))

.deb-test: Makefile
	$(call deb_install,$(DEB_TEST))

# --ignore-scripts: no install script is needed (the Observatory's would download lists).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(SITE_DIR) $(SITE_DIR).nginx .pytest_cache
