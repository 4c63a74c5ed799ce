# Two commands: `make run` and `make test`. Everything else here is what they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export DJANGO_SETTINGS_MODULE := drakentemmers.settings

.PHONY: run test setup deps system-libs assets db demo worker lint format messages browser check-deploy benchmarks backup restore clean

run: setup demo ## Set everything up and serve on http://127.0.0.1:8000 with a task worker and the scheduler beside it
	@bash scripts/run_dev.sh

test: deps assets browser ## Set up and run the whole test suite (DATABASE_URL picks the database)
	$(MANAGE) privacy_guard_warm_up
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

setup: deps assets db

deps: $(VENV)/.installed system-libs

system-libs: ## Debian libraries that Python packages load (pango for WeasyPrint's PDFs)
	@bash scripts/ensure_system_libs.sh

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed ## Copy the front-end packages we serve ourselves into var/vendor
	@bash scripts/vendor_assets.sh

db: deps
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_regions
	$(MANAGE) createcachetable  # only does something with CACHE_URL=dbcache://

demo: db ## Fictitious demo data (idempotent)
	$(MANAGE) seed_demo

browser: system-libs ## Debian's Chromium for the browser tests
	@bash scripts/ensure_chromium.sh

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: deps ## Extract and compile translations (needs GNU gettext)
	cd drakentemmers && ../$(MANAGE) makemessages -l nl -l en --ignore "node_modules/*" --no-obsolete
	$(MANAGE) compilemessages --ignore ".venv"

check-deploy: deps
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=drakentemmers.example $(MANAGE) check --deploy --fail-level WARNING

benchmarks: setup ## The benchmarks in turn, whole pages under load last (BENCH_ARGS=--quick for a smoke run)
	$(PY) benchmarks/run_all.py $(BENCH_ARGS)

backup: deps ## Back up the database and uploaded files into a new directory under BACKUP_DIR (default var/backups)
	$(MANAGE) backup --target $(or $(BACKUP_DIR),var/backups)

restore: deps ## Restore BACKUP=var/backups/drakentemmers-... into the configured database and MEDIA_ROOT (asks first)
	@test -n "$(BACKUP)" || { echo "Say which: make restore BACKUP=var/backups/drakentemmers-YYYYMMDD-HHMMSS"; exit 2; }
	$(MANAGE) restore $(BACKUP)

clean:
	rm -rf $(VENV) node_modules var
