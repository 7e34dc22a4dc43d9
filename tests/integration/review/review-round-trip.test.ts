import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/load-workspace.js';
import { Database } from '../../../src/db/database.js';
import { ConfigError } from '../../../src/errors.js';
import { exportReviewWorkbook } from '../../../src/review/review-export.js';
import { importReviewWorkbook } from '../../../src/review/review-import.js';
import { SHEET_NAMES } from '../../../src/review/review-sheet.js';
import { query, runQuietly } from '../../helpers/workspace.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

async function exportQueue(ws: string): Promise<string> {
  const db = await Database.open(path.join(ws, 'drugflow.duckdb'));
  const out = path.join(ws, 'review.xlsx');
  try {
    await exportReviewWorkbook(db, out);
  } finally {
    db.close();
  }
  return out;
}

function columnIndex(sheet: ExcelJS.Worksheet, key: string): number {
  let found = -1;
  sheet.getRow(1).eachCell((cell, col) => {
    if (String(cell.value).endsWith(`[${key}]`)) found = col;
  });
  if (found < 0) throw new Error(`no column ${key}`);
  return found;
}

describe('review export → edit → import → run', () => {
  let ws: string;
  beforeEach(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-review-'));
    for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(ws, item), { recursive: true });
    await runQuietly(ws);
  });

  it('exports the queue highest money first, imports a decision and a "not ours", and the next run uses them', async () => {
    const file = await exportQueue(ws);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet(SHEET_NAMES.customers)!;
    expect(sheet.rowCount).toBeGreaterThan(1);
    const amounts: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) amounts.push(Math.abs(Number(row.getCell(columnIndex(sheet, 'amount')).value ?? 0)));
    });
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

    const raw = String(sheet.getRow(2).getCell(columnIndex(sheet, 'raw_name')).value);
    const distributor = String(sheet.getRow(2).getCell(columnIndex(sheet, 'distributor')).value);
    const hospital = (await query<{ code: string }>(ws, "SELECT code FROM customers WHERE type = 'hospital' ORDER BY code LIMIT 1"))[0]!.code;
    sheet.getRow(2).getCell(columnIndex(sheet, 'decision')).value = hospital;
    sheet.getRow(2).getCell(columnIndex(sheet, 'reviewer')).value = '张敏';
    const notOursRaw = sheet.rowCount > 2 ? String(sheet.getRow(3).getCell(columnIndex(sheet, 'raw_name')).value) : null;
    if (notOursRaw) sheet.getRow(3).getCell(columnIndex(sheet, 'decision')).value = '非本公司';
    await wb.xlsx.writeFile(file);

    const result = await importReviewWorkbook(loadWorkspace(ws), file, { now: new Date('2026-11-22T08:00:00Z') });
    expect(result.confirmed.customers).toBe(1);
    const aliases = readFileSync(path.join(ws, 'mappings/customer_aliases.csv'), 'utf8');
    expect(aliases).toContain(`${distributor},${raw},${hospital},张敏,2026-11-22T08:00:00.000Z`);
    // The same workbook imported again: every decision is found where the first import put it.
    const notOursBefore = notOursRaw ? readFileSync(path.join(ws, 'mappings/not_ours.csv'), 'utf8') : null;
    const again = await importReviewWorkbook(loadWorkspace(ws), file, { now: new Date('2026-11-23T08:00:00Z') });
    expect(again).toMatchObject({ replaced: 0, unchanged: result.confirmed.customers + result.confirmed.products + result.notOurs });
    expect(readFileSync(path.join(ws, 'mappings/customer_aliases.csv'), 'utf8')).toBe(aliases);
    if (notOursBefore) expect(readFileSync(path.join(ws, 'mappings/not_ours.csv'), 'utf8')).toBe(notOursBefore);

    await runQuietly(ws);
    const [resolved] = await query<{ code: string; method: string; status: string }>(
      ws,
      `SELECT code, method, status FROM customer_resolutions WHERE distributor = '${distributor}' AND raw_name = '${raw.replace(/'/g, "''")}'`,
    );
    expect(resolved).toEqual({ code: hospital, method: 'dictionary', status: 'auto' });
    if (notOursRaw) {
      const [rejected] = await query<{ status: string }>(ws, `SELECT status FROM customer_resolutions WHERE raw_name = '${notOursRaw.replace(/'/g, "''")}'`);
      expect(rejected?.status).toBe('not_ours');
    }
  });

  it('a decision replaces the same alias spelled another way in customer_aliases.csv, instead of adding a second answer', async () => {
    const file = await exportQueue(ws);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet(SHEET_NAMES.customers)!;
    const raw = String(sheet.getRow(2).getCell(columnIndex(sheet, 'raw_name')).value);
    const distributor = String(sheet.getRow(2).getCell(columnIndex(sheet, 'distributor')).value);
    expect(raw).toMatch(/\(/); // the demo's top alias has a bracketed campus: its full-width spelling loads as the same text
    const [first, second] = (await query<{ code: string }>(ws, "SELECT code FROM customers WHERE type = 'hospital' ORDER BY code LIMIT 2")).map((r) => r.code);
    // Written by hand meanwhile, with full-width brackets and another hospital.
    const aliasesFile = path.join(ws, 'mappings/customer_aliases.csv');
    writeFileSync(aliasesFile, `${readFileSync(aliasesFile, 'utf8').trimEnd()}\n${distributor},${raw.replace('(', '（').replace(')', '）')},${second}\n`);
    sheet.getRow(2).getCell(columnIndex(sheet, 'decision')).value = first;
    await wb.xlsx.writeFile(file);

    const result = await importReviewWorkbook(loadWorkspace(ws), file, { now: new Date('2026-11-22T08:00:00Z') });
    expect(result.replaced).toBe(1);
    const spellings = readFileSync(aliasesFile, 'utf8').split('\n').filter((line) => line.startsWith(`${distributor},`) && line.normalize('NFKC').includes(raw));
    expect(spellings).toEqual([expect.stringContaining(`${distributor},${raw},${first},`)]);
    expect(() => loadWorkspace(ws)).not.toThrow();
  });

  it('rejects a sheet with an edited header or an unknown code, naming the row, and writes nothing', async () => {
    const file = await exportQueue(ws);
    const before = readFileSync(path.join(ws, 'mappings/customer_aliases.csv'), 'utf8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const customers = wb.getWorksheet(SHEET_NAMES.customers)!;
    customers.getRow(2).getCell(columnIndex(customers, 'decision')).value = 'H99999';
    const products = wb.getWorksheet(SHEET_NAMES.products)!;
    products.getRow(1).getCell(columnIndex(products, 'raw_spec')).value = '规格';
    await wb.xlsx.writeFile(file);

    const error = await importReviewWorkbook(loadWorkspace(ws), file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toMatch(/客户待确认 row 2: code "H99999" is not in customers\.csv/);
    expect(text).toMatch(/产品待确认 header: column\(s\) edited or missing: 规格 \[raw_spec\]/);
    expect(readFileSync(path.join(ws, 'mappings/customer_aliases.csv'), 'utf8')).toBe(before);
  });
});
