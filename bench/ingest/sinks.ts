/**
 * File writers with bounded memory: CSV is encoded and written in ~1 MB chunks (GBK through
 * iconv-lite, as the fixtures' writer does); .xlsx goes through the fixtures' own exceljs writer
 * (scripts/fixtures/writers.ts, zip times pinned) one small book at a time.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import iconv from 'iconv-lite';
import type { Row, Sheet } from '../../scripts/fixtures/sheet.js';
import { writeXlsx } from '../../scripts/fixtures/writers.js';

export type Cell = string | number | Date;

export interface RowSink {
  row(cells: Cell[]): void;
  /** Role for the xlsx font and for the statistics only. */
  special(cells: Cell[], role: 'title' | 'header' | 'total'): void;
  close(): Promise<void>;
}

const csvField = (c: Cell): string => {
  const s = typeof c === 'string' ? c : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function csvSink(path: string, encoding: 'gbk' | 'utf-8' | 'utf-8-bom'): RowSink {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  if (encoding === 'utf-8-bom') writeSync(fd, Buffer.from([0xef, 0xbb, 0xbf]));
  let buf: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (buf.length === 0) return;
    const text = buf.join('');
    writeSync(fd, encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
    buf = [];
    size = 0;
  };
  const push = (cells: Cell[]): void => {
    const line = cells.map(csvField).join(',') + '\r\n';
    buf.push(line);
    size += line.length;
    if (size > 512 * 1024) flush();
  };
  return {
    row: push,
    special: (cells) => push(cells),
    close: async () => {
      flush();
      closeSync(fd);
    },
  };
}

export function xlsxSink(path: string, sheetName: string, creator: string, moneyCols: number[]): RowSink {
  const rows: Row[] = [];
  return {
    row: (cells) => rows.push({ role: 'data', cells }),
    special: (cells, role) => rows.push({ role, cells }),
    close: async () => {
      const sheet: Sheet = { name: sheetName, rows };
      const width = Math.max(...rows.map((r) => r.cells.length));
      const title = rows[0]?.role === 'title';
      if (title) sheet.merges = [`A1:${String.fromCharCode(64 + width)}1`];
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, await writeXlsx([{ sheet, opts: { moneyCols } }], creator));
    },
  };
}
