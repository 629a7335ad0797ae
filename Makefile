# RolloutHub — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 5080
ADMIN_TOKEN ?= rollouthub-local-admin
DATA_DIR ?= data

.PHONY: help run test test-api test-web test-e2e build web bench deps clean api-types

help:
	@echo "make run    start RolloutHub on http://127.0.0.1:$(PORT) with demonstration data"
	@echo "make test   run every test (API on SQLite and PostgreSQL, dashboard, browser)"
	@echo "make bench  measure imports, KPI runs, the API and the dashboard (results in bench/results/)"

deps:
	@scripts/install-deps.sh

build:
	dotnet build RolloutHub.sln -c Release

web:
	@if [ -f web/package.json ]; then cd web && npm ci --no-audit --no-fund && npm run build; fi

run: web build
	@mkdir -p $(DATA_DIR)
	@echo ""
	@echo "  RolloutHub on http://127.0.0.1:$(PORT)/  (API docs: /swagger)"
	@echo "  Sign in on the dashboard with one click as a demonstration role,"
	@echo "  or use the admin token: $(ADMIN_TOKEN)"
	@echo ""
	ROLLOUTHUB_ADMIN_TOKEN=$(ADMIN_TOKEN) Demo__Seed=true \
	ConnectionStrings__RolloutHub="Data Source=$(DATA_DIR)/rollouthub.db" \
	dotnet run -c Release --no-build --project api/RolloutHub.Api -- --urls http://127.0.0.1:$(PORT)

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

# After changing the API's contract: refresh the dashboard's copy of the OpenAPI document and its types.
api-types:
	@scripts/refresh-api-types.sh

clean:
	rm -rf $(DATA_DIR) web/dist bench/work
	dotnet clean RolloutHub.sln
