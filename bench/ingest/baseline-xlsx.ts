/** Baseline for the .xlsx share: a bare exceljs streaming read of the same workbooks, counting rows. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ManifestFile } from './generate.js';

export async function baselineExceljs(inbox: string, files: ManifestFile[]): Promise<{ files: number; rows: number; seconds: number }> {
  let rows = 0;
  const t0 = process.hrtime.bigint();
  for (const f of files) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(join(inbox, f.path), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
    for await (const sheet of reader) for await (const _row of sheet) rows++;
  }
  return { files: files.length, rows, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}
