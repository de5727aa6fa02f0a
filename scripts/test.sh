#!/usr/bin/env bash
# Installs everything and runs every check: type check, lint, unit and
# integration tests (SQLite and PostgreSQL), and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-true}"

phase_start=0
phase() {
  local now
  now=$(date +%s)
  if [ "$phase_start" != 0 ]; then
    echo "::: phase '$phase_name' took $((now - phase_start)) s"
  fi
  phase_name="$1"
  phase_start=$now
  [ "$1" = done ] || echo "::: phase '$1'"
}
total_start=$(date +%s)

phase install
bash scripts/install.sh
. scripts/env.sh

phase postgres
# Stop the server afterwards only if this run started it.
if ! bash scripts/postgres.sh status; then
  trap 'bash scripts/postgres.sh stop' EXIT
fi
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(bash scripts/postgres.sh start)"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING

phase typecheck
yarn tsc

phase config-schema
# The plugins' config.d.ts schemas compile and the app's configuration matches them.
yarn backstage-cli config:check --lax --strict

phase lint
yarn backstage-cli repo lint

phase unit-tests
yarn backstage-cli repo test --watchAll=false

if [ -f scripts/e2e.sh ]; then
  phase browser-tests
  bash scripts/e2e.sh
fi

phase done
echo "::: all checks passed in $(( $(date +%s) - total_start )) s"
