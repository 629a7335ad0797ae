#!/usr/bin/env bash
# End-to-end tests: the built dashboard + the real API with demonstration data, in Chromium.
#   scripts/e2e.sh                 build web, start the API (fresh SQLite, demo seed) and a static server, run tests/e2e
#   E2E_BASE_URL=http://… scripts/e2e.sh   test a dashboard that is already running (nothing started)
# Needs: Node 20+, the .NET SDK, Debian's chromium (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
API_PORT=${E2E_API_PORT:-5181}
WEB_PORT=${E2E_WEB_PORT:-4173}
WORK=$(mktemp -d /tmp/rollouthub-e2e.XXXXXX)
PIDS=()

cleanup() {
  # Each server runs in its own process group (set -m): end the group, children included.
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && { kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; }
  done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() { # url seconds
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "e2e: $1 did not answer within $2 s" >&2
  return 1
}

wait_for_first_kpi_run() { # base-url seconds
  local auth="Authorization: Bearer ${ROLLOUTHUB_ADMIN_TOKEN:-e2e-admin}"
  for _ in $(seq 1 "$2"); do
    curl -fsS -H "$auth" "$1/api/v1/kpis?grain=month" 2>/dev/null | grep -q '"computedAt":"' && return 0
    sleep 1
  done
  echo "e2e: no KPI run finished within $2 s of the API being ready" >&2
  return 1
}

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

if [ -z "${E2E_BASE_URL:-}" ]; then
  # Job control: every background server gets its own process group, whose id is its $!.
  set -m
  (cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)

  echo "e2e: starting the API on $API_PORT (demo data in $WORK)"
  Demo__Seed=true \
  ROLLOUTHUB_ADMIN_TOKEN=${ROLLOUTHUB_ADMIN_TOKEN:-e2e-admin} \
  ConnectionStrings__RolloutHub="Data Source=$WORK/e2e.db" \
    dotnet run -c Release --project api/RolloutHub.Api -- --urls "http://127.0.0.1:$API_PORT" >"$WORK/api.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$API_PORT/health/ready" 240 || { tail -50 "$WORK/api.log"; exit 1; }
  # The demo seed asks for a first KPI run a few seconds after start; the executive's tests read
  # its figures, so wait for it (the dashboard itself polls until then: see get-kpis.ts).
  wait_for_first_kpi_run "http://127.0.0.1:$API_PORT" 300 || { tail -50 "$WORK/api.log"; exit 1; }

  if curl -fsS "http://127.0.0.1:$API_PORT/" 2>/dev/null | grep -q 'id="root"'; then
    # The API serves web/dist at / (SPEC §4 "The dashboard is served at /"): test it as shipped.
    export E2E_BASE_URL="http://127.0.0.1:$API_PORT"
  else
    echo "e2e: the API serves no dashboard; serving web/dist on $WEB_PORT, proxying the API"
    (cd web && ROLLOUTHUB_API="http://127.0.0.1:$API_PORT" exec node node_modules/vite/bin/vite.js preview --port "$WEB_PORT" --strictPort) >"$WORK/web.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$WEB_PORT/" 60 || { tail -20 "$WORK/web.log"; exit 1; }
    export E2E_BASE_URL="http://127.0.0.1:$WEB_PORT"
  fi
fi

echo "e2e: testing $E2E_BASE_URL"
node --test --test-concurrency=1 "$ROOT"/tests/e2e/*.test.mjs
