#!/usr/bin/env bash
# Build the production image (Containerfile) and test it against the PostgreSQL on this machine: migrate in a
# one-off container, then the three roles (web, worker, scheduler) side by side; /health/, the Dutch home page
# and a static file through gunicorn and WhiteNoise; the worker and the scheduler still running after a while.
# Everything it starts is stopped and removed again; it exits non-zero on any failure.
#
# Needs a Docker daemon and PostgreSQL on 127.0.0.1:5432 (trust auth for postgres). Takes minutes, so it is not
# part of .ci/run. Environment:
#   BASE_IMAGE   base of both stages (default debian:bookworm-slim; when that cannot be pulled, a local
#                equivalent made with debootstrap, which needs root, tagged LOCAL_BASE_IMAGE (default
#                drakentemmers-base:bookworm; made once, reused after)
#   IMAGE        tag to build (default drakentemmers:smoke)
#   SMOKE_PORT   port on 127.0.0.1 for the web container (default 18437)
#   SMOKE_DB     database to create and drop (default dt_container)
#   SKIP_BUILD=1 test an IMAGE that is already built
#   EXTRA_CA_CERTS_DIR  *.crt to trust while building (a TLS-inspecting proxy; default /usr/local/share/ca-certificates)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-drakentemmers:smoke}
PORT=${SMOKE_PORT:-18437}
DB=${SMOKE_DB:-dt_container}
PREFIX=dt-smoke-$$
LOCAL_BASE=${LOCAL_BASE_IMAGE:-drakentemmers-base:bookworm}
PGHOST=127.0.0.1
BASE_URL="http://127.0.0.1:$PORT"
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

make_local_base() {
  # A debian:bookworm-slim equivalent without Docker Hub: Debian's minimal bootstrap, imported as an image.
  [ "$(id -u)" = 0 ] || fail "making $LOCAL_BASE needs root (debootstrap); or set BASE_IMAGE"
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  local rootfs
  rootfs=$(mktemp -d /tmp/dt-rootfs.XXXXXX)
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/tmp/dt-debootstrap.log 2>&1 \
    || { tail -20 /tmp/dt-debootstrap.log; fail "debootstrap"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # Like the official image: the point releases' updates and the security archive too.
  printf '%s\n' "deb http://deb.debian.org/debian bookworm main" "deb http://deb.debian.org/debian bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main" >"$rootfs/etc/apt/sources.list"
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' \
    - "$LOCAL_BASE" >/dev/null
  rm -rf "$rootfs"
}

if [ -z "${BASE_IMAGE:-}" ]; then
  if docker image inspect debian:bookworm-slim >/dev/null 2>&1 || timeout 60 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    BASE_IMAGE=debian:bookworm-slim
  else
    BASE_IMAGE=$LOCAL_BASE
    if ! docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
      step "debian:bookworm-slim cannot be pulled: making $LOCAL_BASE with debootstrap"
      make_local_base
    fi
  fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build $IMAGE from $BASE_IMAGE"
  started=$(date +%s)
  # Where this host reaches PyPI and npm through a TLS-inspecting proxy, the build trusts the CA certificates
  # added locally here (EXTRA_CA_CERTS_DIR, default /usr/local/share/ca-certificates) in its build stage only.
  extra_ca=$(cat "${EXTRA_CA_CERTS_DIR:-/usr/local/share/ca-certificates}"/*.crt 2>/dev/null || true)
  docker build --network host -f Containerfile --build-arg BASE_IMAGE="$BASE_IMAGE" \
    --build-arg EXTRA_CA_CERTS="$extra_ca" -t "$IMAGE" .
  echo "build took $(( $(date +%s) - started )) s"
fi
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
echo "image $IMAGE: $(( size / 1000000 )) MB"

step "the image holds no secret and runs as a non-root user"
docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$IMAGE" | grep -Eq '^(SECRET_KEY|DATABASE_URL|EMAIL_HOST_PASSWORD|HEALTH_TOKEN)=' \
  && fail "a secret is baked into the image's environment"
[ "$(docker image inspect -f '{{.Config.User}}' "$IMAGE")" = 10001:10001 ] || fail "image user is not 10001:10001 (drakentemmers)"

containers=()
envfile=$(mktemp /tmp/dt-smoke-env.XXXXXX)
cleanup() {
  local rc=$?
  set +e
  if [ "$rc" != 0 ]; then
    for c in "${containers[@]}"; do echo "--- logs of $c"; docker logs --tail 40 "$c" 2>&1; done
  fi
  [ ${#containers[@]} -gt 0 ] && docker rm -f "${containers[@]}" >/dev/null 2>&1
  docker volume rm -f "$PREFIX-media" >/dev/null 2>&1
  rm -f "$envfile"
  psql -h "$PGHOST" -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  [ "$rc" = 0 ] && printf '\nCONTAINER SMOKE TEST PASSED\n' || printf '\nCONTAINER SMOKE TEST FAILED\n' >&2
  exit "$rc"
}
trap cleanup EXIT

step "database $DB"
psql -h "$PGHOST" -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -h "$PGHOST" -U postgres -q -c "CREATE DATABASE $DB" >/dev/null

# Secrets and settings reach the containers only through the environment (here an env file, mode 0600).
cat >"$envfile" <<ENV
SECRET_KEY=smoke-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')
DATABASE_URL=postgres://postgres@$PGHOST:5432/$DB
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=https://127.0.0.1
SITE_URL=https://127.0.0.1
BEHIND_PROXY=1
HEALTH_TOKEN=smoke-health-token
PORT=$PORT
WEB_CONCURRENCY=2
GUNICORN_CMD_ARGS=--bind 127.0.0.1:$PORT
ENV
chmod 600 "$envfile"
run=(docker run --network host --env-file "$envfile" -v "$PREFIX-media:/data/media")

step "migrate (one-off container)"
"${run[@]}" --rm "$IMAGE" python manage.py migrate --noinput -v1 | tail -3

step "start web, worker and scheduler"
containers+=("$PREFIX-web")
"${run[@]}" -d --name "$PREFIX-web" --health-interval 5s --health-start-period 60s "$IMAGE" >/dev/null
containers+=("$PREFIX-worker")
"${run[@]}" -d --name "$PREFIX-worker" --no-healthcheck "$IMAGE" \
  python manage.py db_worker --queue-name "*" --no-reload >/dev/null
containers+=("$PREFIX-scheduler")
"${run[@]}" -d --name "$PREFIX-scheduler" --no-healthcheck "$IMAGE" python manage.py run_scheduler >/dev/null
started=$(date +%s)

step "the image's HEALTHCHECK turns healthy"
for _ in $(seq 1 60); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$PREFIX-web")
  [ "$health" = healthy ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$PREFIX-web")" = true ] || fail "web container exited"
  sleep 2
done
[ "$health" = healthy ] || fail "web container is $health after 120 s"
echo "healthy after $(( $(date +%s) - started )) s: $(docker inspect -f '{{range .State.Health.Log}}{{.Output}}{{end}}' "$PREFIX-web" | grep -v '^$' | tail -1)"

curl_https() { curl -sS --max-time 20 -H 'X-Forwarded-Proto: https' "$@"; }

step "GET /health/"
body=$(curl_https -o - -w '\n%{http_code}' "$BASE_URL/health/")
code=${body##*$'\n'}; body=${body%$'\n'*}
echo "$code $body"
[ "$code" = 200 ] || fail "/health/ answered $code"
[ "$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin))')" = "{'status': 'ok'}" ] \
  || fail "/health/ should answer the status only: $body"
details=$(curl_https -H 'Authorization: Bearer smoke-health-token' "$BASE_URL/health/")
echo "with HEALTH_TOKEN: $details"
printf '%s' "$details" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["checks"]["database"]["vendor"]=="postgresql", d' \
  || fail "/health/ details do not show PostgreSQL"

step "GET / (Dutch HTML) and a stylesheet it links"
page=$(mktemp)
code=$(curl_https -o "$page" -w '%{http_code}' "$BASE_URL/")
[ "$code" = 200 ] || { rm -f "$page"; fail "/ answered $code"; }
grep -q '<html[^>]*lang="nl"' "$page" || { head -c 600 "$page"; rm -f "$page"; fail "/ is not Dutch HTML"; }
echo "200, $(wc -c <"$page") bytes, $(grep -o '<title>[^<]*' "$page" | head -1 | sed 's/<title>//')"
css=$(grep -o 'href="/static/[^"]*\.css"' "$page" | head -1 | sed 's/^href="//; s/"$//')
rm -f "$page"
[ -n "$css" ] || fail "no stylesheet under /static/ on /"
[[ "$css" =~ \.[0-9a-f]{12}\.css$ ]] || fail "$css has no hashed name: the build's collectstatic manifest is not in use"
headers=$(curl_https -o /dev/null -D - "$BASE_URL$css")
echo "$css: $(printf '%s' "$headers" | grep -iE '^(HTTP|content-type|cache-control)' | tr -d '\r' | paste -sd ' ')"
printf '%s' "$headers" | head -1 | grep -q ' 200' || fail "$css not served"
printf '%s' "$headers" | grep -qi '^content-type: text/css' || fail "$css is not text/css"

step "worker and scheduler keep running"
wait_until=$(( started + 30 ))
while [ "$(date +%s)" -lt "$wait_until" ]; do sleep 2; done
for role in worker scheduler web; do
  c="$PREFIX-$role"
  state=$(docker inspect -f '{{.State.Status}} restarts={{.RestartCount}}' "$c")
  echo "$role: $state after $(( $(date +%s) - started )) s, user $(docker exec "$c" id -un)"
  [ "$state" = "running restarts=0" ] || fail "$role container is $state"
done
pdf=$(docker exec "$PREFIX-worker" python -c "import weasyprint; print(len(weasyprint.HTML(string='<h1>Overdracht</h1>').write_pdf()))") \
  || fail "WeasyPrint cannot render a PDF in the image"
[ "$pdf" -gt 500 ] || fail "WeasyPrint's PDF is only $pdf bytes"
echo "PDF (WeasyPrint, pango, fonts): $pdf bytes"
docker exec "$PREFIX-worker" pg_dump --version || fail "no pg_dump in the image"
echo "--- worker log"; docker logs --tail 5 "$PREFIX-worker" 2>&1
echo "--- scheduler log"; docker logs --tail 5 "$PREFIX-scheduler" 2>&1
docker logs "$PREFIX-scheduler" 2>&1 | grep -qi 'traceback' && fail "scheduler logged a traceback"
docker logs "$PREFIX-worker" 2>&1 | grep -qi 'traceback' && fail "worker logged a traceback"
docker logs "$PREFIX-web" 2>&1 | grep -E '\[(ERROR|CRITICAL)\]|Traceback' && fail "web logged an error"

step "the worker runs a task enqueued from the web container"
task=$(docker exec "$PREFIX-web" python manage.py shell -c \
  "from drakentemmers.core.tasks import email_outbox_sweep; print(email_outbox_sweep.enqueue().id)" | tail -1)
[ -n "$task" ] || fail "could not enqueue a task"
for _ in $(seq 1 30); do
  docker logs "$PREFIX-worker" 2>&1 | grep -q "id=$task .*state=SUCCESSFUL" && break
  sleep 1
done
docker logs "$PREFIX-worker" 2>&1 | grep "id=$task" || true
docker logs "$PREFIX-worker" 2>&1 | grep -q "id=$task .*state=SUCCESSFUL" || fail "the worker did not run task $task"

step "stop (SIGTERM: each role shuts down gracefully)"
for role in scheduler worker web; do
  c="$PREFIX-$role"; t0=$(date +%s)
  docker stop -t 60 "$c" >/dev/null
  echo "$role stopped in $(( $(date +%s) - t0 )) s, exit code $(docker inspect -f '{{.State.ExitCode}}' "$c")"
done
