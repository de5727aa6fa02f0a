#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests, installing it from
# Debian packages when missing. Prints the connection string on stdout. The
# server is throwaway test infrastructure: durability is off (fsync) for speed.
#   scripts/postgres.sh start   -> starts (idempotent), prints postgresql://...
#   scripts/postgres.sh status  -> exit 0 when it runs
#   scripts/postgres.sh stop
set -euo pipefail
PGPORT="${READINESS_PG_PORT:-5433}"
PGDATA="${READINESS_PG_DATA:-/tmp/readiness-pg-$PGPORT}"

find_bin() {
  local name="$1" dir
  command -v "$name" 2>/dev/null && return 0
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
  done
  return 1
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "${1:-start}" in
  start)
    if ! find_bin pg_ctl >/dev/null || ! find_bin initdb >/dev/null; then
      echo "readiness: installing PostgreSQL from Debian packages" >&2
      if [ "$(id -u)" != "0" ]; then
        echo "readiness: PostgreSQL is missing and installing it needs root (apt-get install postgresql)" >&2
        exit 1
      fi
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 \
        || { echo "readiness: could not install PostgreSQL with apt-get" >&2; exit 1; }
    fi
    PG_CTL="$(find_bin pg_ctl)"
    INITDB="$(find_bin initdb)"
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    if ! as_postgres "'$PG_CTL' -D '$PGDATA' status" >/dev/null 2>&1; then
      if [ ! -f "$PGDATA/PG_VERSION" ]; then
        mkdir -p "$PGDATA"
        [ "$(id -u)" = "0" ] && chown postgres "$PGDATA"
        as_postgres "'$INITDB' -D '$PGDATA' -A trust -U postgres" >/dev/null
      fi
      as_postgres "'$PG_CTL' -D '$PGDATA' -o \"-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" -l '$PGDATA/server.log' -w start" >&2 \
        || { echo "readiness: PostgreSQL did not start; see $PGDATA/server.log" >&2; exit 1; }
    fi
    echo "postgresql://postgres@127.0.0.1:$PGPORT"
    ;;
  status)
    PG_CTL="$(find_bin pg_ctl)" || exit 1
    as_postgres "'$PG_CTL' -D '$PGDATA' status" >/dev/null 2>&1
    ;;
  stop)
    PG_CTL="$(find_bin pg_ctl)" || exit 0
    as_postgres "'$PG_CTL' -D '$PGDATA' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: scripts/postgres.sh start|status|stop" >&2
    exit 2
    ;;
esac
