import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runReconcileStage } from '../../../src/stages/reconcile/reconcile-stage.js';
import type { ReconcileOptions } from '../../../src/stages/reconcile/reconcile-options.js';
import { buildTables, type Tables } from './tables.js';

/**
 * D1 (tier 1) had 100 boxes of A at the end of September, bought 50 from us in October (its
 * purchase report), sold 60 to a hospital and took 5 back, and reported 95 at the end of October:
 * 100 + 50 − 55 − 0 = 95, gap 0 (52.4 days of inventory). Each case changes one thing.
 */
const base = (): Required<Pick<Tables, 'reports' | 'primary' | 'terminal' | 'purchases' | 'snapshots'>> & Tables => ({
  reports: [['D1', 'sales', '2026-10'], ['D1', 'purchases', '2026-10'], ['D1', 'inventory', '2026-09', '2026-10']],
  primary: [['2026-10', 'MFR001', 'D1', 'A', 60]],
  terminal: [['2026-10', 'D1', 'H1', 'A', 60], ['2026-10', 'D1', 'H1', 'A', -5]],
  purchases: [['2026-10', 'MFR001', 'D1', 'A', 50]],
  snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 95]],
});

type Line = Record<string, unknown>;
interface Case {
  name: string;
  tables: Tables;
  options?: ReconcileOptions;
  key?: { distributor?: string; period?: string; sku?: string };
  expected: Line;
}

const withSnapshots = (snapshots: NonNullable<Tables['snapshots']>): Tables => ({ ...base(), snapshots });

const cases: Case[] = [
  {
    name: 'opening is last month\'s reported closing, and a balanced month has no gap',
    tables: base(),
    expected: {
      opening: 100, opening_snapshot_date: '2026-09-30', purchases: 50, purchases_source: 'purchase_report', sales: 55, returns: -5,
      in_transit: null, calculated_closing: 95, reported_closing: 95, gap: 0, days_of_inventory: 53.5, overstock: false, gap_beyond_tolerance: false, no_opening: false, flagged: false,
    },
  },
  {
    name: 'opening and closing come from the last snapshot of each month',
    tables: withSnapshots([['2026-09-15', 'D1', 'A', 80], ['2026-09-30', 'D1', 'A', 100], ['2026-10-20', 'D1', 'A', 90], ['2026-10-31', 'D1', 'A', 95]]),
    expected: { opening: 100, reported_closing: 95, snapshot_date: '2026-10-31', gap: 0 },
  },
  {
    name: 'no snapshot last month: opening NULL and flagged, nothing calculated',
    tables: withSnapshots([['2026-10-31', 'D1', 'A', 95]]),
    expected: { opening: null, no_opening: true, calculated_closing: null, reported_closing: 95, gap: null, gap_beyond_tolerance: false, flagged: false },
  },
  {
    name: 'a SKU missing from last month\'s snapshot that was sent opens at 0',
    tables: { ...base(), purchases: [['2026-10', 'MFR001', 'D1', 'A', 80]], snapshots: [['2026-09-30', 'D1', 'B', 7], ['2026-10-31', 'D1', 'A', 25]] },
    expected: { opening: 0, no_opening: false, calculated_closing: 25, gap: 0 },
  },
  {
    name: 'a SKU in last month\'s stock that vanished from this month\'s snapshot still gets a row',
    tables: { ...withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-09-30', 'D1', 'B', 40], ['2026-10-31', 'D1', 'A', 95]]) },
    key: { sku: 'B' },
    expected: { opening: 40, purchases: 0, sales: 0, calculated_closing: 40, reported_closing: 0, gap: -40, gap_beyond_tolerance: true, flagged: true },
  },
  {
    name: 'purchases come from the purchase report when one was sent (supplier sales shown beside it)',
    tables: base(),
    expected: { purchases: 50, purchases_source: 'purchase_report', supplier_sales: 60 },
  },
  {
    name: 'without a purchase report, purchases are filled from our shipments and other distributors\' sales to it',
    tables: {
      ...base(),
      reports: [['D2', 'sales', '2026-10'], ['D2', 'inventory', '2026-09', '2026-10']],
      primary: [['2026-10', 'MFR001', 'D2', 'A', 20]],
      secondary: [['2026-10', 'D1', 'D2', 'A', 30]],
      purchases: [],
      terminal: [['2026-10', 'D2', 'H1', 'A', 12]],
      snapshots: [['2026-09-30', 'D2', 'A', 10], ['2026-10-31', 'D2', 'A', 48]],
    },
    key: { distributor: 'D2' },
    expected: { purchases: 50, purchases_source: 'supplier_sales', supplier_sales: 50, sales: 12, calculated_closing: 48, gap: 0 },
  },
  {
    name: 'a purchase report that has no line for the SKU means 0 purchased, not a fill-in',
    tables: { ...base(), purchases: [['2026-10', 'MFR001', 'D1', 'B', 50]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 45]] },
    expected: { purchases: 0, purchases_source: 'purchase_report', supplier_sales: 60, calculated_closing: 45, gap: 0 },
  },
  {
    name: 'returns net against sales, secondary sales count as sales',
    tables: { ...base(), secondary: [['2026-10', 'D1', 'D2', 'A', 20], ['2026-10', 'D1', 'D2', 'A', -4]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 79]] },
    expected: { sales: 71, returns: -9, calculated_closing: 79, gap: 0 },
  },
  {
    name: 'in transit is taken off the calculated closing',
    tables: withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 85, 10]]),
    expected: { in_transit: 10, calculated_closing: 85, reported_closing: 85, gap: 0 },
  },
  {
    name: 'a gap of 2 boxes is within the default tolerance max(2, 2% of 55)',
    tables: withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 93]]),
    expected: { gap: -2, gap_tolerance: 2, gap_beyond_tolerance: false, flagged: false },
  },
  {
    name: 'a gap of 3 boxes is beyond it',
    tables: withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 92]]),
    expected: { gap: -3, gap_beyond_tolerance: true, flagged: true },
  },
  {
    name: 'the tolerance is configurable',
    tables: withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 92]]),
    options: { gapToleranceBoxes: 5 },
    expected: { gap: -3, gap_tolerance: 5, gap_beyond_tolerance: false },
  },
  {
    name: 'on large sales the tolerance is 2% of sales: 9 of 500 is within, 11 is not',
    tables: { ...base(), terminal: [['2026-10', 'D1', 'H1', 'A', 500]], purchases: [['2026-10', 'MFR001', 'D1', 'A', 600]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 209]] },
    expected: { calculated_closing: 200, gap: 9, gap_tolerance: 10, gap_beyond_tolerance: false },
  },
  {
    name: '… and 11 of 500 is beyond',
    tables: { ...base(), terminal: [['2026-10', 'D1', 'H1', 'A', 500]], purchases: [['2026-10', 'MFR001', 'D1', 'A', 600]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 211]] },
    expected: { gap: 11, gap_beyond_tolerance: true },
  },
  {
    name: 'selling more than opening + purchases is negative stock',
    tables: { ...base(), purchases: [['2026-10', 'MFR001', 'D1', 'A', 0]], terminal: [['2026-10', 'D1', 'H1', 'A', 130]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 0]] },
    expected: { calculated_closing: -30, negative_stock: true, flagged: true },
  },
  {
    name: 'a negative reported closing is negative stock too',
    tables: withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', -3]]),
    expected: { negative_stock: true },
  },
  {
    name: 'days of inventory above 110 is overstock (1000 boxes, 31 sold in 31 days)',
    tables: { ...base(), terminal: [['2026-10', 'D1', 'H1', 'A', 31]], purchases: [['2026-10', 'MFR001', 'D1', 'A', 931]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 1000]] },
    expected: { days_in_month: 31, days_of_inventory: 1000, overstock: true, gap: 0, flagged: true },
  },
  {
    name: '100 days of inventory is not',
    tables: { ...base(), terminal: [['2026-10', 'D1', 'H1', 'A', 31]], purchases: [['2026-10', 'MFR001', 'D1', 'A', 31]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 100]] },
    expected: { days_of_inventory: 100, overstock: false, flagged: false },
  },
  {
    name: '… unless the threshold is lowered to 90 days',
    tables: { ...base(), terminal: [['2026-10', 'D1', 'H1', 'A', 31]], purchases: [['2026-10', 'MFR001', 'D1', 'A', 31]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 100]] },
    options: { overstockDays: 90 },
    expected: { days_of_inventory: 100, overstock: true },
  },
  {
    name: 'stock on hand with no sales at all is overstock, days of inventory unknown',
    tables: { ...base(), terminal: [], purchases: [['2026-10', 'MFR001', 'D1', 'A', 0]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 100]] },
    expected: { sales: 0, days_of_inventory: null, overstock: true },
  },
  {
    name: 'sales held in unresolved_rows (buyer not confirmed) are shown next to the gap they explain',
    tables: { ...base(), unresolved: [['sales', 'D1', '2026-10', 'P:A', 10]], snapshots: [['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 85]] },
    expected: { gap: -10, unresolved_sales: 10, gap_after_unresolved: 0, gap_beyond_tolerance: true, gap_explained_by_unresolved: true },
  },
  {
    name: 'no sales report for the month says so (sales 0 means unknown)',
    tables: { ...base(), reports: [['D1', 'purchases', '2026-10'], ['D1', 'inventory', '2026-09', '2026-10']], terminal: [] },
    expected: { sales: 0, no_sales_report: true, days_of_inventory: null, overstock: false },
  },
  {
    name: 'a distributor that reports no stock gets purchases and sales but no closing',
    tables: { ...base(), snapshots: [] },
    expected: { opening: null, reported_closing: null, gap: null, no_inventory_report: true, days_of_inventory: null, flagged: false },
  },
];

let db: Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

async function lineOf(tables: Tables, options: ReconcileOptions | undefined, key: Case['key'] = {}): Promise<Line | undefined> {
  db = await buildTables(tables);
  await runReconcileStage(db, options);
  return db.one('line', 'SELECT * FROM inventory_reconciliation WHERE distributor_code = $d AND period = $p AND sku = $s', {
    d: key.distributor ?? 'D1',
    p: key.period ?? '2026-10',
    s: key.sku ?? 'A',
  });
}

describe('inventory_reconciliation (进销存)', () => {
  it.each(cases)('$name', async ({ tables, options, key, expected }) => {
    const line = await lineOf(tables, options, key);
    expect(line).toBeDefined();
    expect(line).toMatchObject(expected);
  });

  it('has one row per distributor × SKU × month, and none for hospitals or our own company', async () => {
    db = await buildTables(base());
    const counts = await runReconcileStage(db);
    const rows = await db.all<{ period: string; distributor_code: string; sku: string }>('rows', 'SELECT period, distributor_code, sku FROM inventory_reconciliation');
    expect(rows).toEqual([
      { period: '2026-09', distributor_code: 'D1', sku: 'A' },
      { period: '2026-10', distributor_code: 'D1', sku: 'A' },
    ]);
    // no classify stage recorded its months here: none is planned, and every month is made
    expect(counts).toEqual({ inventory_reconciliation: 2, cross_tier_check: 0, flagged: 0, months: { reconciled: 0, kept: 0 } });
  });

  it('counts flagged rows', async () => {
    db = await buildTables(withSnapshots([['2026-09-30', 'D1', 'A', 100], ['2026-10-31', 'D1', 'A', 92]]));
    expect((await runReconcileStage(db)).flagged).toBe(1);
  });

  it('refuses a negative tolerance instead of falling back to a default', async () => {
    db = await buildTables(base());
    await expect(runReconcileStage(db, { gapToleranceBoxes: -1 })).rejects.toThrow(/gapToleranceBoxes/);
  });
});
