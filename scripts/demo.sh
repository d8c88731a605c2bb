#!/usr/bin/env bash
# `npm run demo`: the main job end to end on loopback, on a fresh machine. Installs what it needs
# (idempotent), then runs scripts/demo.ts on Node 24 against the committed dist/ bundles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-tools --for demo
[ -d node_modules ] || bash scripts/npm24.sh ci --no-audit --no-fund
[ -f dist/index.js ] || npm run -s build
cache=${SIGSTAMP_CACHE:-$HOME/.cache/sigstamp}
export PATH="$cache/bin:$PATH"
exec "$cache/bin/node24" --import tsx scripts/demo.ts "$@"
