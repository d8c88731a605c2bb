#!/usr/bin/env bash
# `npm run interop`: runs the interop matrix suites (test/interop: every printed policy and command,
# run by its real consumer, on both registry kinds and every storage mode) and writes
# docs/interop.md from what they measured. Exits non-zero when a cell is wrong or missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cells=$(mktemp)
trap 'rm -f "$cells"' EXIT
status=0
SIGSTAMP_INTEROP_OUT=$cells bash scripts/test.sh test/interop test/conformance/promotion.test.ts || status=$?
bash scripts/node24.sh --import tsx scripts/interop.ts "$cells" --out docs/interop.md || status=$?
echo "wrote docs/interop.md"
exit $status
