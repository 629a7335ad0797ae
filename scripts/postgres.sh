#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a loopback port for the test suite (sourced by test.sh).
# PostgreSQL refuses to run as root, so the cluster belongs to the postgres user.
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${PG_PORT:-55432}

start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL is not installed: the PostgreSQL suite will be skipped." >&2
    return 0
  fi
  PG_DIR=$(mktemp -d /tmp/rollouthub-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start -w >/dev/null
  export ROLLOUTHUB_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL test cluster on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
