#!/usr/bin/env bash
# Installs everything and starts Readiness: the Backstage backend on :7007
# (embedded SQLite under .readiness/, the sample catalog audited on start) and
# the frontend on :3000. With --scm, the sample catalog is read through the local
# SCM server as GitHub repositories (a database of its own, .readiness/scm-db).
set -euo pipefail
cd "$(dirname "$0")/.."

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && { exec 3>&- 3<&-; return 0; }
  return 1
}
for port in 3000 7007; do
  if port_in_use "$port"; then
    echo "readiness: port $port is already in use; stop whatever listens on it (e.g. 'ss -ltnp | grep :$port') and try again" >&2
    exit 1
  fi
done

bash scripts/install.sh
. scripts/env.sh

if [ "${1:-}" != "--scm" ]; then
  mkdir -p .readiness/db
  exec yarn start "$@"
fi

# --scm: the sample catalog through the local SCM server, as GitHub repositories
# (plugins/readiness-backend/README.md, "The sample catalog on GitHub-style URLs").
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/readiness-scm-demo-XXXXXX")"
mkdir -p .readiness/scm-db
node --require @backstage/cli/config/nodeTransform.cjs \
  plugins/readiness-backend/scripts/scm-demo.ts "$PWD" "$work" >"$work/ready" &
scm_pid=$!
cleanup() {
  kill "$scm_pid" 2>/dev/null || true
  wait "$scm_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 120); do
  [ -s "$work/ready" ] && break
  kill -0 "$scm_pid" 2>/dev/null || { echo "readiness: the local SCM server did not start" >&2; exit 1; }
  sleep 0.5
done
[ -s "$work/ready" ] || { echo "readiness: the local SCM server did not start in time" >&2; exit 1; }
echo "readiness: sample repositories served as GitHub repositories on the local SCM server ($(cat "$work/ready"))"
yarn start --config app-config.yaml --config "$(cat "$work/ready")" "$@"
