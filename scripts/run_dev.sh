#!/usr/bin/env bash
# Serve the site with a task worker and the scheduler beside it; stop all of them on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PIDS=()
stop() {
    trap - EXIT INT TERM
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM
$PY manage.py db_worker --queue-name "*" --interval 1 --no-reload &
PIDS+=($!)
# One scheduler: it only enqueues the scheduled jobs (reminders, expiry, retention) for the worker.
$PY manage.py run_scheduler &
PIDS+=($!)
# The privacy guard builds its lookup cache once per machine (about 90 s); do it now, in the background.
$PY manage.py privacy_guard_warm_up &
PIDS+=($!)
$PY manage.py demo_logins || true
echo "Drakentemmers draait op http://127.0.0.1:8000 (stoppen met Ctrl-C)"
$PY manage.py runserver 127.0.0.1:8000
