import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The shape of src/ (issue 14): no import cycles, no file over 400 lines, run.ts a table of
// contents. Hand-written rather than madge/dpdm: those pull in a TypeScript-compiler dependency
// tree for what is a string scan over relative specifiers, and every import in src/ is written
// with its `.js` extension (NodeNext), so resolving one is a path join.
//
// `import type` counts: a type-only cycle is erased at run time but is still two modules that
// cannot be understood, moved or tested one without the other.

const SRC = resolve('src');
const MAX_LINES = 400;
const MAX_RUN_LINES = 150;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// Static `import … from` / `export … from` / side-effect `import '…'` at the start of a line (so
// prose in comments does not match), and `import('…')` anywhere.
const STATIC = /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(STATIC), ...text.matchAll(DYNAMIC)].map((m) => (m[1] ?? m[2])!);
  return specs
    .filter((s) => s.startsWith('./') || s.startsWith('../'))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

const files = sourceFiles(SRC).sort();
const graph = new Map(files.map((f) => [f, relativeImports(f)]));
const rel = (f: string): string => relative(process.cwd(), f);

/** Every cycle a depth-first walk closes, each as the path of modules that returns to its start. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const to of graph.get(f) ?? []) {
      if (state.get(to) === 'open') found.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

describe('architecture of src/', () => {
  it('finds the modules and their relative imports', () => {
    expect(files.length).toBeGreaterThan(50);
    const unresolved = [...graph].flatMap(([f, to]) =>
      to.filter((t) => !existsSync(t)).map((t) => `${rel(f)} -> ${rel(t)}`),
    );
    expect(unresolved, 'relative imports that name no file in src/').toEqual([]);
  });

  it('has no import cycle', () => {
    const found = cycles().map((c) => c.map(rel).join(' -> '));
    expect(found, `import cycles:\n${found.join('\n')}`).toEqual([]);
  });

  it(`has no file over ${MAX_LINES} lines`, () => {
    const lines = (f: string): number => readFileSync(f, 'utf8').split('\n').length - 1;
    const long = files.filter((f) => lines(f) > MAX_LINES).map((f) => `${rel(f)}: ${lines(f)} lines`);
    expect(long, `files over ${MAX_LINES} lines:\n${long.join('\n')}`).toEqual([]);
  });

  it(`keeps src/run.ts, the table of contents of a run, under ${MAX_RUN_LINES} lines`, () => {
    const lines = readFileSync(join(SRC, 'run.ts'), 'utf8').split('\n').length - 1;
    expect(lines).toBeLessThan(MAX_RUN_LINES);
  });
});
