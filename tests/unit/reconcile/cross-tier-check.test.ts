import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runReconcileStage } from '../../../src/stages/reconcile/reconcile-stage.js';
import type { ReconcileOptions } from '../../../src/stages/reconcile/reconcile-options.js';
import { buildTables, type Tables } from './tables.js';

/** D1 (tier 1) sells 100 boxes of A to D2 (tier 2) in October; D2 reports buying them from D1. */
const base = (): Tables => ({
  reports: [['D1', 'sales', '2026-10'], ['D2', 'purchases', '2026-10']],
  secondary: [['2026-10', 'D1', 'D2', 'A', 100]],
  purchases: [['2026-10', 'D1', 'D2', 'A', 100]],
});

interface Case {
  name: string;
  tables: Tables;
  options?: ReconcileOptions;
  expected: Record<string, unknown>[];
}

const cases: Case[] = [
  {
    name: 'the tier-2 reports what the tier-1 sold it: match',
    tables: base(),
    expected: [{ period: '2026-10', sku: 'A', seller_code: 'D1', seller_tier: 1, buyer_code: 'D2', buyer_tier: 2, sales_qty: 100, purchase_qty: 100, difference: 0, status: 'match' }],
  },
  {
    name: 'several lines and a return are summed on both sides',
    tables: { ...base(), secondary: [['2026-10', 'D1', 'D2', 'A', 70], ['2026-10', 'D1', 'D2', 'A', 40], ['2026-10', 'D1', 'D2', 'A', -10]], purchases: [['2026-10', 'D1', 'D2', 'A', 60], ['2026-10', 'D1', 'D2', 'A', 40]] },
    expected: [{ sales_qty: 100, sales_rows: 3, purchase_qty: 100, purchase_rows: 2, status: 'match' }],
  },
  {
    name: 'it reports 40 fewer: mismatch, difference −40',
    tables: { ...base(), purchases: [['2026-10', 'D1', 'D2', 'A', 60]] },
    expected: [{ sales_qty: 100, purchase_qty: 60, difference: -40, status: 'mismatch' }],
  },
  {
    name: 'a purchase report without the line is a mismatch against 0',
    tables: { ...base(), purchases: [['2026-10', 'D1', 'D2', 'B', 5]] },
    expected: [
      { sku: 'A', sales_qty: 100, purchase_qty: 0, difference: -100, status: 'mismatch' },
      { sku: 'B', sales_qty: 0, purchase_qty: 5, difference: 5, status: 'mismatch' },
    ],
  },
  {
    name: 'the tier-2 sent no purchase report for the month: missing_purchase_report',
    tables: { ...base(), reports: [['D1', 'sales', '2026-10'], ['D2', 'purchases', '2026-09']], purchases: [] },
    expected: [{ sales_qty: 100, purchase_qty: 0, status: 'missing_purchase_report' }],
  },
  {
    name: 'the tier-1 sent no sales report for the month: missing_sales_report',
    tables: { ...base(), reports: [['D2', 'purchases', '2026-10']], secondary: [] },
    expected: [{ sales_qty: 0, purchase_qty: 100, difference: 100, status: 'missing_sales_report' }],
  },
  {
    name: 'a delivery on the 30th booked on the 1st shows in both months, in opposite directions',
    tables: {
      reports: [['D1', 'sales', '2026-09', '2026-10'], ['D2', 'purchases', '2026-09', '2026-10']],
      secondary: [['2026-09', 'D1', 'D2', 'A', 60], ['2026-09', 'D1', 'D2', 'A', 40], ['2026-10', 'D1', 'D2', 'A', 50]],
      purchases: [['2026-09', 'D1', 'D2', 'A', 60], ['2026-10', 'D1', 'D2', 'A', 40], ['2026-10', 'D1', 'D2', 'A', 50]],
    },
    expected: [
      { period: '2026-09', difference: -40, status: 'mismatch' },
      { period: '2026-10', difference: 40, status: 'mismatch' },
    ],
  },
  {
    name: 'purchases from our own company are not cross-tier (that is the primary flow)',
    tables: { ...base(), purchases: [['2026-10', 'D1', 'D2', 'A', 100], ['2026-10', 'MFR001', 'D2', 'A', 500]] },
    expected: [{ seller_code: 'D1', purchase_qty: 100, status: 'match' }],
  },
  {
    name: 'a tolerance in boxes makes a small difference a match',
    tables: { ...base(), purchases: [['2026-10', 'D1', 'D2', 'A', 99]] },
    options: { crossTierToleranceBoxes: 1 },
    expected: [{ difference: -1, status: 'match' }],
  },
];

let db: Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

describe('cross_tier_check', () => {
  it.each(cases)('$name', async ({ tables, options, expected }) => {
    db = await buildTables(tables);
    const counts = await runReconcileStage(db, options);
    const rows = await db.all('rows', 'SELECT * FROM cross_tier_check ORDER BY period, seller_code, buyer_code, sku');
    expect(counts.cross_tier_check).toBe(expected.length);
    expect(rows).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(rows[i]).toMatchObject(e));
  });
});
