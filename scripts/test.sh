#!/usr/bin/env bash
# The README's test command (`npm test`, `npm run test:unit`, `npm run conformance`): installs what the
# tests need (idempotent; a warm cache makes this a few seconds), then runs vitest on Node 24, the
# runtime the action declares. Extra arguments select test files or folders.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-tools
[ -d node_modules ] || bash scripts/npm24.sh ci --no-audit --no-fund
cache=${SIGSTAMP_CACHE:-$HOME/.cache/sigstamp}
export PATH="$cache/bin:$PATH"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
"$cache/bin/node24" node_modules/vitest/vitest.mjs run "$@" --reporter=default --reporter=json --outputFile.json="$report" || status=$?
# One plain closing line that any CI log reader understands; a file that failed to load counts.
"$cache/bin/node24" scripts/test-summary.mjs "$report" "$status"
exit $status
