#!/usr/bin/env bash
# The README's test command (`npm test`, `npm run test:unit`, `npm run conformance`): installs what the
# tests need (idempotent; a warm cache makes this a few seconds), then runs vitest on Node 24, the
# runtime the action declares. Extra arguments select test files or folders.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-tools
[ -d node_modules ] || npm ci --no-audit --no-fund
cache=${SIGSTAMP_CACHE:-$HOME/.cache/sigstamp}
export PATH="$cache/bin:$PATH"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
"$cache/bin/node24" node_modules/vitest/vitest.mjs run "$@" --reporter=default --reporter=json --outputFile.json="$report" || status=$?
# One plain closing line that any CI log reader understands.
"$cache/bin/node24" -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" 2>/dev/null || echo "tests: 0 passed, 1 failed (vitest wrote no report)"
exit $status
