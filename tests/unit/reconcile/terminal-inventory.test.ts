import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runReconcileStage } from '../../../src/stages/reconcile/reconcile-stage.js';
import { buildTables, type Flow } from './tables.js';

/** [period, chain, store, sku, qty]: a retail feed's sell-out row (store NULL when the file names none). */
type Sellout = [period: string, chain: string, store: string | null, sku: string, qty: number];

const CUSTOMERS: [string, string, number | null][] = [
  ['D1', 'distributor', 1],
  ['C1', 'pharmacy', null],
  ['S1', 'pharmacy', null],
  ['S2', 'pharmacy', null],
  ['H1', 'hospital', null],
];

let db: Database | undefined;
afterEach(() => db?.close());

async function terminalInventory(terminal: Flow[], sellout: Sellout[]): Promise<Record<string, unknown>[]> {
  db = await buildTables({ customers: CUSTOMERS, terminal });
  for (const row of sellout) await db.run('sellout', 'INSERT INTO pharmacy_sellout VALUES ($1, $2, $3, $4, $5)', row);
  await runReconcileStage(db);
  return db.all(
    'terminal inventory',
    `SELECT period, level, chain_code, store_code, sku, purchases_qty, sellout_qty, estimated_stock, avg_weekly_sellout, weeks_of_cover, negative_stock
     FROM terminal_inventory ORDER BY level, store_code NULLS FIRST, sku, period`,
  );
}

const row = (period: string, level: 'chain' | 'store', store: string | null, purchases: number, sellout: number, stock: number, extra: Record<string, unknown> = {}) => ({
  period, level, chain_code: 'C1', store_code: store, sku: 'A', purchases_qty: purchases, sellout_qty: sellout, estimated_stock: stock, ...extra,
});

describe('terminal inventory (终端库存) per chain and store', () => {
  it('accumulates purchases − sell-out from the first month and flags sell-out beyond purchases', async () => {
    // S1 buys 100 in September, sells 60, then 50 in October: 40 left, then −10 (a purchase went unreported)
    const rows = await terminalInventory(
      [['2026-09', 'D1', 'S1', 'A', 100]],
      [['2026-09', 'C1', 'S1', 'A', 60], ['2026-10', 'C1', 'S1', 'A', 50]],
    );
    expect(rows).toMatchObject([
      row('2026-09', 'chain', null, 100, 60, 40, { negative_stock: false }),
      row('2026-10', 'chain', null, 0, 50, -10, { negative_stock: true, weeks_of_cover: null }),
      row('2026-09', 'store', 'S1', 100, 60, 40, { negative_stock: false }),
      row('2026-10', 'store', 'S1', 0, 50, -10, { negative_stock: true }),
    ]);
  });

  it('counts HQ purchases and every store at chain level; a store never named as a buyer gets no store row', async () => {
    const rows = await terminalInventory(
      [['2026-10', 'D1', 'C1', 'A', 200], ['2026-10', 'D1', 'S1', 'A', 30], ['2026-10', 'D1', 'H1', 'A', 999]],
      [['2026-10', 'C1', 'S1', 'A', 10], ['2026-10', 'C1', 'S2', 'A', 20], ['2026-10', 'C1', null, 'A', 5]],
    );
    expect(rows).toMatchObject([row('2026-10', 'chain', null, 230, 35, 195), row('2026-10', 'store', 'S1', 30, 10, 20)]);
  });

  it('gives weeks of cover from the average weekly sell-out of the month, none without sell-out', async () => {
    // October has 31 days: 31 sold = 7 a week; 14 left = 2 weeks of cover
    const rows = await terminalInventory([['2026-10', 'D1', 'C1', 'A', 45]], [['2026-10', 'C1', null, 'A', 31]]);
    expect(rows).toMatchObject([row('2026-10', 'chain', null, 45, 31, 14, { avg_weekly_sellout: 7, weeks_of_cover: 2 })]);
    const idle = await terminalInventory([['2026-10', 'D1', 'C1', 'A', 45]], [['2026-10', 'C1', null, 'B', 1]]);
    expect(idle.find((r) => r.sku === 'A')).toMatchObject({ sellout_qty: 0, estimated_stock: 45, avg_weekly_sellout: 0, weeks_of_cover: null });
  });

  it('carries the stock through a month with neither purchases nor sell-out', async () => {
    const rows = await terminalInventory(
      [['2026-08', 'D1', 'C1', 'A', 50]],
      [['2026-08', 'C1', null, 'A', 10], ['2026-10', 'C1', null, 'A', 15]],
    );
    expect(rows.map((r) => [r.period, r.estimated_stock])).toEqual([['2026-08', 40], ['2026-09', 40], ['2026-10', 25]]);
  });

  it('is empty without a retail feed', async () => {
    expect(await terminalInventory([['2026-10', 'D1', 'S1', 'A', 10]], [])).toEqual([]);
  });
});
