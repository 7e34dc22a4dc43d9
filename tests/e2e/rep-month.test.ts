import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { query } from '../helpers/workspace.js';

/**
 * The hand-computed month (tests/fixtures/rep-month/expected.md): `drugflow run` and
 * `drugflow export` through the CLI's own entry point, then every figure compared to the cent
 * with the arithmetic written down by hand in expected.json.
 */
const fixture = fileURLToPath(new URL('../fixtures/rep-month', import.meta.url));
const expected = JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8'));
const PERIOD = '2026-10';

async function drugflow(...args: string[]): Promise<number> {
  const before = process.exitCode;
  try {
    await main(['node', 'drugflow', ...args, '--log-level', 'error']);
    return Number(process.exitCode ?? 0);
  } finally {
    process.exitCode = before;
  }
}

/** What a command prints on stdout. */
async function printed(...args: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    expect(await drugflow(...args)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

/** A sheet's data rows (header → value), without the 合计 row. */
async function sheetRows(file: string, name: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet(name)!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return rows;
}

describe('rep-month: a hand-computed month from files to the finance workbook', () => {
  let ws: string;
  const sql = (q: string) => query(ws, q);
  let workbook: string;

  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-rep-month-'));
    cpSync(fixture, ws, { recursive: true });
    await printed('run', '--workspace', ws);
    expect(await printed('export', '--workspace', ws, '--period', PERIOD, '--format', 'xlsx,csv,parquet')).toContain(`wrote ${PERIOD}/finance_${PERIOD}.xlsx`);
    workbook = path.join(ws, 'out', PERIOD, `finance_${PERIOD}.xlsx`);
  }, 120_000);

  it('rep × product group: sales, returns netted, quota, attainment, band, rate and commission after the cap', async () => {
    expect(
      await sql(`SELECT period, rep_code, product_group, qty, amount, returns_amount, quota_amount, round(attainment, 6) AS attainment, band, rate, commission
                 FROM rep_group_performance WHERE period IN ('2026-09', '2026-10') ORDER BY period, rep_code, product_group`),
    ).toEqual(expected.rep_group_performance);
    expect(
      await sql(`SELECT period, rep_code, product_group, commission_before_cap, commission FROM commission WHERE period IN ('2026-09', '2026-10') ORDER BY ALL`),
    ).toEqual(expected.commission);
  });

  it('rep_performance (contract) per SKU adds up to the groups to the cent', async () => {
    expect(
      await sql(`SELECT period, rep_code, product_group, sku, qty, amount, quota, commission FROM rep_performance
                 WHERE period IN ('2026-09', '2026-10') ORDER BY period, rep_code, product_group, sku`),
    ).toEqual(expected.rep_performance);
    expect(await sql(`SELECT round(sum(commission), 2) AS c FROM rep_performance WHERE period = '${PERIOD}'`)).toEqual([{ c: expected.october_commission_total }]);
  });

  it('the mid-year change, the house account and the rebates', async () => {
    expect(await sql("SELECT period, rep_code FROM flow_terminal WHERE buyer_code = 'H00007' GROUP BY ALL ORDER BY ALL")).toEqual([
      { period: '2026-09', rep_code: 'R101' },
      { period: '2026-10', rep_code: 'R102' },
    ]);
    const u = expected.unassigned;
    expect(
      await sql(`SELECT list(DISTINCT buyer_code) AS buyers, sum(rows) AS rows, sum(qty) AS qty, round(sum(amount), 2) AS amount FROM unassigned_volume WHERE period = '${u.period}'`),
    ).toEqual([{ buyers: u.buyers, rows: u.rows, qty: u.qty, amount: u.amount }]);
    expect(await sql('SELECT period, distributor_code, basis, product_group, sales_amount, rate, rebate FROM distributor_rebates ORDER BY ALL')).toEqual(
      expected.distributor_rebates,
    );
  });

  it('the workbook read back: 代表业绩 and 代表品规业绩 carry the hand-computed figures and totals', async () => {
    const october = (rows: { period: string }[]) => rows.filter((r) => r.period === PERIOD);
    const groups = await sheetRows(workbook, '代表业绩');
    const groupData = groups.filter((r) => r['月份'] !== '合计');
    expect(groupData.map((r) => [r['代表编码'], r['产品组'], r['数量（盒）'], r['金额'], r['其中退货金额'], r['指标金额'], r['提成比例'], r['提成金额']])).toEqual(
      october(expected.rep_group_performance).map((e: Record<string, unknown>) => [e.rep_code, e.product_group, e.qty, e.amount, e.returns_amount, e.quota_amount, e.rate, e.commission]),
    );
    expect(groups.at(-1)!['提成金额']).toBe(expected.october_commission_total);

    const skus = await sheetRows(workbook, '代表品规业绩');
    const skuData = skus.filter((r) => r['月份'] !== '合计');
    expect(skuData.map((r) => [r['代表编码'], r['产品编码'], r['金额'], r['指标金额（产品组指标按金额分摊）'], r['提成金额（按提成基数分摊）']])).toEqual(
      october(expected.rep_performance).map((e: Record<string, unknown>) => [e.rep_code, e.sku, e.amount, e.quota, e.commission]),
    );
    expect(skus.at(-1)!['提成金额（按提成基数分摊）']).toBe(expected.october_commission_total);
    const unassigned = await sheetRows(workbook, '未分配');
    expect(unassigned.at(-1)!['金额']).toBe(expected.unassigned.amount);
  });

  it('drugflow explain --rep shows the rows, the rules, the quota split, the band and the cap behind R102\'s October', async () => {
    const text = await printed('explain', '--workspace', ws, '--rep', 'R102', '--period', PERIOD);
    expect(text).toContain('心血管代谢: 363.75 = base 12900.00 (sales 12900.00, returns -500.00 netted, adjustments 0.00) × 3.5% (band ≥100% of commission.yaml bands.心血管代谢, attainment 107.50%); rep total 496.50 capped at 400.00');
    expect(text).toContain('心血管代谢: 12000.00 from mappings/quotas.csv row 5 (2026-Q4, even 1/3)');
    expect(text).toContain('mappings/assignments.csv row 4: H00007 × * 2026-10..open');
    expect(text).toMatch(/2026-10-24 D0001→H00002 BY001 lot A2609 qty -10 amount -500\.00 \(return\)/);
    expect(text).toContain('心血管代谢 BY002: qty 60, amount 5400.00, quota 5023.26, commission 152.27');
  });
});
