#!/usr/bin/env bash
# Every test: the API suite on SQLite, again on a throw-away PostgreSQL cluster, and on SQL
# Server when ROLLOUTHUB_TEST_SQLSERVER names one; then the dashboard's unit tests and the
# browser tests against the real API with the demonstration data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

echo "== API: build"
dotnet build RolloutHub.sln -c Release --nologo -v quiet
echo "== API: layout checked by dotnet format (.editorconfig)"
dotnet format RolloutHub.sln --verify-no-changes -v quiet

# One run of the whole suite on one database provider (TestDatabase reads the variable).
api_suite() {
  echo "== API: integration tests on $1"
  ROLLOUTHUB_TEST_PROVIDER=$1 dotnet test RolloutHub.sln -c Release --no-build --nologo --logger "console;verbosity=minimal"
}

api_suite sqlite

source scripts/postgres.sh
start_postgres
trap stop_postgres EXIT
if [ -n "${ROLLOUTHUB_TEST_POSTGRES:-}" ]; then
  api_suite postgres
  echo "== API: cluster test (two instances, one PostgreSQL database)"
  scripts/cluster-test.sh
else
  echo "== API: integration tests on postgres SKIPPED: PostgreSQL is not installed (scripts/install-deps.sh installs it)"
fi

if [ -n "${ROLLOUTHUB_TEST_SQLSERVER:-}" ]; then
  api_suite sqlserver
else
  echo "== API: integration tests on sqlserver SKIPPED: no SQL Server available: set ROLLOUTHUB_TEST_SQLSERVER"
fi

if [ -f web/package.json ]; then
  echo "== Dashboard: unit tests"
  # The browser tests build the dashboard (scripts/e2e.sh): not built twice here.
  (cd web && npm ci --no-audit --no-fund --silent && npm test)
  echo "== Dashboard: ESLint (typescript-eslint, react-hooks)"
  (cd web && npm run --silent lint)
  echo "== API: OpenAPI document linted with Redocly's recommended rules (warnings are errors)"
  (cd web && npm run --silent lint:api)
  if [ -f scripts/e2e.sh ]; then
    echo "== Dashboard: browser tests"
    scripts/e2e.sh
  fi
fi
