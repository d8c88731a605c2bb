import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS } from '../../src/inputs.js';

// action.yml is what the runner reads; src/inputs.ts is what the code reads. They must agree.
const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
};

describe('action.yml', () => {
  it('declares exactly the inputs the code reads, with the same defaults', () => {
    const code = Object.entries(INPUTS).filter(([, s]) => !('cliOnly' in s && s.cliOnly));
    expect(Object.keys(action.inputs).sort()).toEqual(code.map(([n]) => n).sort());
    for (const [name, spec] of code) {
      expect(action.inputs[name]?.default, name).toBe('default' in spec ? spec.default : undefined);
      expect(action.inputs[name]?.description, name).toBe(spec.description);
    }
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.keys(OUTPUTS).sort());
  });

  it('runs the committed bundles on node24: main, and the shared-tag re-check as post, always', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()',
    });
  });
});

describe('README', () => {
  it('documents every input and output', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of [
      ...Object.keys(INPUTS).filter((n) => !('cliOnly' in INPUTS[n as keyof typeof INPUTS])),
      ...Object.keys(OUTPUTS),
    ]) {
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
