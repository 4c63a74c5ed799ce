#!/usr/bin/env bash
# Serve the site with a task worker beside it; stop both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY manage.py db_worker --queue-name "*" --interval 1 --no-reload &
WORKER=$!
# The privacy guard builds its lookup cache once per machine (about 90 s); do it now, in the background.
$PY manage.py privacy_guard_warm_up &
WARMUP=$!
trap 'kill $WORKER $WARMUP 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_logins || true
echo "Drakentemmers draait op http://127.0.0.1:8000 (stoppen met Ctrl-C)"
$PY manage.py runserver 127.0.0.1:8000
