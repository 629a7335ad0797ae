#!/usr/bin/env bash
# make bench: generates a deterministic organisation (20,000 employees × SCALE in 20 × SCALE
# departments, at least 40 and at most 200; 52 weeks, ~5 million usage events × SCALE) and
# measures, each beside its baseline in the same run:
#   1. the usage-events import through the API  vs  sqlite3's .import of the same file;
#   2. the full and the incremental KPI run     vs  one GROUP BY in the sqlite3 CLI on the same database
#      (with the API's peak RSS during each), then the full run again at 1/10 and 1/2 of the size
#      (how the cost grows); then freshness: a champion's POST of usage events until /kpis includes
#      them, with the API's after-change trigger on as in production;
#   3. wrk on GET /api/v1/kpis and /api/v1/kpis/departments (also asked with gzip, as browsers do),
#      and on the heatmap's /api/v1/kpis/departments/heatmap with gzip, vs GET /health/live of the same process;
#   4. the dashboard: gzipped first-load JavaScript and the time to a rendered overview in Chromium;
#   5. the AI tools' exports (a Purview CSV of 500,000 records and a GitHub NDJSON of 1,000,000,
#      × SCALE) through the source import  vs  the usage-events import of the same events.
# Results: bench/results/latest.json and latest.md at scale 1, scale10.json and scale10.md at
# scale 10 (scaleN.json otherwise); the README's table shows scale 1 and scale 10 side by side.
# Scratch files: bench/work/ (git-ignored).
#
#   SCALE=0.05 make bench        a small run, to check the machinery
#   BENCH_SWEEP=0                skip the 1/10 and 1/2 KPI points
#   BENCH_HTTP_SECONDS=30        wrk duration per endpoint     BENCH_PORT=5150 (and the next port)
#   BENCH_END_DATE=YYYY-MM-DD    the Sunday ending the 52 weeks (default: the last complete week)
#   BENCH_ONLY=sources           only part 5 (with the organisation it needs)
#   BENCH_ONLY=import            only part 1 (the import and its baseline), figures in bench/work/run/import-only.md;
#                                bench/results/ is left alone (to measure a change to the import)
#   BENCH_SOURCES=0              skip part 5          BENCH_FRESHNESS=0    skip the freshness measure
#   BENCH_WHAT_IF=0              skip the KPI what-if (hire dates clipped to the 52 weeks)
#   BENCH_SWEEP_FRACTIONS="0.1"  which smaller sizes the KPI run is timed at (default "0.1 0.5")
#   BENCH_STEP_TIMEOUT=SECONDS   the longest one step may take (default 900, or 300 × SCALE if more)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCALE=${SCALE:-1}
SEED=${BENCH_SEED:-20260105}
PORT=${BENCH_PORT:-5150}
SWEEP_PORT=$((PORT + 1))
HTTP_SECONDS=${BENCH_HTTP_SECONDS:-30}
BENCH_STEP_TIMEOUT=${BENCH_STEP_TIMEOUT:-$(awk -v s="$SCALE" 'BEGIN { t = 300 * s; printf "%d", (t > 900 ? t : 900) }')}
export BENCH_STEP_TIMEOUT
WORK=$ROOT/bench/work
RUN=$WORK/run
RESULTS=$ROOT/bench/results
BENCH=$ROOT/bench/RolloutHub.Bench/bin/Release/net10.0/RolloutHub.Bench
API=$ROOT/api/RolloutHub.Api/bin/Release/net10.0/RolloutHub.Api
TOKEN="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
STARTED=$(date +%s)
API_PID=""

log() { echo "== bench [$(( $(date +%s) - STARTED )) s] $*"; }

stop_api() {
  if [ -n "$API_PID" ]; then
    kill "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
    API_PID=""
  fi
}
cleanup() {
  local status=$?
  stop_api
  # Whatever else this script started in the background (a wrk, a browser) ends with it.
  local children
  children=$(jobs -p)
  [ -n "$children" ] && kill $children 2>/dev/null || true
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# phase NAME COMMAND...: runs one measured step (bounded in time); a failure is recorded in
# failures.tsv (the report turns it into null figures with the reason) and the run goes on.
phase() {
  local name=$1; shift
  local err="$RUN/$name.err" status=0
  "$@" 2>"$err" || status=$?
  cat "$err" >&2
  [ "$status" = 0 ] && return 0
  local message
  message=$(grep -v '^[[:space:]]*$' "$err" | tail -1 | tr '\t' ' ')
  [ "$status" = 124 ] && message="timed out after ${BENCH_STEP_TIMEOUT:-900} s"
  printf '%s\t%s\n' "$name" "${message:-exit status $status}" >>"$RUN/failures.tsv"
  log "$name FAILED: ${message:-exit status $status}"
  return 1
}

# start_api PORT DATABASE [keep]: the Release build, on a fresh database (or the one there with
# "keep"), with what the bench needs: no rate limit, no KPI run started by itself (runs are
# requested and timed by the bench) unless API_AUTO_KPI=1 (the production after-change trigger).
start_api() {
  local port=$1 db=$2 keep=${3:-}
  [ "$keep" = keep ] || rm -f "$db" "$db-wal" "$db-shm"
  local dashboard=() kpis=(Kpis__DebounceSeconds=86400 Kpis__MaxDelaySeconds=86400)
  [ -f "$ROOT/web/dist/index.html" ] && dashboard=("Dashboard__Path=$ROOT/web/dist")
  [ "${API_AUTO_KPI:-0}" = 1 ] && kpis=()
  env ROLLOUTHUB_ADMIN_TOKEN="$TOKEN" \
      ConnectionStrings__RolloutHub="Data Source=$db" \
      Hardening__RequestsPerMinute=100000000 Imports__MaxBytes=4294967296 \
      "${kpis[@]}" Kpis__NightlyCron="0 0 2 1 1 ? 2099" \
      ASPNETCORE_ENVIRONMENT=Production "${dashboard[@]}" \
      "$API" --urls "http://127.0.0.1:$port" >>"$RUN/api-$port.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then return 0; fi
    kill -0 "$API_PID" 2>/dev/null || { tail -20 "$RUN/api-$port.log" >&2; echo "the API exited at start" >&2; return 1; }
    sleep 0.5
  done
  echo "the API did not answer /health/ready within 60 s" >&2
  return 1
}

bench() { timeout "${BENCH_STEP_TIMEOUT:-900}" "$BENCH" "$@"; }

rm -rf "$RUN"
mkdir -p "$RUN" "$RESULTS"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

log "dependencies"
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ -f web/package.json ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log "build (Release)"
dotnet build api/RolloutHub.Api/RolloutHub.Api.csproj -c Release --nologo -v quiet
dotnet build bench/RolloutHub.Bench/RolloutHub.Bench.csproj -c Release --nologo -v quiet
ONLY=${BENCH_ONLY:-}
WEB_BUILT=0
if [ -f web/package.json ] && [ -z "$ONLY" ]; then
  log "dashboard build"
  if phase web-build bash -c 'cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; } && npm run build --silent >/dev/null'; then
    WEB_BUILT=1
  fi
fi

log "generate the organisation (SCALE=$SCALE)"
END_ARGS=()
[ -n "${BENCH_END_DATE:-}" ] && END_ARGS=(--end "$BENCH_END_DATE")
DATA=$WORK/data-$SCALE
bench generate --scale "$SCALE" --seed "$SEED" "${END_ARGS[@]}" --out "$DATA" --fragment "$RUN/generate.json"
manifest() { grep -o "\"$1\": *[^,}]*" "$DATA/manifest.json" | head -1 | sed 's/.*: *//; s/"//g'; }
FROM=$(manifest start); TO=$(manifest end); DEPARTMENTS=$(manifest departments)
URL=http://127.0.0.1:$PORT
DB=$RUN/bench.db

log "API on $URL"
if [ "$ONLY" != sources ] && phase api-start start_api "$PORT" "$DB"; then
  log "1. import: API"
  if phase import-setup bench import --api "$URL" --token "$TOKEN" --data "$DATA" --phase setup --out "$RUN/import-setup.json" \
     && phase import bench import --api "$URL" --token "$TOKEN" --data "$DATA" --phase events --pid "$API_PID" --out "$RUN/import.json"; then
    log "1. import: sqlite3 baseline"
    phase import-sqlite3 bench sqlite-import --csv "$DATA/usage-events.csv" --db "$RUN/sqlite3-import.db" --out "$RUN/sqlite-import.json" || true
  fi
  if [ "$ONLY" = import ]; then
    stop_api
    bench report --results "$RUN" --out "$RUN" --name import-only --log "$RUN/api-$PORT.log"
    grep -E 'import_|Import usage-events' "$RUN/import-only.md" || true
    rm -f "$DB" "$DB-wal" "$DB-shm"
    log "done (BENCH_ONLY=import)"
    exit 0
  fi
  if [ -f "$RUN/import.json" ]; then

    log "2. KPI: full run (after an untimed one: the job runs in a long-lived process), baseline query, incremental run"
    phase kpi-full bench kpi --api "$URL" --token "$TOKEN" --mode full --prefix kpi_warmup --timeout "$BENCH_STEP_TIMEOUT" --out "$RUN/kpi-warmup.json" \
      && phase kpi-full bench kpi --api "$URL" --token "$TOKEN" --pid "$API_PID" --mode full --timeout "$BENCH_STEP_TIMEOUT" --out "$RUN/kpi-full.json" || true
    phase kpi-baseline bench kpi-baseline --db "$DB" --out "$RUN/kpi-baseline.json" || true
    phase kpi-next-day bench import --api "$URL" --token "$TOKEN" --data "$DATA" --phase next-day --out "$RUN/next-day.json" \
      && phase kpi-incremental bench kpi --api "$URL" --token "$TOKEN" --pid "$API_PID" --mode incremental --out "$RUN/kpi-incremental.json" || true

    log "3. HTTP: wrk ${HTTP_SECONDS}s × 64 connections per endpoint"
    phase http bench http --api "$URL" --token "$TOKEN" --pid "$API_PID" --from "$FROM" --to "$TO" --seconds "$HTTP_SECONDS" --out "$RUN/http.json" || true

    log "4. dashboard"
    if [ ! -f web/package.json ]; then
      printf '{ "web_js_gzip_kb": null, "web_overview_ms": null, "web_reason": "web/ is absent on this branch" }\n' >"$RUN/web.json"
    elif [ "$WEB_BUILT" = 1 ]; then
      phase web timeout 300 node bench/web/overview.mjs --base "$URL" --token "$TOKEN" --from "$FROM" --to "$TO" \
        --departments "$DEPARTMENTS" --dist "$ROOT/web/dist" --out "$RUN/web.json" || true
    else
      printf '{ "web_js_gzip_kb": null, "web_overview_ms": null, "web_reason": "the dashboard did not build" }\n' >"$RUN/web.json"
    fi

    # What-if: the same organisation with no hire date before the 52 weeks. KPI periods start at
    # the earliest usage event, outcome or hire date, so a roster with ten years of hire dates
    # makes a full run compute (and store) ten years of weeks; this shows what that costs.
    if [ "${BENCH_WHAT_IF:-1}" != 0 ]; then
    log "2. KPI what-if: hire dates clipped to the first week"
    phase kpi-what-if sqlite3 -bail "$DB" ".timeout 30000" "UPDATE employees SET joined_on = '$FROM' WHERE joined_on < '$FROM'" \
      && phase kpi-what-if bench kpi --api "$URL" --token "$TOKEN" --pid "$API_PID" --mode full --prefix kpi_full_recent_hires --timeout "$BENCH_STEP_TIMEOUT" --out "$RUN/kpi-what-if.json" || true
    fi

    # Freshness as a reader meets it: the same database, the API restarted with the after-change
    # trigger of production (default debounce), a champion's POST, then /kpis until it shows it.
    if [ "${BENCH_FRESHNESS:-1}" != 0 ]; then
      log "2. KPI freshness: a champion's POST until /kpis includes it"
      stop_api
      API_AUTO_KPI=1 phase freshness start_api "$PORT" "$DB" keep \
        && phase freshness bench freshness --api "$URL" --token "$TOKEN" --data "$DATA" --timeout "$BENCH_STEP_TIMEOUT" --out "$RUN/freshness.json" || true
    fi
  fi
fi
stop_api

# Each export into an empty usage_events table of its own database, then (events deleted) the
# usage-events CSV of the same events: both take the same first-load path.
log "5. source imports"
SOURCES_DB=$RUN/sources.db
if [ "${BENCH_SOURCES:-1}" != 0 ] && phase sources start_api "$PORT" "$SOURCES_DB"; then
  phase sources bench import --api "$URL" --token "$TOKEN" --data "$DATA" --phase setup --out "$RUN/sources-setup.json" \
    && phase sources bench sources --api "$URL" --token "$TOKEN" --data "$DATA" --db "$SOURCES_DB" --pid "$API_PID" \
         --scale "$SCALE" --seed "$SEED" --out "$RUN/sources.json" || true
fi
stop_api
rm -f "$SOURCES_DB" "$SOURCES_DB-wal" "$SOURCES_DB-shm"

if [ "${BENCH_SWEEP:-1}" != 0 ] && [ "$ONLY" != sources ]; then
  for fraction in ${BENCH_SWEEP_FRACTIONS:-0.1 0.5}; do
    size=$(awk -v s="$SCALE" -v f="$fraction" 'BEGIN { printf "%g", s * f }')
    log "2. KPI at $fraction of the size (SCALE=$size)"
    out=$RUN/sweep-$size
    mkdir -p "$out"
    data=$WORK/data-$size
    # The usage events go in with sqlite3 (the API import was measured above); the KPI run is what is timed.
    phase "kpi-sweep-$size" bench generate --scale "$size" --seed "$SEED" "${END_ARGS[@]}" --out "$data" --fragment "$out/generate.json" \
      && phase "kpi-sweep-$size" start_api "$SWEEP_PORT" "$out/bench.db" \
      && phase "kpi-sweep-$size" bench import --api "http://127.0.0.1:$SWEEP_PORT" --token "$TOKEN" --data "$data" --phase setup --out "$out/import-setup.json" \
      && phase "kpi-sweep-$size" bench sqlite-load --csv "$data/usage-events.csv" --db "$out/bench.db" \
      && phase "kpi-sweep-$size" bench kpi --api "http://127.0.0.1:$SWEEP_PORT" --token "$TOKEN" --mode full --prefix kpi_warmup --timeout "$BENCH_STEP_TIMEOUT" --out "$out/kpi-warmup.json" \
      && phase "kpi-sweep-$size" bench kpi --api "http://127.0.0.1:$SWEEP_PORT" --token "$TOKEN" --pid "$API_PID" --mode full --timeout "$BENCH_STEP_TIMEOUT" --out "$out/kpi-full.json" \
      && phase "kpi-sweep-$size" bench kpi-baseline --db "$out/bench.db" --out "$out/kpi-baseline.json" || true
    stop_api
    rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
  done
fi
rm -f "$DB" "$DB-wal" "$DB-shm"

log "report"
NAME=latest
[ "$SCALE" != 1 ] && NAME="scale$SCALE"
bench report --results "$RUN" --out "$RESULTS" --name "$NAME" \
  --meta "git_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')" \
  --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" --meta "load_average_start=$LOAD_START" \
  --meta "bench_seconds=$(( $(date +%s) - STARTED ))" \
  --log "$RUN/api-$PORT.log" --readme "$ROOT/README.md"
cat "$RESULTS/$NAME.md"
log "done"
