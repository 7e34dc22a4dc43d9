import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import type { RunSummary } from '../../../src/run/run-summary.js';
import { repo, runDemo } from './demo-workspace.js';

interface ExpectedRow {
  rep_code: string;
  product_group: string;
  qty: number;
  amount: number;
  returns_amount: number;
  quota_amount: number | null;
  attainment: number | null;
  rate: number;
  commission: number;
}
const expected = JSON.parse(readFileSync(path.join(repo, 'fixtures/expected/rep_performance_2026-10.json'), 'utf8')) as {
  rep_performance: ExpectedRow[];
  totals: { rows: number; qty: number; amount: number; commission: number };
  unassigned: { rows: number; qty: number; amount: number; buyers: string[] };
};

describe('demo October: rep performance and commission match the independent computation to the cent', () => {
  let db: Database;
  let ws: string;
  let summary: RunSummary;
  beforeAll(async () => {
    ({ db, ws, summary } = await runDemo());
  });
  afterAll(() => db?.close());

  it('rep × product group: qty, amount, returns, quota, attainment, rate, commission', async () => {
    const rows = await db.all<ExpectedRow>(
      'q',
      `SELECT p.rep_code, p.product_group, p.qty, p.amount, p.returns_amount, p.quota_amount, round(p.attainment, 6) AS attainment, c.rate, c.commission
       FROM rep_group_performance p JOIN commission c USING (period, rep_code, product_group) WHERE p.period = '2026-10' ORDER BY p.rep_code, p.product_group`,
    );
    const want = expected.rep_performance.map(({ rep_code, product_group, qty, amount, returns_amount, quota_amount, attainment, rate, commission }) => ({
      rep_code, product_group, qty, amount, returns_amount, quota_amount, attainment, rate, commission,
    }));
    expect(rows).toEqual(want.sort((a, b) => (a.rep_code + a.product_group < b.rep_code + b.product_group ? -1 : 1)));
    const total = await db.one<{ qty: number; amount: number; commission: number }>(
      'q',
      "SELECT sum(qty) AS qty, round(sum(amount), 2) AS amount, round(sum(commission), 2) AS commission FROM rep_group_performance WHERE period = '2026-10'",
    );
    expect(total).toEqual({ qty: expected.totals.qty, amount: expected.totals.amount, commission: expected.totals.commission });
    // The contract table per SKU adds up to the same totals: no double counting when finance sums it.
    const bySku = await db.one('q', "SELECT sum(qty) AS qty, round(sum(amount), 2) AS amount, round(sum(commission), 2) AS commission FROM rep_performance WHERE period = '2026-10'");
    expect(bySku).toEqual(total);
  });

  it('the mid-year change: 成都市第五人民医院 is 王建华 (R101) in September and 李晓燕 (R102) from October', async () => {
    const rows = await db.all('q', "SELECT period, rep_code, assignment_rule FROM flow_terminal_attributed WHERE buyer_name = '成都市第五人民医院' GROUP BY ALL ORDER BY ALL");
    expect(rows.map((r) => `${r.period} ${r.rep_code}`)).toEqual(['2026-09 R101', '2026-10 R102']);
  });

  it('the unassigned terminals (北京 community health centres) are caught by the last resort and listed, not dropped', async () => {
    const ua = await db.one<{ rows: number; qty: number; amount: number; buyers: string[] }>(
      'q',
      "SELECT sum(rows) AS rows, sum(qty) AS qty, round(sum(amount), 2) AS amount, list(DISTINCT buyer_code ORDER BY buyer_code) AS buyers FROM unassigned_volume WHERE period = '2026-10'",
    );
    expect(ua).toEqual(expected.unassigned);
    expect(await db.value('q', "SELECT count(*) FROM flow_terminal WHERE period = '2026-10'")).toBe(expected.totals.rows);
    expect(await db.value('q', 'SELECT count(*) FROM flow_terminal WHERE rep_code IS NULL')).toBe(0);
  });

  it('the run summary says how the terminal rows were attributed, with the figures of the tables', async () => {
    const { attribution } = summary;
    expect(attribution.rows).toBe(Number(await db.value('q', 'SELECT count(*) FROM flow_terminal_attributed')));
    expect(Object.values(attribution.by_rule).reduce((a, b) => a + b, 0)).toBe(attribution.rows);
    expect(attribution.by_rule.last_resort).toBeGreaterThan(0); // the 北京 community health centres
    expect(attribution.unassigned_rows).toBe(Number(await db.value('q', 'SELECT sum(rows) FROM unassigned_volume')));
    expect(attribution.commission).toBe(await db.value('q', 'SELECT round(sum(commission), 2) FROM commission'));
    expect(attribution.reassigned_rows).toBe(0); // nothing confirmed in the demo
  });

  it('exports collection_periods (one row per feed × expected unit) beside collection_status', async () => {
    const rows = Number(await db.value('q', 'SELECT count(*) FROM collection_periods'));
    expect(rows).toBeGreaterThan(0);
    const csv = readFileSync(path.join(ws, 'out/collection_periods.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(rows + 1);
    expect(csv[0]).not.toContain('first_received_at'); // a run's start time: not in the exports, which two runs write alike
    expect(existsSync(path.join(ws, 'out/collection_periods.parquet'))).toBe(true);
  });

  it('the returned lot BJ2508012 is netted against the rep who sold it', async () => {
    const rows = await db.all<{ rep_code: string; qty: number; amount: number }>(
      'q',
      "SELECT rep_code, sum(qty) AS qty, round(sum(amount), 2) AS amount FROM flow_terminal_attributed WHERE period = '2026-10' AND lot = 'BJ2508012' AND is_return GROUP BY 1 ORDER BY 1",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const perf = await db.one<{ returns_amount: number }>(
        'q',
        "SELECT sum(returns_amount) AS returns_amount FROM rep_group_performance WHERE period = '2026-10' AND rep_code = $rep",
        { rep: r.rep_code },
      );
      expect(perf!.returns_amount).toBeLessThanOrEqual(r.amount);
    }
  });

  it('the quarterly quota (R201 心血管代谢 2026-Q4) is split evenly into October, November and December', async () => {
    expect(await db.all('q', "SELECT period, amount, qty FROM rep_quotas WHERE rep_code = 'R201' AND product_group = '心血管代谢' ORDER BY period")).toEqual([
      { period: '2026-10', amount: 40000, qty: 800 },
      { period: '2026-11', amount: 40000, qty: 800 },
      { period: '2026-12', amount: 40000, qty: 800 },
    ]);
  });
});
