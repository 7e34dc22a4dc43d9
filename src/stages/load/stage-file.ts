import type { Pipeline } from '../../config/workspace.js';
import { STANDARD_FIELDS, type StandardField } from '../../config/fields.js';
import type { Database } from '../../db/database.js';
import { InputFileError } from '../../errors.js';
import { detectHeader } from '../../io/header.js';
import { openBook } from '../../io/open-book.js';
import type { OpenedBook, RawRow, ReadLimits, SheetSource } from '../../io/types.js';
import { classifySkip } from '../standardise/skip-rows.js';

/** How many rows the header search looks at: title blocks are rarely longer than a dozen rows. */
const HEADER_SEARCH_ROWS = 50;

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
}

/**
 * Reads one file of one feed into the staging table as text cells, in the columns of the standard
 * fields found in its header (the others stay NULL). Blank and totals rows are counted and not
 * staged. Any read problem throws InputFileError and leaves nothing behind: the file's staged
 * rows are deleted.
 */
export async function stageFile(
  db: Database,
  input: { fileId: number; relPath: string; absPath: string; pipeline: Pipeline; limits: ReadLimits },
): Promise<StagedFile> {
  const { fileId, relPath, pipeline } = input;
  const book = await openBook(input.absPath, { format: pipeline.format, encoding: pipeline.encoding, limits: input.limits }).catch(
    (error: unknown) => {
      throw asInputError(relPath, error);
    },
  );
  const sheet = pickSheet(book, pipeline, relPath);
  try {
    return await stageSheet(db, { fileId, relPath, pipeline, sheet, book });
  } catch (error) {
    await db.run('unstage a bad file', `DELETE FROM ${STAGING_TABLE} WHERE file_id = $id`, { id: fileId });
    throw asInputError(relPath, error);
  }
}

async function stageSheet(
  db: Database,
  input: { fileId: number; relPath: string; pipeline: Pipeline; sheet: SheetSource; book: OpenedBook },
): Promise<StagedFile> {
  const iterator = input.sheet.rows()[Symbol.asyncIterator]();
  const head: RawRow[] = [];
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  if (head.every((r) => classifySkip(r.cells) === 'blank')) throw new InputFileError(input.relPath, 'no data: the sheet is empty');
  const header = detectHeader(head, { headerRow: input.pipeline.headerRow, columns: input.pipeline.columns, kind: input.pipeline.kind });
  const fields = (Object.keys(header.mapping) as StandardField[]).sort();
  // The appender fills every column of the staging table in its order: absent fields are NULL.
  const columnIndex = STANDARD_FIELDS.map((f) => header.mapping[f]);

  const appender = await db.appender(STAGING_TABLE);
  let rowsAboveHeader = 0;
  let rowsRead = 0;
  let rowsSkipped = 0;
  let rowsStaged = 0;
  const take = (row: RawRow) => {
    if (row.rowNumber <= header.headerRowNumber) {
      rowsAboveHeader++;
      return;
    }
    rowsRead++;
    if (classifySkip(row.cells) !== null) {
      rowsSkipped++;
      return;
    }
    appender.appendInteger(input.fileId);
    appender.appendVarchar(input.sheet.name);
    appender.appendInteger(row.rowNumber);
    for (const index of columnIndex) {
      if (index === undefined) {
        appender.appendNull();
        continue;
      }
      const cell = row.cells[index];
      // NFKC here because DuckDB has none: full-width digits, letters and brackets become ASCII.
      const text = cell === undefined ? '' : cell.normalize('NFKC').trim();
      if (text === '') appender.appendNull();
      else appender.appendVarchar(text);
    }
    appender.endRow();
    rowsStaged++;
  };
  try {
    for (const row of head) take(row);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) take(next.value);
  } finally {
    appender.closeSync();
  }
  return {
    fileId: input.fileId,
    presentFields: fields,
    sheet: input.sheet.name,
    format: input.book.format,
    encoding: input.book.encoding ?? null,
    headerRow: header.headerRowNumber,
    qtyUnitHint: header.unitHints.qty,
    rowsAboveHeader,
    rowsRead,
    rowsSkipped,
    rowsStaged,
  };
}

function pickSheet(book: OpenedBook, pipeline: Pipeline, relPath: string): SheetSource {
  if (book.sheets.length === 0) throw new InputFileError(relPath, 'the workbook has no sheets');
  if (pipeline.sheet === undefined) return book.sheets[0] as SheetSource;
  const wanted = pipeline.sheet;
  const found = typeof wanted === 'number' ? book.sheets[wanted] : book.sheets.find((s) => s.name.trim() === wanted.trim());
  if (!found) {
    const names = book.sheets.map((s) => `"${s.name}"`).join(', ');
    throw new InputFileError(relPath, `sheet ${typeof wanted === 'number' ? `#${wanted}` : `"${wanted}"`} (${pipeline.configFile}: sheet) not found; sheets are: ${names}`);
  }
  return found;
}

function asInputError(relPath: string, error: unknown): InputFileError {
  if (error instanceof InputFileError) {
    // Readers name the absolute path; tables and reports use the inbox-relative one.
    return error.file === relPath ? error : new InputFileError(relPath, stripPrefix(error.message, error.file), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new InputFileError(relPath, message, { cause: error });
}

function stripPrefix(message: string, file: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
