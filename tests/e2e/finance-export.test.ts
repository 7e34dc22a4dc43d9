import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { exportFinance } from '../../src/export/finance-export.js';
import { runDemo } from '../integration/attribute/demo-workspace.js';

const PERIOD = '2026-10';
const SHEETS = ['代表业绩', '代表品规业绩', '区域汇总', '终端明细', '未分配', '调整'];

function findOffice(): string | undefined {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 60_000 });
      return bin;
    } catch {
      // not installed
    }
  }
  return undefined;
}

describe('from files to the finance workbook', () => {
  let db: Database;
  let ws: string;
  let written: string[];
  let xlsx: string;

  beforeAll(async () => {
    ({ ws, db } = await runDemo());
    written = await exportFinance(db, path.join(ws, 'out'), PERIOD);
    xlsx = path.join(ws, 'out', PERIOD, `finance_${PERIOD}.xlsx`);
  }, 120_000);
  afterAll(() => db?.close());

  it('writes the same bytes when exported again (no timestamps inside the files)', async () => {
    const sha = (f: string) => createHash('sha256').update(readFileSync(path.join(ws, 'out', f))).digest('hex');
    const before = written.map(sha);
    const again = await exportFinance(db, path.join(ws, 'out'), PERIOD);
    expect(again).toEqual(written);
    expect(again.map(sha)).toEqual(before);
  });

  it('writes the workbook, one CSV per sheet and the BI Parquet', () => {
    expect(written).toEqual([
      `${PERIOD}/finance_${PERIOD}.xlsx`,
      ...['rep_group_performance', 'rep_performance', 'territory_summary', 'terminal_detail', 'unassigned', 'adjustments'].map((s) => `${PERIOD}/finance_${PERIOD}_${s}.csv`),
      `${PERIOD}/finance_${PERIOD}_bi.parquet`,
    ]);
    for (const f of written) expect(existsSync(path.join(ws, 'out', f))).toBe(true);
  });

  it('reads back with exceljs: Chinese headers, numbers as numbers with formats, frozen header, autofilter, totals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((s) => s.name)).toEqual(SHEETS);
    const sheet = wb.getWorksheet('代表业绩')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['代表编码', '代表姓名', '产品组', '数量（盒）', '金额', '指标金额', '达成率（按金额）', '提成金额']));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const col = (name: string) => headers.indexOf(name) + 1;
    const dataRows = sheet.rowCount - 2; // header and totals
    const expected = await db.one<{ n: number; amount: number; commission: number; qty: number }>(
      'q',
      'SELECT count(*) AS n, round(sum(amount), 2) AS amount, round(sum(commission), 2) AS commission, sum(qty) AS qty FROM rep_group_performance WHERE period = $p',
      { p: PERIOD },
    );
    expect(dataRows).toBe(expected!.n);
    let sum = 0;
    for (let r = 2; r <= dataRows + 1; r++) {
      const cell = sheet.getRow(r).getCell(col('金额'));
      expect(typeof cell.value).toBe('number');
      sum += cell.value as number;
    }
    expect(Math.round(sum * 100) / 100).toBe(expected!.amount);
    expect(sheet.getRow(2).getCell(col('金额')).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(2).getCell(col('数量（盒）')).numFmt).toBe('#,##0');
    expect(sheet.getRow(2).getCell(col('达成率（按金额）')).numFmt).toBe('0.0%');
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe('合计');
    expect(totals.getCell(col('金额')).value).toBe(expected!.amount);
    expect(totals.getCell(col('提成金额')).value).toBe(expected!.commission);
    expect(totals.getCell(col('数量（盒）')).value).toBe(expected!.qty);
    expect(totals.font?.bold).toBe(true);

    const detail = wb.getWorksheet('终端明细')!;
    expect(detail.rowCount - 2).toBe(await db.value('q', 'SELECT count(*) FROM flow_terminal WHERE period = $p', { p: PERIOD }));
    const unassigned = wb.getWorksheet('未分配')!;
    expect(unassigned.getRow(unassigned.rowCount).getCell(14).value).toBe(await db.value('q', 'SELECT round(sum(amount), 2) FROM unassigned_volume WHERE period = $p', { p: PERIOD }));
  });

  it('CSV is UTF-8 with a BOM and Chinese headers; the BI Parquet adds up to the terminal flow', async () => {
    const csv = readFileSync(path.join(ws, 'out', PERIOD, `finance_${PERIOD}_rep_group_performance.csv`), 'utf8');
    expect(csv.startsWith('\uFEFF月份,代表编码,代表姓名')).toBe(true);
    const bi = await db.one<{ amount: number; rows: number }>(
      'q',
      `SELECT round(sum(amount), 2) AS amount, sum(rows) AS rows FROM read_parquet('${path.join(ws, 'out', PERIOD, `finance_${PERIOD}_bi.parquet`).replaceAll("'", "''")}')`,
    );
    const flow = await db.one<{ amount: number; rows: number }>('q', 'SELECT round(sum(amount), 2) AS amount, count(*) AS rows FROM flow_terminal WHERE period = $p', { p: PERIOD });
    expect(bi).toEqual(flow);
  });

  it('LibreOffice opens the workbook and reads the same numbers', async (ctx) => {
    const office = findOffice();
    if (!office) {
      ctx.skip('LibreOffice not installed');
      return;
    }
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-lo-'));
    const profile = mkdtempSync(path.join(os.tmpdir(), 'drugflow-lo-profile-'));
    // 44 = comma, 34 = ", 76 = UTF-8, raw values (not as shown), -1 = every sheet to its own file
    execFileSync(
      office,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', outDir, xlsx],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const file = readdirSync(outDir).find((f) => f.includes('代表业绩'));
    expect(file, `LibreOffice wrote ${readdirSync(outDir).join(', ')}`).toBeDefined();
    const rows = Papa.parse<string[]>(readFileSync(path.join(outDir, file!), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const header = rows[0]!;
    const amount = header.indexOf('金额');
    const commission = header.indexOf('提成金额');
    const data = rows.slice(1, -1);
    const totals = rows[rows.length - 1]!;
    const want = await db.all<{ amount: number; commission: number }>('q', 'SELECT amount, commission FROM rep_group_performance WHERE period = $p ORDER BY rep_code, product_group', { p: PERIOD });
    expect(data.map((r) => [Number(r[amount]), Number(r[commission])])).toEqual(want.map((w) => [w.amount, w.commission]));
    expect(totals[0]).toBe('合计');
    expect(Number(totals[amount])).toBeCloseTo(want.reduce((s, w) => s + w.amount, 0), 2);
  }, 180_000);
});
