import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainRep, formatRepExplanation } from '../../../src/cli/commands/explain-rep.js';
import { financeSheets } from '../../../src/export/finance-export.js';
import { confirmPeriod } from '../../../src/stages/confirm/period-locks.js';
import { query, runQuietly, withWorkspaceDb } from '../../helpers/workspace.js';

const fixture = fileURLToPath(new URL('../../fixtures/rep-month', import.meta.url));

const withDb = withWorkspaceDb;

const OCTOBER = {
  group: "SELECT rep_code, product_group, amount, quota_amount, band, rate, commission FROM rep_group_performance WHERE period = '2026-10' ORDER BY ALL",
  commission: "SELECT rep_code, product_group, commission_before_cap, commission, rule FROM commission WHERE period = '2026-10' ORDER BY ALL",
  sku: "SELECT rep_code, sku, amount, quota, commission FROM rep_performance WHERE period = '2026-10' ORDER BY ALL",
  rows: "SELECT source_row, rep_code FROM flow_terminal WHERE period = '2026-10' ORDER BY source_row",
};

describe('a confirmed month keeps the attribution it was paid from', () => {
  let ws: string;
  const before: Record<string, unknown[]> = {};

  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-confirmed-attr-'));
    cpSync(fixture, ws, { recursive: true });
    await runQuietly(ws);
    for (const [k, q] of Object.entries(OCTOBER)) before[k] = await query(ws, q);
    await withDb(ws, (db) => confirmPeriod(db, '2026-10', '财务-王芳', new Date('2026-11-05T09:00:00Z')));

    // Retroactively: 成都市第五人民医院 stays with R101 through October (R102 only from November),
    // and October's quota and the cap are edited too.
    const assignments = path.join(ws, 'mappings/assignments.csv');
    writeFileSync(
      assignments,
      readFileSync(assignments, 'utf8')
        .replace('H00007,*,R101,王建华,成都一区,刘志强,2026-01,2026-09', 'H00007,*,R101,王建华,成都一区,刘志强,2026-01,2026-10')
        .replace('H00007,*,R102,李晓燕,成都二区,刘志强,2026-10,', 'H00007,*,R102,李晓燕,成都二区,刘志强,2026-11,'),
    );
    const quotas = path.join(ws, 'mappings/quotas.csv');
    writeFileSync(quotas, readFileSync(quotas, 'utf8').replace('2026-10,R101,消化,,2000', '2026-10,R101,消化,,1000'));
    const commission = path.join(ws, 'mappings/commission.yaml');
    writeFileSync(commission, readFileSync(commission, 'utf8').replace('cap_per_rep_month: 400', 'cap_per_rep_month: 1000'));
    await runQuietly(ws);
  }, 120_000);

  it("leaves October's rows, group figures, SKU figures and commission exactly as confirmed", async () => {
    for (const [k, q] of Object.entries(OCTOBER)) expect(await query(ws, q), k).toEqual(before[k]);
  });

  it('books the reassignment in November: minus for the confirmed rep, plus for the current one, traceable to the rows', async () => {
    expect(
      await query(ws, 'SELECT period, booked_in, source_row, rep_code, sku, qty, amount FROM reassignment_adjustments ORDER BY source_row, rep_code'),
    ).toEqual([
      { period: '2026-10', booked_in: '2026-11', source_row: 7, rep_code: 'R101', sku: 'BY001', qty: 40, amount: 2000 },
      { period: '2026-10', booked_in: '2026-11', source_row: 7, rep_code: 'R102', sku: 'BY001', qty: -40, amount: -2000 },
      { period: '2026-10', booked_in: '2026-11', source_row: 11, rep_code: 'R101', sku: 'BY002', qty: 10, amount: 900 },
      { period: '2026-10', booked_in: '2026-11', source_row: 11, rep_code: 'R102', sku: 'BY002', qty: -10, amount: -900 },
      { period: '2026-10', booked_in: '2026-11', source_row: 13, rep_code: 'R101', sku: 'BY004', qty: 25, amount: 500 },
      { period: '2026-10', booked_in: '2026-11', source_row: 13, rep_code: 'R102', sku: 'BY004', qty: -25, amount: -500 },
    ]);
    // November has no sales: the moved October volume is the commission base of the month it is booked in.
    expect(
      await query(ws, "SELECT rep_code, product_group, adjustment_amount FROM rep_group_performance WHERE period = '2026-11' AND adjustment_amount <> 0 ORDER BY ALL"),
    ).toEqual([
      { rep_code: 'R101', product_group: '心血管代谢', adjustment_amount: 2900 },
      { rep_code: 'R101', product_group: '消化', adjustment_amount: 500 },
      { rep_code: 'R102', product_group: '心血管代谢', adjustment_amount: -2900 },
      { rep_code: 'R102', product_group: '消化', adjustment_amount: -500 },
    ]);
    expect(await query(ws, "SELECT round(sum(adjustment_amount), 2) AS a FROM rep_performance WHERE period = '2026-11'")).toEqual([{ a: 0 }]);
  });

  it('explain --rep shows the reassignment booked in November with both rules', async () => {
    const text = await withDb(ws, async (db) => formatRepExplanation(await explainRep(db, 'R102', '2026-11')));
    expect(text).toContain('reassignment of 2026-10 D0001→H00007 BY001: qty -40, amount -2000.00');
    expect(text).toMatch(/reassigned to R101 by mappings\/assignments.csv row 3.*confirmed under mappings\/assignments.csv row 4/);
  });

  it("November's 调整 sheet lists the six reassignment lines; October's workbook still shows what was paid", async () => {
    const sheets = await withDb(ws, (db) => financeSheets(db, '2026-11'));
    const adjustments = sheets.find((s) => s.name === '调整')!;
    expect(adjustments.rows.map((r) => [r.kind, r.period, r.rep_code, r.sku, r.amount, r.source_row])).toEqual([
      ['改派', '2026-10', 'R101', 'BY001', 2000, 7],
      ['改派', '2026-10', 'R102', 'BY001', -2000, 7],
      ['改派', '2026-10', 'R101', 'BY002', 900, 11],
      ['改派', '2026-10', 'R102', 'BY002', -900, 11],
      ['改派', '2026-10', 'R101', 'BY004', 500, 13],
      ['改派', '2026-10', 'R102', 'BY004', -500, 13],
    ]);
    const october = await withDb(ws, (db) => financeSheets(db, '2026-10'));
    const reps = october.find((s) => s.name === '代表业绩')!;
    expect(reps.rows.map((r) => [r.rep_code, r.product_group, r.commission])).toEqual(
      (before.group as { rep_code: string; product_group: string; commission: number }[]).map((r) => [r.rep_code, r.product_group, r.commission]),
    );
  });

  it('a second run changes nothing', async () => {
    const adjustments = await query(ws, 'SELECT * FROM reassignment_adjustments ORDER BY ALL');
    await runQuietly(ws);
    expect(await query(ws, 'SELECT * FROM reassignment_adjustments ORDER BY ALL')).toEqual(adjustments);
    for (const [k, q] of Object.entries(OCTOBER)) expect(await query(ws, q), k).toEqual(before[k]);
  });
});
