import { describe, expect, it } from 'vitest';
import { quotaMonths, splitQuotas } from '../../../src/stages/attribute/quota-split.js';

const q = (period: string, amount: number, qty: number | null = null, line = 2) => ({ period, rep_code: 'R1', product_group: 'G', qty, amount, line });

describe('quota periods split into months', () => {
  it.each([
    ['2026-10', ['2026-10']],
    ['2026-Q1', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12']],
    ['2026', Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)],
  ])('%s covers %j', (period, months) => expect(quotaMonths(period)).toEqual(months));

  it.each([
    // [period, amount, qty, mode, expected amounts, expected qtys]
    ['2026-Q4', 120000, 2400, 'even', [40000, 40000, 40000], [800, 800, 800]],
    ['2026-Q4', 100, 10, 'even', [33.33, 33.33, 33.34], [3, 3, 4]],
    ['2026-Q1', 90000, null, 'by_days', [31000, 28000, 31000], null], // 2026 is not a leap year: 31+28+31 = 90 days
    ['2026-Q4', 92, null, 'by_days', [31, 30, 31], null],
  ] as const)('%s amount %d qty %s split %s', (period, amount, qty, mode, amounts, qtys) => {
    const months = splitQuotas([q(period, amount, qty)], mode);
    expect(months.map((m) => m.amount)).toEqual(amounts);
    expect(months.map((m) => m.qty)).toEqual(qtys ?? months.map(() => null));
    expect(Math.round(months.reduce((s, m) => s + m.amount, 0) * 100) / 100).toBe(amount);
    expect(months[0]!.source).toMatch(new RegExp(`row 2 \\(${period}, ${mode}`));
  });

  it('a month quota on top of the quarter adds up, naming both sources', () => {
    const months = splitQuotas([q('2026-Q4', 3000, null, 2), q('2026-10', 500, null, 3)], 'even');
    expect(months.find((m) => m.period === '2026-10')).toMatchObject({ amount: 1500, source: expect.stringContaining('row 3') });
  });
});
