#!/usr/bin/env bash
# Serve the site with a task worker beside it; stop both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY manage.py db_worker --queue-name "*" --interval 1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_logins || true
echo "Drakentemmers draait op http://127.0.0.1:8000 (stoppen met Ctrl-C)"
$PY manage.py runserver 127.0.0.1:8000
