import { STANDARD_FIELDS } from '../../config/fields.js';
import type { Pipeline } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import { stagedText } from '../../io/staged-text.js';
import type { OpenedBook, RawRow, SheetSource } from '../../io/types.js';
import { classifySkip } from '../standardise/skip-rows.js';
import { readHeader } from './sheet-head.js';
import { STAGING_TABLE, stagedFile, type StagedFile } from './staging-table.js';

/**
 * Rows of a sheet parsed before the database is free (the previous batch still committing) are
 * held in memory up to this many, then the reader waits. A .xlsx file used to wait for the commit
 * before exceljs read its first row, so the two took turns: at the 10M-row month its 500k rows
 * kept DuckDB idle for most of the 35 s exceljs took. The bound keeps a large book's memory flat.
 */
export const ROWS_PARSED_AHEAD = 50_000;

/** A staged row: its sheet row number and one cell (NULL for empty) per standard field. */
type StagedCells = [rowNumber: number, cells: (string | null)[]];

/**
 * A sheet read by its JavaScript reader (every format but the CSV files read_csv takes) into the
 * staging table as text cells; blank and totals rows are counted and not staged.
 */
export async function stageSheet(
  db: Database,
  input: { fileId: number; relPath: string; pipeline: Pipeline; sheet: SheetSource; book: OpenedBook; beforeDatabase?: () => Promise<void> },
): Promise<StagedFile> {
  const { iterator, head, header } = await readHeader(input.sheet, input.pipeline, input.relPath);
  // Every column of the staging table in its order: absent fields are NULL.
  const columnIndex = STANDARD_FIELDS.map((f) => header.mapping[f]);
  const cellsOf = (row: RawRow): (string | null)[] =>
    columnIndex.map((index) => {
      if (index === undefined) return null;
      const cell = row.cells[index];
      const text = cell === undefined ? '' : stagedText(cell);
      return text === '' ? null : text;
    });

  // The appender as src/db hands it out (src/db alone imports @duckdb/node-api).
  type Appender = Awaited<ReturnType<Database['appender']>>;
  const appendTo = (to: Appender, [rowNumber, cells]: StagedCells): void => {
    to.appendInteger(input.fileId);
    to.appendVarchar(input.sheet.name);
    to.appendInteger(rowNumber);
    for (const text of cells) {
      if (text === null) to.appendNull();
      else to.appendVarchar(text);
    }
    to.endRow();
  };
  // Unset while rows are parsed ahead into `ahead`; set once the database is free.
  let appender: Appender | undefined;
  const ahead: StagedCells[] = [];
  const openAppender = async (): Promise<void> => {
    await input.beforeDatabase?.();
    const opened = await db.appender(STAGING_TABLE);
    appender = opened; // set first: `finally` closes it even if a row below fails
    for (const row of ahead) appendTo(opened, row);
    ahead.length = 0;
  };

  let rowsAboveHeader = 0;
  let rowsRead = 0;
  let rowsSkipped = 0;
  let rowsStaged = 0;
  const take = (row: RawRow): void => {
    if (row.rowNumber <= header.headerRowNumber) {
      rowsAboveHeader++;
      return;
    }
    rowsRead++;
    if (classifySkip(row.cells) !== null) {
      rowsSkipped++;
      return;
    }
    rowsStaged++;
    const staged: StagedCells = [row.rowNumber, cellsOf(row)];
    if (appender) appendTo(appender, staged);
    else ahead.push(staged);
  };
  try {
    for (const row of head) take(row);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      take(next.value);
      if (!appender && ahead.length >= ROWS_PARSED_AHEAD) await openAppender();
    }
    if (!appender) await openAppender();
  } finally {
    appender?.closeSync();
  }
  return stagedFile(input.fileId, input.sheet, input.book, header, { rowsAboveHeader, rowsRead, rowsSkipped, rowsStaged, standardised: false });
}
