/**
 * Reading and writing the plain tables `drugflow resolve` works on: a master or a list of names
 * (CSV in UTF-8 with or without BOM or GBK, XLSX, XLS) with a header row, and the result table
 * (CSV in UTF-8 with BOM, or XLSX with formula-looking text made inert).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { ConfigError } from '../errors.js';
import { openBook } from '../io/open-book.js';
import { DEFAULT_LIMITS } from '../io/types.js';

export interface Table {
  file: string;
  header: string[];
  /** Data rows, cells aligned with the header. */
  rows: string[][];
  /** 1-based line/row number of each data row in the file, for messages. */
  lines: number[];
}

/** The first sheet of a file: first non-empty row is the header, empty rows are skipped. */
export async function readTable(file: string): Promise<Table> {
  const book = await openBook(file, { format: 'auto', encoding: 'auto', limits: DEFAULT_LIMITS });
  const sheet = book.sheets[0];
  const table: Table = { file, header: [], rows: [], lines: [] };
  if (!sheet) return table;
  for await (const row of sheet.rows()) {
    const cells = row.cells.map((c) => c.replace(/^\ufeff/, '').trim());
    if (cells.every((c) => c === '')) continue;
    if (!table.header.length) {
      table.header = cells;
      continue;
    }
    table.rows.push(table.header.map((_, i) => cells[i] ?? ''));
    table.lines.push(row.rowNumber);
  }
  return table;
}

/** Index of a column by name (case- and space-insensitive), or -1. */
export function columnIndex(header: string[], name: string): number {
  const want = name.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === want);
}

/** Throws a ConfigError naming the file when a required column is missing. */
export function requireColumns(table: Table, names: string[]): void {
  const missing = names.filter((n) => columnIndex(table.header, n) < 0);
  if (missing.length) {
    throw new ConfigError(missing.map((n) => ({ file: table.file, path: 'header', message: `no "${n}" column (found: ${table.header.join(', ') || 'nothing'})` })));
  }
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe. */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Writes `header` + `rows` to `file` (.xlsx → workbook, anything else → CSV with BOM) through a
 * temporary name, so a failed write leaves no half-written output.
 */
export async function writeTable(file: string, header: string[], rows: string[][]): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    if (/\.xlsx$/i.test(file)) {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('resolved');
      sheet.addRow(header.map(inertCell)).commit();
      for (const row of rows) sheet.addRow(row.map(inertCell)).commit();
      sheet.commit();
      await workbook.commit();
    } else {
      const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
      writeFileSync(temp, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
