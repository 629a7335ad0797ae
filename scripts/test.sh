#!/usr/bin/env bash
# Every test: the API suite on SQLite and on a throw-away PostgreSQL cluster, the dashboard's
# unit tests, and the browser tests against the real API with the demonstration data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

echo "== API: build"
dotnet build RolloutHub.sln -c Release --nologo -v quiet

echo "== API: integration tests"
source scripts/postgres.sh
start_postgres
trap stop_postgres EXIT
dotnet test RolloutHub.sln -c Release --no-build --nologo --logger "console;verbosity=minimal"

if [ -f web/package.json ]; then
  echo "== Dashboard: unit tests"
  (cd web && npm ci --no-audit --no-fund --silent && npm test && npm run build)
  if [ -f scripts/e2e.sh ]; then
    echo "== Dashboard: browser tests"
    scripts/e2e.sh
  fi
fi
