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
cells=${SIGSTAMP_INTEROP_OUT:-$(mktemp)}
trap 'rm -f "$report"; [ -n "${SIGSTAMP_INTEROP_OUT:-}" ] || rm -f "$cells"' EXIT
status=0
SIGSTAMP_INTEROP_OUT=$cells "$cache/bin/node24" node_modules/vitest/vitest.mjs run "$@" --reporter=default --reporter=json --outputFile.json="$report" || status=$?
# The whole suite runs the interop matrix (test/interop): the committed docs/interop.md must be what
# it measured, cell for cell. Locally its suites skip (loudly) when a tool is missing, and then there
# is nothing to compare; under CI=true a missing cell fails. (The trimmed copy of this script that
# test/unit/test-summary.test.ts runs has no matrix.)
failed_check=()
if [ $# -eq 0 ] && [ -f scripts/interop.ts ]; then
  if [ -s "$cells" ] || [ "${CI:-}" = true ]; then
    "$cache/bin/node24" --import tsx scripts/interop.ts "$cells" --compare docs/interop.md ||
      failed_check=("the interop matrix (docs/interop.md)")
  else
    echo "SKIPPED: the interop matrix was not measured (its suites skipped); docs/interop.md not checked" >&2
  fi
fi
# One plain closing line that any CI log reader understands; a file that failed to load counts.
"$cache/bin/node24" scripts/test-summary.mjs "$report" "$status" "${failed_check[@]}"
[ ${#failed_check[@]} -eq 0 ] || status=1
exit $status
