// The closing line of `npm test`: `tests: N passed, N failed, N skipped`, from vitest's JSON report.
// vitest counts only tests there, so a file that fails to load (a syntax error, a throwing import)
// or whose hooks fail before any test runs adds nothing to `numFailedTests`; each such file counts
// as one failure here, and so does a run that exited non-zero with nothing failed in the report
// (an unhandled error outside every test), so the line never says "0 failed" over a failed run.
// A check run after vitest (the interop matrix against docs/interop.md) that failed counts as one too.
// Usage: node scripts/test-summary.mjs REPORT.json VITEST_EXIT_STATUS [FAILED_CHECK_NAME]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [reportPath, statusArg, failedCheck] = process.argv.slice(2);
const status = Number(statusArg ?? 0);
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch {
  console.log(`tests: 0 passed, 1 failed, 0 skipped (vitest exited ${status} and wrote no report)`);
  process.exit(0);
}
const files = report.testResults ?? [];
// A failed file in which no test failed: it failed to load, or a hook or the suite itself threw.
const brokenFiles = files.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'),
);
let failed = report.numFailedTests + brokenFiles.length;
const notes = brokenFiles.map(
  (f) =>
    `  failed outside any test: ${relative(process.cwd(), f.name)}: ${(f.message || 'error').split('\n')[0]}`,
);
if (status !== 0 && failed === 0) {
  failed = 1;
  notes.push(`  vitest exited ${status} with no failed test in its report (an error outside every test)`);
}
if (failedCheck) {
  failed += 1;
  notes.push(`  failed after the tests: ${failedCheck}`);
}
for (const n of notes) console.log(n);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
