#!/usr/bin/env bash
# Browser tests: starts the app as the start command does (fresh SQLite), waits
# until the sample catalog is audited, then drives Debian's Chromium with
# playwright-core. Screenshots land in e2e-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

if ! command -v chromium >/dev/null 2>&1; then
  echo "readiness: installing Chromium from Debian packages" >&2
  if [ "$(id -u)" != "0" ]; then
    echo "readiness: Chromium is missing and installing it needs root (apt-get install chromium)" >&2
    exit 1
  fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || { echo "readiness: could not install Chromium with apt-get" >&2; exit 1; }
fi
export READINESS_CHROMIUM="${READINESS_CHROMIUM:-$(command -v chromium)}"

for port in 3000 7007; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "readiness: port $port is already in use; the browser tests start their own app there" >&2
    exit 1
  fi
done

rm -rf .readiness/e2e-db e2e-artifacts
mkdir -p .readiness/e2e-db e2e-artifacts
log=e2e-artifacts/app.log
setsid yarn start --config "$PWD/app-config.yaml" --config "$PWD/app-config.e2e.yaml" >"$log" 2>&1 &
app_pid=$!
stop_app() {
  kill -- -"$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
}
trap stop_app EXIT

status=0
node --test --test-concurrency=1 e2e/*.test.mjs || status=$?
if [ "$status" != 0 ]; then
  echo "::: browser tests failed; the last lines of the app log:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"
