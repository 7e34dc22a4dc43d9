/**
 * .xlsx through exceljs's streaming reader (flat memory on big books). The zip is vetted first
 * (zip-directory.ts); the sheet list comes from workbook.xml so sheets keep workbook order.
 * Each sheet's rows() re-opens the file and streams past the other sheets: simple, and a
 * 进/销/存 book is read once per feed anyway.
 */
import type { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { InputFileError, errorMessage } from '../errors.js';
import { exceljsValueText, trimTrailing } from './cell-text.js';
import { checkColumnIndex, limitRows } from './limits.js';
import { checkZipBomb, readZipDirectory, verifyInflatedSizes } from './zip-directory.js';
import { readXlsxWorkbook, type XlsxSheetInfo } from './xlsx-workbook.js';
import type { RawRow, ReadLimits, SheetSource } from './types.js';

interface StreamCell {
  value: unknown;
  numFmt?: string;
}
interface StreamRow {
  number: number;
  eachCell(opt: { includeEmpty: boolean }, fn: (cell: StreamCell, col: number) => void): void;
}

export async function openXlsx(file: string, size: number, limits: ReadLimits): Promise<SheetSource[]> {
  const entries = readZipDirectory(file, size);
  checkZipBomb(file, size, entries, limits.maxFileBytes);
  const info = readXlsxWorkbook(file, entries);
  await verifyInflatedSizes(file, entries, limits.maxFileBytes);
  return info.sheets.map((sheet) => ({
    name: sheet.name,
    index: sheet.index,
    rows: () => limitRows(file, streamSheet(file, sheet, info.date1904, limits), limits),
  }));
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

async function* streamSheet(file: string, sheet: XlsxSheetInfo, date1904: boolean, limits: ReadLimits): AsyncGenerator<RawRow> {
  const part = SHEET_PART.exec(sheet.path);
  if (!part) {
    // exceljs only streams parts named xl/worksheets/sheetN.xml.
    throw new InputFileError(file, `sheet "${sheet.name}" is stored as ${sheet.path}, which the .xlsx reader does not support`);
  }
  const input = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  // The 'entry' event fires synchronously just before each worksheet is yielded: it tells
  // which zip part the next worksheet reader streams.
  let lastPart = '';
  (reader as unknown as EventEmitter).on('entry', (e: { type: string; id?: string }) => {
    if (e.type === 'worksheet') lastPart = `xl/worksheets/sheet${e.id}.xml`;
  });
  let found = false;
  try {
    for await (const worksheet of reader) {
      if (lastPart !== sheet.path) continue;
      found = true;
      for await (const row of worksheet as unknown as AsyncIterable<StreamRow>) {
        yield toRawRow(file, row, date1904, limits);
      }
      break;
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(file, `not a valid .xlsx (${errorMessage(error)})`, { cause: error });
  } finally {
    input.destroy();
  }
  if (!found) throw new InputFileError(file, `sheet "${sheet.name}" (${sheet.path}) is missing from the workbook`);
}

function toRawRow(file: string, row: StreamRow, date1904: boolean, limits: ReadLimits): RawRow {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    checkColumnIndex(file, row.number, col, limits);
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = exceljsValueText(cell.value, cell.numFmt, date1904);
  });
  return { rowNumber: row.number, cells: trimTrailing(cells) };
}
