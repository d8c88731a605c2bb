#!/usr/bin/env bash
# Runs Node 24 (the action's runtime) from the tool cache, installing it first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-tools >/dev/null
cache=${SIGSTAMP_CACHE:-$HOME/.cache/sigstamp}
export PATH="$cache/bin:$PATH"
exec "$cache/bin/node24" "$@"
