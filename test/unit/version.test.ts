import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';

describe('version', () => {
  it('src/version.ts states the version package.json does (SBOM creators, user agents)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('the bundled CLI prints it with --version, and nothing on stderr (the GC flag is known to V8)', () => {
    const r = spawnSync(process.execPath, ['dist/cli/index.js', '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`sigstamp ${VERSION}\n`);
    expect(r.stderr).toBe('');
  });
});
