import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { pinZipTimes } from './pin-zip-times.js';

export type CellValue = string | number | null | undefined;

export interface SheetColumn {
  key: string;
  header: string;
  width?: number;
  /** Excel number format for numeric cells, e.g. '#,##0' or '0.00%'. */
  numFmt?: string;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, CellValue>[];
  /**
   * Optional bold totals row under the data (outside the autofilter range): `sum` columns get
   * the sum of their numbers, `values` set cells outright (a label, a ratio of two sums).
   */
  totals?: { sum?: string[]; values?: Record<string, CellValue> };
}

/** The totals row a spec asks for, as plain values (numbers rounded to the cent against float dust). */
export function totalsRow(spec: SheetSpec): Record<string, CellValue> | undefined {
  if (!spec.totals) return undefined;
  const out: Record<string, CellValue> = {};
  for (const key of spec.totals.sum ?? []) {
    let total = 0;
    for (const row of spec.rows) {
      const v = row[key];
      if (typeof v === 'number' && Number.isFinite(v)) total += v;
    }
    out[key] = Math.round(total * 100) / 100;
  }
  return { ...out, ...spec.totals.values };
}

/** Fixed workbook times: the same inputs must give the same bytes. */
const WORKBOOK_TIME = new Date(Date.UTC(2000, 0, 1));

/**
 * Text that Excel would run as a formula (= + - @, and tab/CR tricks) gets a leading
 * apostrophe-like quote prefix so it shows as text. Names come from distributors' files.
 */
export function neutraliseFormula(text: string): string {
  // also the minus sign and the full-width forms a Chinese IME types (− ＝ ＋ － ＠)
  return /^[=+\-@\t\r\u2212\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

/**
 * A workbook people open in Excel: bold frozen header, autofilter, numbers as numbers, text
 * never executed. Written to a temporary name and renamed.
 */
export async function writeWorkbook(target: string, sheets: SheetSpec[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'drugflow';
  wb.created = WORKBOOK_TIME;
  wb.modified = WORKBOOK_TIME;
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
    ws.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      const values: Record<string, string | number | null> = {};
      for (const c of spec.columns) {
        const v = row[c.key];
        values[c.key] = v === undefined || v === null ? null : typeof v === 'number' ? v : neutraliseFormula(v);
      }
      ws.addRow(values);
    }
    const totals = totalsRow(spec);
    if (totals) {
      const values: Record<string, string | number | null> = {};
      for (const c of spec.columns) {
        const v = totals[c.key];
        values[c.key] = v === undefined || v === null ? null : typeof v === 'number' ? v : neutraliseFormula(v);
      }
      ws.addRow(values).font = { bold: true };
    }
    spec.columns.forEach((c, i) => {
      if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
    });
    if (spec.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, spec.rows.length + 1), column: spec.columns.length } };
  }
  const buffer = pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), WORKBOOK_TIME);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  writeFileSync(tmp, buffer);
  renameSync(tmp, target);
}
