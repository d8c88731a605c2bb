#!/usr/bin/env bash
# npm on Node 24, the runtime the project declares (`engines`), instead of the machine's Node: npm
# then checks engines against 24 and prints no EBADENGINE warning for packages that need Node 22+.
# The npm itself is the machine's (its npm-cli.js); Node 24 comes from the tool cache.
set -euo pipefail
cache=${SIGSTAMP_CACHE:-$HOME/.cache/sigstamp}
cli=$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js
[ -f "$cli" ] || { echo "npm24: npm's npm-cli.js not found next to $(command -v npm)" >&2; exit 1; }
[ -x "$cache/bin/node24" ] || { echo "npm24: $cache/bin/node24 missing: run bash .ci/install-tools" >&2; exit 1; }
# npm runs lifecycle scripts with the `node` on PATH: make that Node 24 too.
mkdir -p "$cache/node24-path"
ln -sfn "$cache/bin/node24" "$cache/node24-path/node"
PATH="$cache/node24-path:$PATH" exec "$cache/bin/node24" "$cli" "$@"
