#!/usr/bin/env bash
# `npm run fuzz`: the fuzz targets (test/fuzz) at length. SIGSTAMP_FUZZ_RUNS multiplies each target's
# inputs (default 50 here; npm test runs them once each, ~20 s in all); SIGSTAMP_FUZZ_SEED picks the
# seed (default: a fresh one, printed, so a long run explores new inputs and any crash replays with
# SIGSTAMP_FUZZ_SEED=<seed>). Ends with one line per target: executions and how they ended.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-tools --for fuzz
[ -d node_modules ] || bash scripts/npm24.sh ci --no-audit --no-fund
node24=${SIGSTAMP_CACHE:-$HOME/.cache/sigstamp}/bin/node24
export SIGSTAMP_FUZZ_RUNS=${SIGSTAMP_FUZZ_RUNS:-50}
export SIGSTAMP_FUZZ_SEED=${SIGSTAMP_FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
echo "fuzz: ${SIGSTAMP_FUZZ_RUNS}x the default inputs per target, seed ${SIGSTAMP_FUZZ_SEED}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$SECONDS
status=0
"$node24" node_modules/vitest/vitest.mjs run test/fuzz "$@" 2>&1 | tee "$log" || status=$?
echo
echo "fuzz targets (seed ${SIGSTAMP_FUZZ_SEED}, $((SECONDS - start)) s):"
grep -a ' executions (seed ' "$log" | sed 's/^/  /'
exit "$status"
