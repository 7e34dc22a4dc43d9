import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { runReconcileStage, type ReconcileCounts } from '../../../src/stages/reconcile/reconcile-stage.js';
import { copyDemoWorkspace, runQuietly } from '../../helpers/workspace.js';

/**
 * The demo workspace's known 进销存 facts (scripts/fixtures/feeds/zlsy.ts, bct.ts, plan.ts), each
 * figure checked by hand against the fixture files themselves:
 * - 中联四药进销存_202609.xlsx 存: BY003 700 → October's opening.
 * - 中联四药进销存_202610.xlsx 进: BY003 490; 销: BY003 net 428 (17 lines, 退货/销售退回 negative);
 *   存: BY003 750, 在途 0 → 700 + 490 − 428 − 0 = 762, reported 750: gap −12 (ZLSY_GAP).
 *   18 of those 428 boxes went to 武汉市中心医院（后湖院区）, a customer alias the demo leaves for
 *   review (unresolved_rows), so the trusted tables see sales 410 and a gap of −30, of which 18
 *   are explained by the unresolved sale: gap_after_unresolved = −12.
 * - 存 BY001 在途 190: the 10-30 shipment, booked in 进 on 10-31, not yet in the warehouse.
 * - 贝尔康 → 本草堂 BY001 (阿卡波糖片): September sold 80 + 60 + 80 + 40 (9-30) = 260, 本草堂's
 *   September purchases 80 + 60 + 80 = 220 (the 9-30 delivery booked on 10-01) → −40. October
 *   sold 30 + 60 + 20 + 40 (10-31) = 150, bought 40 (the 9-30 one) + 30 + 60 + 20 = 150: the two
 *   timing slips cancel.
 * - 贝尔康 sends no purchase report: its purchases are our shipments to it (SM_MFR001_发货明细:
 *   D0001 BY001 740 in September, 560 in October).
 * - 湖北百惠 (D0007) sends nothing: 中联四药's 调拨 of BY001 100 and BY004 120 a month have no
 *   purchase report to meet. 深圳泰盛 (D0008) sends nothing: BY004 180 / 170 shipped by us.
 */
describe('进销存 reconciliation on the demo workspace', () => {
  let db: Database;
  let counts: ReconcileCounts;
  const line = (period: string, distributor: string, sku: string) =>
    db.one('line', 'SELECT * FROM inventory_reconciliation WHERE period = $p AND distributor_code = $d AND sku = $s', { p: period, d: distributor, s: sku });
  const cross = (period: string, seller: string, buyer: string, sku: string) =>
    db.one('cross', 'SELECT * FROM cross_tier_check WHERE period = $p AND seller_code = $s AND buyer_code = $b AND sku = $k', { p: period, s: seller, b: buyer, k: sku });

  beforeAll(async () => {
    const ws = copyDemoWorkspace('drugflow-reconcile-');
    await runQuietly(ws);
    db = await Database.open(path.join(ws, 'drugflow.duckdb'));
    counts = await runReconcileStage(db);
  });
  afterAll(() => db?.close());

  it('中联四药 BY003 in October: 12 boxes short once the unconfirmed hospital sale is counted', async () => {
    expect(await line('2026-10', 'D0002', 'BY003')).toMatchObject({
      opening: 700, purchases: 490, purchases_source: 'purchase_report', sales: 410, in_transit: 0,
      calculated_closing: 780, reported_closing: 750, gap: -30, unresolved_sales: 18, gap_after_unresolved: -12,
      gap_beyond_tolerance: true, gap_explained_by_unresolved: false, no_opening: false, flagged: true,
    });
  });

  it('every other 中联四药 SKU balances in October once unresolved sales are counted; BY001 has 190 in transit', async () => {
    const rows = await db.all<{ sku: string; gap_after_unresolved: number }>(
      'zlsy', "SELECT sku, gap_after_unresolved FROM inventory_reconciliation WHERE period = '2026-10' AND distributor_code = 'D0002' ORDER BY sku");
    expect(rows.map((r) => r.sku)).toEqual(['BY001', 'BY002', 'BY003', 'BY004', 'BY006', 'BY012']);
    for (const r of rows) expect(r.gap_after_unresolved).toBe(r.sku === 'BY003' ? -12 : 0);
    expect(await line('2026-10', 'D0002', 'BY001')).toMatchObject({ in_transit: 190, purchases: 380, opening: 1180, reported_closing: 1041 });
  });

  it('September is 中联四药\'s first month: no opening, no gap', async () => {
    const rows = await db.all<{ no_opening: boolean; gap: number | null }>('sep', "SELECT no_opening, gap FROM inventory_reconciliation WHERE period = '2026-09' AND distributor_code = 'D0002'");
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r).toMatchObject({ no_opening: true, gap: null });
  });

  it('贝尔康 sends no purchase report: its purchases are filled from our shipments, and say so', async () => {
    expect(await line('2026-09', 'D0001', 'BY001')).toMatchObject({ purchases: 740, purchases_source: 'supplier_sales', no_inventory_report: true });
    expect(await line('2026-10', 'D0001', 'BY001')).toMatchObject({ purchases: 560, purchases_source: 'supplier_sales' });
    expect(await line('2026-10', 'D0006', 'BY001')).toMatchObject({ purchases: 150, purchases_source: 'purchase_report', supplier_sales: 150 });
  });

  it('the silent distributors get rows from what was sold to them, marked as unreported', async () => {
    expect(await line('2026-10', 'D0007', 'BY001')).toMatchObject({ purchases: 100, purchases_source: 'supplier_sales', no_sales_report: true, no_inventory_report: true, flagged: false });
    expect(await line('2026-10', 'D0008', 'BY004')).toMatchObject({ purchases: 170, purchases_source: 'supplier_sales', no_sales_report: true, no_inventory_report: true });
    expect(await line('2026-09', 'D0008', 'BY004')).toMatchObject({ purchases: 180 });
  });

  it('贝尔康 → 本草堂 BY001: the 9-30 delivery booked on 10-01 is a −40 mismatch in September, and October matches', async () => {
    expect(await cross('2026-09', 'D0001', 'D0006', 'BY001')).toMatchObject({ sales_qty: 260, purchase_qty: 220, difference: -40, status: 'mismatch', seller_tier: 1, buyer_tier: 2 });
    expect(await cross('2026-10', 'D0001', 'D0006', 'BY001')).toMatchObject({ sales_qty: 150, purchase_qty: 150, difference: 0, status: 'match' });
  });

  it('中联四药 → 湖北百惠: no purchase report to meet the 调拨', async () => {
    for (const period of ['2026-09', '2026-10']) {
      expect(await cross(period, 'D0002', 'D0007', 'BY001')).toMatchObject({ sales_qty: 100, status: 'missing_purchase_report' });
      expect(await cross(period, 'D0002', 'D0007', 'BY004')).toMatchObject({ sales_qty: 120, status: 'missing_purchase_report' });
    }
  });

  it('reports its counts', async () => {
    const flagged = await db.value<number>('flagged', 'SELECT count(*) FROM inventory_reconciliation WHERE flagged');
    expect(counts.flagged).toBe(Number(flagged));
    expect(counts.flagged).toBeGreaterThanOrEqual(1);
    expect(counts.inventory_reconciliation).toBeGreaterThan(0);
    expect(counts.cross_tier_check).toBeGreaterThan(0);
  });
});
