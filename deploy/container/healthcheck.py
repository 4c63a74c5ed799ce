"""The image's HEALTHCHECK: GET /health/ from gunicorn inside the container; healthy on 200 with status ok.

Standard library only, and no Django: it runs every 30 s. It asks with the first name in ALLOWED_HOSTS (so
Django accepts the Host) and with `X-Forwarded-Proto: https`, which Django believes only with BEHIND_PROXY=1
(the container sits behind a TLS proxy); without that, run with SECURE_SSL_REDIRECT=0 or /health/ answers a
redirect and the check fails. The worker and the scheduler serve no HTTP: in those roles there is nothing to
ask, so the check passes (run them with --no-healthcheck to say so; docs/operations.md, "Containers").
"""

import http.client
import json
import os
import sys


def main() -> int:
    try:
        with open("/proc/1/cmdline", "rb") as handle:
            command = handle.read().split(b"\0")
    except OSError:
        command = []
    if not any(part.endswith(b"gunicorn") for part in command[:2]):
        print("not the web role: no HTTP to check")
        return 0
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    connection = http.client.HTTPConnection("127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=4)
    try:
        connection.request("GET", "/health/", headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read()
    except OSError as exc:
        print(f"/health/ unreachable: {exc}")
        return 1
    try:
        status = json.loads(body).get("status")
    except ValueError:
        status = None
    print(f"/health/ {response.status} {status}")
    return 0 if response.status == 200 and status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
