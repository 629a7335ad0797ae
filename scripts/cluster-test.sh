#!/usr/bin/env bash
# Cluster test (docs/SCALING.md): two API instances on two loopback ports against one
# PostgreSQL database. Checks that
#   1. both start together and migrate once (they take turns on the migration lock);
#   2. imports sent alternately (and concurrently) to both instances all land, and both serve them;
#   3. with the KPI engine present: both nodes join one Quartz cluster, a scheduled KPI job fires
#      once per fire time across both (job_runs), and a run whose node is killed with SIGKILL in
#      the middle is completed by the other node (RequestRecovery);
#   4. one instance killed with SIGKILL leaves the other serving and ready.
# Needs ROLLOUTHUB_TEST_POSTGRES (scripts/postgres.sh sets it) and a Release build of the API.
# Bounded: every wait has a deadline; both instances and the database are removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${ROLLOUTHUB_TEST_POSTGRES:?start a PostgreSQL cluster first (scripts/postgres.sh)}"
PORTS=(${CLUSTER_PORTS:-5160 5161})
TOKEN=cluster-test-admin
API_DLL=api/RolloutHub.Api/bin/Release/net10.0/RolloutHub.Api.dll
WORK=$(mktemp -d /tmp/rollouthub-cluster.XXXXXX)
DB="rh_cluster_$(date +%s)_$$"
PG_PORT_OF_URL=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ROLLOUTHUB_TEST_POSTGRES")
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT_OF_URL" -U postgres -v ON_ERROR_STOP=1 -qtA)
PIDS=()

fail() { echo "CLUSTER TEST FAILED: $*" >&2; for p in "${PORTS[@]}"; do echo "--- instance $p (last lines)" >&2; tail -20 "$WORK/api-$p.log" >&2 || true; done; exit 1; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

start_instance() { # port, extra environment assignments...
  local port=$1; shift
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres \
      ConnectionStrings__RolloutHub="${ROLLOUTHUB_TEST_POSTGRES/Database=postgres/Database=$DB}" \
      ROLLOUTHUB_ADMIN_TOKEN=$TOKEN Dashboard__Path=/nonexistent Quartz__InstanceId="node-$port" \
      Kpis__DebounceSeconds=1 Hardening__RequestsPerMinute=100000 "$@" \
      dotnet "$API_DLL" --urls "http://127.0.0.1:$port" >"$WORK/api-$port.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$port=$!"
  disown "$!" # killed on purpose below: no job-control notice
}
wait_ready() { # port
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  fail "instance on port $1 not ready in 60 s"
}
api() { # method port path [curl args...]
  local method=$1 port=$2 path=$3; shift 3
  curl -sS -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "http://127.0.0.1:$port$path"
}
import() { # port kind file -> prints the import result
  api POST "$1" "/api/v1/imports/$2" -H "Content-Type: text/csv" --data-binary "@$3" -w '\n%{http_code}'
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

echo "== cluster: database $DB, instances on ports ${PORTS[*]}"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
[ -f "$API_DLL" ] || fail "build the API first (dotnet build -c Release)"

# 1. Both at once, one with the demonstration organisation (enough data for a KPI run that lasts).
start_instance "${PORTS[0]}" Demo__Seed=true
start_instance "${PORTS[1]}"
wait_ready "${PORTS[0]}"; wait_ready "${PORTS[1]}"
applied=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(*) FROM schema_migrations")
distinct=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(DISTINCT name) FROM schema_migrations")
[ "$applied" = "$distinct" ] || fail "a migration was applied twice ($applied rows, $distinct names)"
echo "ok: both instances ready, $applied migrations applied once"

# 2. Imports alternately to both instances, two at a time.
before=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(*) FROM usage_events")
employee=$("${PSQL[@]}" -d "$DB" -c "SELECT employee_key FROM employees ORDER BY employee_key LIMIT 1")
use_case=$("${PSQL[@]}" -d "$DB" -c "SELECT code FROM use_cases ORDER BY code LIMIT 1")
[ -n "$employee" ] && [ -n "$use_case" ] || fail "the demonstration organisation was not seeded"
files=20; rows=50
for f in $(seq 1 $files); do
  { echo "event_id,occurred_on,employee_key,use_case_code,uses"
    for r in $(seq 1 $rows); do echo "cluster-$f-$r,2026-0$(( (f % 9) + 1 ))-1$(( r % 10 )),$employee,$use_case,1"; done
  } >"$WORK/usage-$f.csv"
done
for f in $(seq 1 2 $files); do
  import "${PORTS[0]}" usage-events "$WORK/usage-$f.csv" >"$WORK/result-$f" & first=$!
  import "${PORTS[1]}" usage-events "$WORK/usage-$((f + 1)).csv" >"$WORK/result-$((f + 1))" & second=$!
  wait "$first" "$second"
done
for f in $(seq 1 $files); do
  [ "$(tail -1 "$WORK/result-$f")" = "200" ] || fail "import $f answered $(cat "$WORK/result-$f")"
done
after=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(*) FROM usage_events")
[ $((after - before)) -eq $((files * rows)) ] || fail "expected $((files * rows)) new events, found $((after - before))"
for p in "${PORTS[@]}"; do
  seen=$(api GET "$p" "/api/v1/usage-events?employeeKey=$employee&limit=5000" | json "sum(1 for e in d['items'] if e['eventId'].startswith('cluster-'))")
  [ "$seen" -eq $((files * rows)) ] || fail "instance $p lists $seen of the $((files * rows)) imported events"
done
echo "ok: $files imports sent alternately to both instances, all $((files * rows)) events landed and both serve them"

# 3. The clustered KPI job.
nodes=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(*) FROM qrtz_scheduler_state")
[ "$nodes" -eq 2 ] || fail "expected 2 Quartz nodes checked in, found $nodes"
echo "ok: two Quartz nodes in one cluster"

# Let the runs that the imports asked for finish first (one KPI run at a time across the cluster).
for _ in $(seq 1 120); do
  busy=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(*) FROM job_runs WHERE status IN ('queued', 'running')")
  [ "$busy" -eq 0 ] && break
  sleep 1
done
[ "$busy" -eq 0 ] || fail "KPI runs still queued or running 120 s after the imports"

# A run killed in the middle. To be sure to catch it mid-way, a session holds a lock on
# kpi_state, which a run updates at the end of its write transaction: the run starts, reads,
# rewrites snapshots, then waits. Find the node executing it, SIGKILL that node, release the
# lock; the dead node's transaction rolls back and the other node, once the dead one misses
# its check-ins, recovers the job (RequestRecovery) and completes the run.
"${PSQL[@]}" -d "$DB" -c "BEGIN; LOCK TABLE kpi_state IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(90); COMMIT;" >/dev/null 2>&1 &
locker=$!
sleep 1
status=$(api POST "${PORTS[0]}" /api/v1/kpis/recompute?full=true -o "$WORK/recompute.json" -w '%{http_code}')
[ "$status" = "202" ] || fail "recompute answered $status: $(cat "$WORK/recompute.json")"
run=$(json "d['runId']" <"$WORK/recompute.json")
victim=""
for _ in $(seq 1 240); do
  victim=$("${PSQL[@]}" -d "$DB" -c "SELECT instance_name FROM qrtz_fired_triggers WHERE trigger_name = 'kpis-run-$run' AND state = 'EXECUTING'")
  [ -n "$victim" ] && break
  sleep 0.25
done
[ -n "$victim" ] || fail "the KPI run $run never started executing"
sleep 2 # let it reach the lock
victim_port=${victim#node-}; survivor_port=${PORTS[0]}; [ "$victim_port" = "${PORTS[0]}" ] && survivor_port=${PORTS[1]}
kill -9 "$(eval echo "\$PID_$victim_port")"
echo "killed $victim (SIGKILL) in the middle of run $run ($("${PSQL[@]}" -d "$DB" -c "SELECT status FROM job_runs WHERE run_id = '$run'"))"
"${PSQL[@]}" -d "$DB" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(90)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$locker" 2>/dev/null || true
final=""
for _ in $(seq 1 120); do
  final=$("${PSQL[@]}" -d "$DB" -c "SELECT status FROM job_runs WHERE run_id = '$run'")
  [ "$final" = "succeeded" ] && break
  sleep 1
done
[ "$final" = "succeeded" ] || fail "run $run is '$final' 120 s after its node was killed"
echo "ok: node-$survivor_port completed run $run"

# Scheduled fires: both nodes restarted with the KPI schedule set to every 15 s (the trigger in
# the shared store is replaced); each fire time must give one run, not one per node.
kill -9 "$(eval echo "\$PID_$survivor_port")" 2>/dev/null || true
since=$(date -u +%Y-%m-%dT%H:%M:%S)
for p in "${PORTS[@]}"; do start_instance "$p" Kpis__NightlyCron="0/15 * * * * ?"; done
for p in "${PORTS[@]}"; do wait_ready "$p"; done
sleep 50
slots="substr(requested_at, 1, 17) || (CAST(substr(requested_at, 18, 2) AS INTEGER) / 15)"
fired=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(DISTINCT $slots) FROM job_runs WHERE reason = 'nightly' AND requested_at > '$since'")
duplicates=$("${PSQL[@]}" -d "$DB" -c "SELECT COUNT(*) FROM (SELECT $slots FROM job_runs WHERE reason = 'nightly' AND requested_at > '$since' GROUP BY 1 HAVING COUNT(*) > 1) d")
[ "$fired" -ge 2 ] || fail "the scheduled KPI job fired $fired times in 50 s (every 15 s expected)"
[ "$duplicates" -eq 0 ] || fail "$duplicates fire times ran on both nodes"
echo "ok: the scheduled KPI job fired at $fired fire times, once each across both nodes"

# 4. One instance killed with SIGKILL: the other keeps serving.
kill -9 "$(eval echo "\$PID_${PORTS[0]}")"
curl -sf "http://127.0.0.1:${PORTS[1]}/health/ready" >/dev/null || fail "the surviving instance is not ready"
[ "$(tail -1 < <(import "${PORTS[1]}" departments <(printf 'code,name\nCLUSTER,Cluster\n')))" = "200" ] \
  || fail "the surviving instance refused an import"
echo "ok: with instance ${PORTS[0]} killed, instance ${PORTS[1]} is ready and imports"
echo "== cluster test passed"
