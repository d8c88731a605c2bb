// `npm test`'s closing line must count a suite that failed to load, or whose hooks threw before any
// test ran, as failed: vitest's JSON report counts only tests, and a run once ended on
// "tests: 764 passed, 0 failed" with two suites that never loaded. Proven on a temp copy of the
// test command with deliberately broken suites, run as CI runs it.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
let copy: string;

function testCommand(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(
      'bash',
      ['scripts/test.sh', ...args],
      { cwd: copy, maxBuffer: 16 << 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}
const closingLine = (out: string): string | undefined =>
  out
    .trim()
    .split('\n')
    .findLast((l) => l.startsWith('tests: '));

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'sigstamp-test-summary-'));
  for (const f of [
    'scripts/test.sh',
    'scripts/test-summary.mjs',
    'scripts/npm24.sh',
    '.ci',
    'vitest.config.ts',
    'package.json',
  ])
    await cp(join(root, f), join(copy, f), { recursive: true });
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'));
  await mkdir(join(copy, 'test'));
  const t = (name: string, body: string) => writeFile(join(copy, 'test', `${name}.test.ts`), body);
  await t('ok', "import { it, expect } from 'vitest';\nit('passes', () => expect(1).toBe(1));\n");
  await t('load-error', "throw new Error('deliberately broken suite');\n");
  await t(
    'hook-error',
    "import { beforeAll, it, expect } from 'vitest';\nbeforeAll(() => { throw new Error('hook broke'); });\nit('never runs', () => expect(1).toBe(1));\n",
  );
  await t('fails', "import { it, expect } from 'vitest';\nit('fails', () => expect(1).toBe(2));\n");
}, 60_000);
afterAll(() => rm(copy, { recursive: true, force: true }));

describe('the closing line of the test command', () => {
  it('counts a suite that failed to load and one whose hook threw as failures', async () => {
    const r = await testCommand();
    expect(r.code, r.out).not.toBe(0);
    expect(closingLine(r.out), r.out).toMatch(/^tests: 1 passed, 3 failed, \d+ skipped$/);
    expect(r.out).toMatch(/failed outside any test: test\/load-error\.test\.ts: deliberately broken suite/);
    expect(r.out).toMatch(/failed outside any test: test\/hook-error\.test\.ts/);
  }, 120_000);

  it('says 0 failed only when every suite loaded and passed', async () => {
    const r = await testCommand('test/ok.test.ts');
    expect(r.code, r.out).toBe(0);
    expect(closingLine(r.out)).toBe('tests: 1 passed, 0 failed, 0 skipped');
  }, 120_000);
});
