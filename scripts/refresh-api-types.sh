#!/usr/bin/env bash
# After a change of the API's contract: starts the API on a throw-away SQLite file, copies its
# /openapi/v1.json to web/src/lib/api/openapi.json and regenerates the dashboard's types from
# it (web: npm run gen:api). Commit both files; OpenApiCopyTests fails until they match the API.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-5197}
WORK=$(mktemp -d /tmp/rollouthub-openapi.XXXXXX)
set -m
dotnet build api/RolloutHub.Api -c Release --nologo -v quiet
ROLLOUTHUB_ADMIN_TOKEN=unused ConnectionStrings__RolloutHub="Data Source=$WORK/openapi.db" \
  dotnet run -c Release --no-build --project api/RolloutHub.Api -- --urls "http://127.0.0.1:$PORT" >"$WORK/api.log" 2>&1 &
API=$!
trap 'kill -- -$API 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null && break
  sleep 1
done
(cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run gen:api -- --from "http://127.0.0.1:$PORT/openapi/v1.json")
