import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detailSheet, repSheet, sheetCsv } from '../../../src/export/finance-sheets.js';
import { neutraliseFormula, totalsRow, writeWorkbook } from '../../../src/report/xlsx-writer.js';

const reps = [
  { period: '2026-10', rep_code: 'R1', rep_name: '=HYPERLINK("x")', qty: 10, amount: 100.1, quota_amount: 200, commission: 1.11 },
  { period: '2026-10', rep_code: 'R2', rep_name: '＋1', qty: 5, amount: 0.2, quota_amount: null, commission: 2.22 },
];

describe('finance sheets', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\u22121', '＝1', '＋1', '－1', '＠A'])('neutralises %s', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  it.each(['成都一区', '1-2', 'a=b'])('leaves %s alone', (text) => expect(neutraliseFormula(text)).toBe(text));

  it('totals: sums of number columns, attainment as a ratio over the quota\'d rows only', () => {
    expect(totalsRow(repSheet(reps))).toMatchObject({ period: '合计', qty: 15, amount: 100.3, quota_amount: 200, commission: 3.33, attainment: 100.1 / 200 });
  });

  it('CSV: BOM, Chinese headers, CRLF, formula text neutralised, numbers plain', () => {
    const csv = sheetCsv(repSheet(reps), neutraliseFormula);
    expect(csv.startsWith('\uFEFF月份,代表编码,代表姓名')).toBe(true);
    expect(csv).toContain(`2026-10,R1,"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("2026-10,R2,'＋1");
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  it('the workbook is deterministic, with a bold totals row outside the autofilter', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-fin-'));
    const a = path.join(dir, 'a.xlsx');
    const b = path.join(dir, 'b.xlsx');
    await writeWorkbook(a, [repSheet(reps), detailSheet([])]);
    await writeWorkbook(b, [repSheet(reps), detailSheet([])]);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    const sheet = wb.getWorksheet('代表业绩')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(4).getCell(1).value).toBe('合计');
    expect(sheet.getRow(2).getCell(3).value).toBe(`'=HYPERLINK("x")`);
    expect(sheet.autoFilter).toBe('A1:T3'); // header and two data rows; the totals row stays out of the filter
    expect(wb.getWorksheet('终端明细')!.getRow(2).getCell(1).value).toBe('合计');
  });
});
