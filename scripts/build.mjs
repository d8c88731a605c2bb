// Compiles src/ with tsc (type-checked) into build/, then bundles the Action's main step
// (dist/index.js), its post step (dist/post/index.js) and the CLI (dist/cli/index.js) with ncc from
// that JavaScript. Both bundles are ESM, as the Actions toolkit is.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const run = (script, args) => execFileSync(process.execPath, [script, ...args], { stdio: 'inherit' });
rmSync('build', { recursive: true, force: true });
run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of [
  ['build/src/index.js', 'dist'],
  ['build/src/post.js', 'dist/post'],
  ['build/src/cli.js', 'dist/cli'],
]) {
  run('node_modules/@vercel/ncc/dist/ncc/cli.js', [
    'build',
    entry,
    '-o',
    out,
    '--license',
    'licenses.txt',
    '--quiet',
    '--target',
    'es2022',
  ]);
}
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }, null, 2) + '\n');
const cli = 'dist/cli/index.js';
const text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) writeFileSync(cli, '#!/usr/bin/env node\n' + text.replace(/^#!.*\n/, ''));
chmodSync(cli, 0o755);
