// The interop matrix renderer (scripts/interop.ts) reports what was not measured and what is wrong,
// never fills a cell in, and shows a pinned bug with its issue.
import { describe, expect, it } from 'vitest';
import { render } from '../../scripts/interop.js';
import {
  CASES,
  CONSUMER_CATALOGUE,
  PROMOTION_ROUTES,
  PROMOTION_STORAGES,
  REGISTRY_KINDS,
  correctVerdict,
  type Cell,
  type PromotionCell,
} from '../support/interop.js';

function promotionCells(): PromotionCell[] {
  const cells: PromotionCell[] = [];
  for (const route of PROMOTION_ROUTES)
    for (const storage of PROMOTION_STORAGES)
      for (const at of ['source', 'destination'] as const)
        for (const consumer of ['cosign v3 signature', 'cosign v2.2 signature']) {
          const verdict = at === 'destination' && consumer.includes('v2.2') ? 'rejected' : 'admitted';
          cells.push({
            kind: 'promotion',
            route,
            storage,
            at,
            consumer,
            expected: verdict,
            observed: verdict,
          });
        }
  return cells;
}

function completeCells(): Cell[] {
  const cells: Cell[] = [];
  for (const consumer of CONSUMER_CATALOGUE)
    for (const storage of consumer.ranFor)
      for (const registry of REGISTRY_KINDS)
        for (const c of CASES) {
          const verdict = correctVerdict(c);
          cells.push({
            registry,
            storage,
            consumer: { id: consumer.id, label: consumer.label, version: consumer.version },
            case: c,
            expected: { verdict },
            observed: verdict,
          });
        }
  return cells;
}

describe('interop matrix rendering', () => {
  it('a complete, right set renders with no problem and a row per consumer, registry and storage', () => {
    const cells = completeCells();
    const { markdown, problems } = render([...cells, ...promotionCells()], '2026-12-03');
    expect(problems).toEqual([]);
    expect(markdown).toMatch(
      /\| olareg → distribution \| referrers \| destination \| admitted \| rejected \|/,
    );
    const rows = markdown.split('\n').filter((l) => /^\| (cosign|Kyverno|policy|gh)/.test(l));
    expect(rows).toHaveLength(cells.length / CASES.length);
    expect(markdown).toContain('on 2026-12-03 from');
  });

  it('a missing cell is NOT MEASURED and a problem; a wrong one is WRONG and a problem', () => {
    const cells = completeCells();
    const dropped = cells.shift()!;
    cells[0]!.observed = cells[0]!.expected.verdict === 'admitted' ? 'rejected' : 'admitted';
    const { markdown, problems } = render(cells, '2026-12-03');
    expect(markdown).toContain('**NOT MEASURED**');
    expect(markdown).toContain('**WRONG: ');
    expect(problems.some((p) => p.startsWith('not measured: ') && p.includes(dropped.consumer.id))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith('wrong: '))).toBe(true);
  });

  it('a promotion row not measured, or wrong, is a problem', () => {
    const promo = promotionCells();
    const wrong = promo.find((c) => c.expected === 'rejected')!;
    wrong.observed = 'admitted';
    const rest = promo.filter((c) => !(c.route === PROMOTION_ROUTES[0] && c.at === 'source'));
    const { problems } = render([...completeCells(), ...rest], '2026-12-03');
    expect(problems.filter((p) => p.startsWith('not measured: promotion'))).toHaveLength(
      PROMOTION_STORAGES.length,
    );
    expect(problems.some((p) => p.startsWith('wrong: promotion'))).toBe(true);
  });

  it('a cell measured twice is a problem', () => {
    const cells = completeCells();
    cells.push(cells[0]!);
    expect(render(cells, '2026-12-03').problems.some((p) => p.startsWith('measured twice'))).toBe(true);
  });

  it('a pinned bug shows its issue and is listed; a limitation gets a note', () => {
    const cells = completeCells();
    cells[0]!.expected = {
      verdict: 'rejected',
      bug: { issue: 'x/y#1', url: 'https://example.invalid/1', what: 'it breaks' },
    };
    cells[0]!.observed = 'rejected';
    cells[1]!.expected = { verdict: 'rejected', limitation: 'cannot see it' };
    cells[1]!.observed = 'rejected';
    const { markdown, problems } = render([...cells, ...promotionCells()], '2026-12-03');
    expect(problems).toEqual([]);
    expect(markdown).toContain('rejected: bug [x/y#1](https://example.invalid/1)');
    expect(markdown).toContain('- x/y#1: it breaks');
    expect(markdown).toMatch(/rejected \[1\]\(#note-1\)/);
    expect(markdown).toContain('1. cannot see it');
  });
});
