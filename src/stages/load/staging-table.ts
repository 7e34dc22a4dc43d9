import { STANDARD_FIELDS, type StandardField } from '../../config/fields.js';
import type { HeaderResult } from '../../io/header.js';
import type { OpenedBook, SheetSource } from '../../io/types.js';
import type { FastStageCounts } from './stage-csv-fast.js';

/**
 * One staging table for the whole load stage, every standard field a column: creating and
 * dropping a table per file cost more than reading a small file. Rows carry their file_id.
 */
export const STAGING_TABLE = 'load_staging';

export function createStagingTableSql(): string {
  return `CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} (file_id INTEGER, sheet VARCHAR, source_row INTEGER, ${STANDARD_FIELDS.map(
    (f) => `"${f}" VARCHAR`,
  ).join(', ')})`;
}

export interface StagedFile {
  fileId: number;
  presentFields: StandardField[];
  sheet: string;
  format: string;
  encoding: string | null;
  headerRow: number;
  /** The unit a quantity header names (`数量（盒）`): the unit of rows that give none. */
  qtyUnitHint: string | undefined;
  rowsAboveHeader: number;
  rowsRead: number;
  rowsSkipped: number;
  rowsStaged: number;
  /** Typed and judged straight into the work table (a big CSV file), not staged. */
  standardised: boolean;
}

export function stagedFile(
  fileId: number,
  sheet: SheetSource,
  book: OpenedBook,
  header: HeaderResult,
  counts: FastStageCounts,
): StagedFile {
  return {
    fileId,
    presentFields: (Object.keys(header.mapping) as StandardField[]).sort(),
    sheet: sheet.name,
    format: book.format,
    encoding: book.encoding ?? null,
    headerRow: header.headerRowNumber,
    qtyUnitHint: header.unitHints.qty,
    ...counts,
  };
}
