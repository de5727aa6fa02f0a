#!/usr/bin/env bash
# Installs everything and starts Readiness: the Backstage backend on :7007
# (embedded SQLite under .readiness/, the sample catalog audited on start) and
# the frontend on :3000.
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
mkdir -p .readiness/db
exec yarn start "$@"
