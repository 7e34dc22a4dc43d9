/**
 * Legacy BIFF .xls (and Excel 2003 XML) through SheetJS (@e965/xlsx: the fixed 0.20.3). SheetJS
 * parses the whole book in memory, so the file-size limit is checked before and `sheetRows`
 * caps how many rows it materialises; the real extent (!fullref) tells if rows were cut.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { InputFileError, errorMessage } from '../errors.js';
import { sheetjsCellText, trimTrailing, type SheetJsCell } from './cell-text.js';
import { isEncryptedOle } from './detect-format.js';
import { limitRows } from './limits.js';
import type { RawRow, ReadLimits, SheetSource } from './types.js';

type DenseSheet = XLSX.WorkSheet & { '!data'?: (SheetJsCell[] | null | undefined)[] };

export function openXls(file: string, limits: ReadLimits): SheetSource[] {
  const buf = readFileSync(file);
  if (isEncryptedOle(buf)) throw new InputFileError(file, 'password-protected workbook (remove the password and re-save)');
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, {
      type: 'buffer',
      cellDates: true,
      dense: true,
      cellHTML: false,
      cellStyles: false,
      // One row over the limit is enough to know the sheet is too long.
      sheetRows: Math.min(limits.maxRows + 1, 2_000_000_000),
      WTF: false,
    });
  } catch (error) {
    const reason = errorMessage(error);
    if (/password|encrypt/i.test(reason)) {
      throw new InputFileError(file, 'password-protected workbook (remove the password and re-save)', { cause: error });
    }
    // SheetJS trips over cut or corrupt records with plain JavaScript errors ("The first argument
    // must be of type string … Received undefined"), which mean nothing to an analyst.
    const corrupt = error instanceof TypeError || error instanceof RangeError ? 'truncated or corrupt: ' : '';
    throw new InputFileError(file, `not a readable .xls workbook (${corrupt}${reason})`, { cause: error });
  }
  if (wb.SheetNames.length === 0) throw new InputFileError(file, 'workbook has no sheets');
  return wb.SheetNames.map((name, index) => ({
    name,
    index,
    rows: () => limitRows(file, sheetRows(file, wb.Sheets[name] as DenseSheet, limits), limits),
  }));
}

async function* sheetRows(file: string, sheet: DenseSheet | undefined, limits: ReadLimits): AsyncGenerator<RawRow> {
  if (!sheet) return;
  const extent = sheet['!fullref'] ?? sheet['!ref'];
  if (extent) {
    const range = XLSX.utils.decode_range(extent);
    if (range.e.r + 1 > limits.maxRows) {
      throw new InputFileError(file, `sheet has ${range.e.r + 1} rows (limit ${limits.maxRows})`);
    }
  }
  const data = sheet['!data'] ?? [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    // A missing row is absent from the file, not blank: skip it, keep the real row numbers.
    if (!row) continue;
    const cells: string[] = new Array<string>(row.length);
    for (let c = 0; c < row.length; c++) cells[c] = sheetjsCellText(row[c]);
    yield { rowNumber: r + 1, cells: trimTrailing(cells) };
  }
}
