#!/usr/bin/env bash
# Static security checks for CI: bandit over our code (medium severity and up fails), and pip-audit over the pinned
# dependencies where its advisory database (the pypi.org JSON API) can be reached from this machine.
set -uo pipefail
cd "$(dirname "$0")/.."

.venv/bin/bandit -c pyproject.toml -q -r drakentemmers -ll || { echo "bandit found issues (see above)"; exit 1; }
echo "bandit: no medium or high severity issues"

# requirements.txt pins every package the virtualenv holds, so pip-audit checks those pins as they are
# (--no-deps --disable-pip) instead of installing them all again into a temporary virtualenv (50 s here).
audit=$(timeout 300 .venv/bin/pip-audit -r requirements.txt --no-deps --disable-pip --progress-spinner off 2>&1)
status=$?
total=$(grep -c '==' requirements.txt)
unaudited=$(grep -c 'could not be audited' <<<"$audit" || true)
if grep -qi 'known vulnerabilit' <<<"$audit" && ! grep -qi 'no known vulnerabilities' <<<"$audit" \
    || { [ "$status" -ne 0 ] && ! grep -q 'could not be audited' <<<"$audit"; }; then
    echo "$audit"
    echo "pip-audit: known vulnerabilities or an error (exit $status)"
    exit 1
fi
if [ "$unaudited" -ge "$total" ]; then
    echo "pip-audit: the advisory database cannot be reached from this machine; 0 of $total packages audited"
else
    echo "pip-audit: $((total - unaudited)) of $total packages audited, no known vulnerabilities"
fi
