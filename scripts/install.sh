#!/usr/bin/env bash
# Installs everything the app and its checks need: Node 22 (npm registry), Yarn
# (vendored), and the workspace dependencies from the committed lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

tries=0
until yarn install --immutable; do
  tries=$((tries + 1))
  if [ "$tries" -ge 3 ]; then
    echo "readiness: 'yarn install' failed 3 times; check access to the npm registry ($(npm config get registry 2>/dev/null))" >&2
    exit 1
  fi
  echo "readiness: 'yarn install' failed, retrying ($tries/3)" >&2
  sleep $((tries * 5))
done
