import { statSync } from 'node:fs';
import type { Pipeline } from '../../config/workspace.js';
import { quoteIdent, type Database } from '../../db/database.js';
import { InputFileError } from '../../errors.js';
import { openBook } from '../../io/open-book.js';
import type { OpenedBook, ReadLimits } from '../../io/types.js';
import type { Logger } from '../../log.js';
import type { CsvPool } from './csv-pool.js';
import { csvEncoding, pickSheet, readHeader } from './sheet-head.js';
import { directStandardise, stageCsvFast, type CsvFileToRead } from './stage-csv-fast.js';
import { stageSheet } from './stage-sheet.js';
import { STAGING_TABLE, stagedFile, type StagedFile } from './staging-table.js';

/**
 * read_csv costs a statement, a temp file and a second decode per file (~6 ms on the 2-core
 * benchmark machine) and saves a few µs a row. Staging A/B on the benchmark's 1M-row month
 * (µs a row, papaparse → read_csv): 367 KB files 25.4 → 26.3, 456 KB 24.0 → 23.2,
 * 584 KB 25.7 → 20.8, 2.2 MB 20.0 → 12.8.
 */
export const CSV_FAST_PATH_MIN_BYTES = 512 * 1024;

export interface StageFileInput {
  fileId: number;
  relPath: string;
  absPath: string;
  pipeline: Pipeline;
  limits: ReadLimits;
  /** Where a CSV's UTF-8 copy for read_csv is written: the workspace's scratch folder. */
  scratchDir: string;
  /**
   * Who parses a CSV file: `read_csv` (DuckDB, when it reads the file as papaparse would; else
   * papaparse), `js` (papaparse), or `auto` (default): read_csv from CSV_FAST_PATH_MIN_BYTES up.
   */
  csvReader?: 'auto' | 'js' | 'read_csv';
  /**
   * The batch's work table: a big CSV file read by read_csv is standardised straight into it
   * (stage-csv-fast.ts). Unset, every file is staged.
   */
  standardiseInto?: string;
  /**
   * The batch's pool of CSV files (csv-pool.ts): with `auto` and `standardiseInto`, every CSV
   * file is transcoded into it and standardised into that table when the batch is committed,
   * whatever its size: one read_csv statement serves many files.
   */
  csvPool?: CsvPool;
  /**
   * Awaited before the file's first statement: the loader transcodes the next batch into a
   * pool while the last one commits, and only a file that needs the database waits for that.
   */
  beforeDatabase?: () => Promise<void>;
  log?: Logger;
}

/**
 * Reads one file of one feed into the staging table as text cells, in the columns of the standard
 * fields found in its header (the others stay NULL). Blank and totals rows are counted and not
 * staged. Any read problem throws InputFileError and leaves nothing behind: the file's staged
 * rows are deleted. CSV files DuckDB reads the same way go through read_csv: into the batch's
 * pool when the loader gives one (csv-pool.ts: typed straight into the work table at the commit),
 * else on their own (stage-csv-fast.ts); the others, and every other format, through the sheet's
 * JavaScript reader.
 */
export async function stageFile(db: Database, input: StageFileInput): Promise<StagedFile> {
  const { fileId, relPath, pipeline } = input;
  const open = () =>
    openBook(input.absPath, { format: pipeline.format, encoding: pipeline.encoding, limits: input.limits }).catch((error: unknown) => {
      throw asInputError(relPath, error);
    });
  let book = await open();
  try {
    const pooled = (input.csvReader ?? 'auto') === 'auto' && input.csvPool && input.standardiseInto !== undefined;
    const into = pooled ? { pool: input.csvPool as CsvPool, table: input.standardiseInto as string } : undefined;
    if (book.format === 'csv' && (into || wantsReadCsv(input))) {
      // Only the file's own read_csv touches the database now; the pool waits for the commit.
      if (!into) await input.beforeDatabase?.();
      const fast = into ? await poolCsvSheet(db, input, into, book) : await stageCsvSheet(db, input, book);
      if ('fileId' in fast) {
        input.log?.debug({ file: relPath, reader: into ? 'read_csv (pooled)' : 'read_csv' }, 'csv reader');
        return fast;
      }
      input.log?.debug({ file: relPath, reader: 'papaparse', reason: fast.fallback }, 'csv reader');
      // The read_csv route read the head of the file: the JavaScript path starts again from the top.
      book = await open();
    }
    // The sheet is parsed before the database is free: stageSheet waits for it only to append.
    return await stageSheet(db, { fileId, relPath, pipeline, sheet: pickSheet(book, pipeline, relPath), book, beforeDatabase: input.beforeDatabase });
  } catch (error) {
    await input.beforeDatabase?.();
    await db.run('unstage a bad file', `DELETE FROM ${STAGING_TABLE} WHERE file_id = $id`, { id: fileId });
    if (input.standardiseInto !== undefined) {
      await db.run('unstage a bad file', `DELETE FROM ${quoteIdent(input.standardiseInto)} WHERE file_id = $id`, { id: fileId });
    }
    throw asInputError(relPath, error);
  }
}

function wantsReadCsv(input: StageFileInput): boolean {
  const reader = input.csvReader ?? 'auto';
  return reader === 'read_csv' || (reader === 'auto' && statSync(input.absPath).size >= CSV_FAST_PATH_MIN_BYTES);
}

/** The CSV sheet's header, detected as the JavaScript reader would, and the file as read_csv takes it. */
async function csvFileToRead(input: StageFileInput, book: OpenedBook) {
  const sheet = pickSheet(book, input.pipeline, input.relPath);
  const { iterator, header } = await readHeader(sheet, input.pipeline, input.relPath);
  await iterator.return?.();
  const file: CsvFileToRead = {
    fileId: input.fileId,
    absPath: input.absPath,
    sheetName: sheet.name,
    encoding: csvEncoding(input.absPath, book),
    header,
    limits: input.limits,
  };
  return { sheet, header, file };
}

/** A CSV file through read_csv, after the same header detection; or why it must take the JS path. */
async function stageCsvSheet(db: Database, input: StageFileInput, book: OpenedBook): Promise<StagedFile | { fallback: string }> {
  const { sheet, header, file } = await csvFileToRead(input, book);
  const counts = await stageCsvFast(db, {
    ...file,
    stagingTable: STAGING_TABLE,
    scratchDir: input.scratchDir,
    standardiseInto: input.standardiseInto === undefined ? undefined : directStandardise(input.standardiseInto, input.pipeline, header),
  });
  if ('fallback' in counts) return counts;
  return stagedFile(input.fileId, sheet, book, header, counts);
}

/**
 * A CSV file into the batch's pool (csv-pool.ts), after the same header detection; its rows
 * reach the work table, typed and judged, when the batch is committed. Or why it must take the
 * JS path.
 */
async function poolCsvSheet(
  db: Database,
  input: StageFileInput,
  into: { pool: CsvPool; table: string },
  book: OpenedBook,
): Promise<StagedFile | { fallback: string }> {
  const { sheet, header, file } = await csvFileToRead(input, book);
  const restaged: { file?: StagedFile } = {};
  const counts = await into.pool.add({
    ...file,
    standardise: directStandardise(into.table, input.pipeline, header),
    restage: async () => {
      // Called during the batch's commit: waiting for that commit here would wait forever.
      await stageFile(db, { ...input, csvReader: 'js', csvPool: undefined, beforeDatabase: undefined });
      // Now in the staging table: loadBatch standardises it with the batch's staged files.
      if (restaged.file) restaged.file.standardised = false;
    },
  });
  if ('fallback' in counts) return counts;
  restaged.file = stagedFile(input.fileId, sheet, book, header, counts);
  return restaged.file;
}

function asInputError(relPath: string, error: unknown): InputFileError {
  if (error instanceof InputFileError) {
    // Readers name the absolute path; tables and reports use the inbox-relative one.
    return error.file === relPath ? error : new InputFileError(relPath, error.reason, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new InputFileError(relPath, message, { cause: error });
}
