import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runAttributeStage } from '../../../src/stages/attribute/attribute-stage.js';
import { assignment, config, flowDb } from './helpers.js';

let db: Database | undefined;
afterEach(() => db?.close());

const BANDS = { '*': [{ below: 0.8, rate: 0 }, { below: 1, rate: 0.02 }, { rate: 0.03 }] };
const quota = (rep: string, group: string, amount: number) => ({ period: '2026-10', rep_code: rep, product_group: group, qty: null, amount, line: 2 });

async function threeSkus(terminal: [string, string, string, number, number][], quotas: ReturnType<typeof quota>[], cap?: number): Promise<Database> {
  const d = await flowDb({ terminal });
  await d.run('t', "INSERT INTO products VALUES ('S3', '二甲双胍缓释片', '心血管代谢'), ('S4', '格列美脲片', '心血管代谢')");
  await runAttributeStage(d, {
    attribution: config({ assignments: [assignment(2, 'H1', '*', 'R1', '2026-01')], quotas, commission: { bands: BANDS, rebates: [], ...(cap ? { cap_per_rep_month: cap } : {}) } }),
  });
  return d;
}

const sums = (d: Database, table: string) =>
  d.one('q', `SELECT sum(qty) AS qty, round(sum(amount), 2) AS amount, round(sum(commission), 2) AS commission FROM ${table} WHERE period = '2026-10'`);

describe('rep_performance (contract): one row per SKU that adds up to the product group', () => {
  it('shares the group quota and commission over the SKUs to the cent; every SKU row shows the group attainment and rate', async () => {
    // 心血管代谢: 100 + 100 + 100 = 300 against a quota of 299.99 → 100.003% → 3% → 9.00;
    // thirds of 299.99 and of 9.00 do not divide evenly: the cents must still add up.
    db = await threeSkus(
      [['2026-10', 'H1', 'S1', 1, 100], ['2026-10', 'H1', 'S3', 1, 100], ['2026-10', 'H1', 'S4', 1, 100]],
      [quota('R1', '心血管代谢', 299.99)],
    );
    const rows = await db.all('q', "SELECT sku, amount, quota, rate, commission, round(attainment, 6) AS attainment FROM rep_performance WHERE period = '2026-10' ORDER BY sku");
    expect(rows).toEqual([
      { sku: 'S1', amount: 100, quota: 100, rate: 0.03, commission: 3, attainment: 1.000033 },
      { sku: 'S3', amount: 100, quota: 100, rate: 0.03, commission: 3, attainment: 1.000033 },
      { sku: 'S4', amount: 100, quota: 99.99, rate: 0.03, commission: 3, attainment: 1.000033 },
    ]);
    expect(await sums(db, 'rep_performance')).toEqual(await sums(db, 'rep_group_performance'));
  });

  it('a return that makes one SKU negative and a capped commission still add up exactly', async () => {
    db = await threeSkus(
      [['2026-10', 'H1', 'S1', 10, 1000.01], ['2026-10', 'H1', 'S3', 5, 500], ['2026-10', 'H1', 'S4', -1, -100.02], ['2026-10', 'H1', 'S2', 3, 333.33]],
      [quota('R1', '心血管代谢', 1000), quota('R1', '消化', 300)],
      40.01,
    );
    const group = await db.all('q', "SELECT product_group, commission FROM rep_group_performance WHERE period = '2026-10' ORDER BY product_group");
    const bySku = await db.all('q', "SELECT product_group, round(sum(commission), 2) AS commission, round(sum(quota), 2) AS quota FROM rep_performance WHERE period = '2026-10' GROUP BY 1 ORDER BY 1");
    expect(bySku.map((r) => ({ product_group: r.product_group, commission: r.commission }))).toEqual(group);
    expect(bySku.map((r) => r.quota)).toEqual([1000, 300]);
    expect(await db.value('q', "SELECT round(sum(commission), 2) FROM rep_performance WHERE period = '2026-10'")).toBe(40.01);
    expect(await sums(db, 'rep_performance')).toEqual(await sums(db, 'rep_group_performance'));
  });

  it('sales that a return cancels leave nothing to share by: the whole quota goes on the lowest SKU', async () => {
    db = await threeSkus([['2026-10', 'H1', 'S4', 1, 100], ['2026-10', 'H1', 'S3', -1, -100]], [quota('R1', '心血管代谢', 500)]);
    expect(await db.all('q', "SELECT sku, amount, quota FROM rep_performance WHERE period = '2026-10' ORDER BY sku")).toEqual([
      { sku: 'S3', amount: -100, quota: 500 },
      { sku: 'S4', amount: 100, quota: 0 },
    ]);
  });

  it('a quota without sales keeps one row with no SKU, so the quota is not lost from the sums', async () => {
    db = await threeSkus([['2026-10', 'H1', 'S2', 1, 50]], [quota('R1', '心血管代谢', 800), quota('R1', '消化', 100)]);
    expect(await db.all('q', "SELECT product_group, sku, qty, amount, quota, attainment, commission FROM rep_performance WHERE period = '2026-10' ORDER BY product_group")).toEqual([
      { product_group: '心血管代谢', sku: null, qty: 0, amount: 0, quota: 800, attainment: 0, commission: 0 },
      { product_group: '消化', sku: 'S2', qty: 1, amount: 50, quota: 100, attainment: 0.5, commission: 0 },
    ]);
  });
});
