/**
 * The CSV fast path: DuckDB's read_csv parses the file instead of papaparse row by row in
 * JavaScript. The JavaScript left per line (decode, NFKC, checks) keeps the gain modest: on the
 * benchmark's biggest files ~18 µs a row staged against ~23, and a loss on small files (see
 * CSV_FAST_PATH_MIN_BYTES). The file is transcoded to UTF-8 with line numbers
 * (io/csv-transcode.ts), which also drops the blank and totals rows (classifySkip, run only on
 * the few lines that may be such rows) and normalises cells, then read_csv inserts the lines into
 * the staging table in the very cells the JavaScript path stages.
 * A file the transcoder refuses is staged the old way by the caller.
 *
 * A big file can skip the staging table: the standardise SELECT reads read_csv itself and its
 * typed rows go straight to the batch's work table. Writing text rows to a temp table costs more
 * per row than parsing them (~8 µs against ~2 µs on the benchmark machine), and a big file pays
 * the standardise statement's planning alone without noticing it.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REQUIRED_FIELDS, STANDARD_FIELDS } from '../../config/fields.js';
import type { Pipeline } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import { quoteIdent, quoteLiteral } from '../../db/database.js';
import { transcodeCsv, type RowSelection, type TranscodedCsv } from '../../io/csv-transcode.js';
import type { DetectedEncoding } from '../../io/decode.js';
import type { HeaderResult } from '../../io/header.js';
import type { ReadLimits } from '../../io/types.js';
import { buildDecidedRowsSelect, type DecidedRowsInput } from '../standardise/standardise-sql.js';
import { classifySkip, lineMayBeSkipped } from '../standardise/skip-rows.js';

/** A CSV file ready for read_csv: where it is, how it is encoded, and its detected header. */
export interface CsvFileToRead {
  fileId: number;
  absPath: string;
  sheetName: string;
  encoding: DetectedEncoding;
  header: HeaderResult;
  limits: ReadLimits;
}

export interface FastStageInput extends CsvFileToRead {
  stagingTable: string;
  /** Where the UTF-8 copy is written: inside the workspace (scratch-directory.ts), never outside it. */
  scratchDir: string;
  /** Set to standardise a big file straight into `table` (see DIRECT_STANDARDISE_MIN_ROWS). */
  standardiseInto?: DirectStandardise;
}

/** The batch's work table and how this file's rows are typed and judged there. */
export interface DirectStandardise {
  table: string;
  rules: Omit<DecidedRowsInput, 'stagingTable' | 'fileIds' | 'sourceSql' | 'presentFields'>;
}

/** The work table and the feed's rules for the file's typed rows (what loadBatch would use). */
export function directStandardise(table: string, pipeline: Pipeline, header: HeaderResult): DirectStandardise {
  return {
    table,
    rules: { requiredFields: REQUIRED_FIELDS[pipeline.kind], returnsDocTypes: pipeline.returnDocTypes, defaultUnit: header.unitHints.qty },
  };
}

/**
 * From this many rows a file is standardised on its own, straight from read_csv. Below it, one
 * statement for many staged files of a layout costs less than planning one per file.
 */
export const DIRECT_STANDARDISE_MIN_ROWS = 20_000;

export interface FastStageCounts {
  rowsAboveHeader: number;
  rowsRead: number;
  rowsSkipped: number;
  rowsStaged: number;
  /** The rows went to the work table already typed and judged, not to the staging table. */
  standardised: boolean;
}

/** What a transcoded file adds to the load's row counts (header and title lines are not read rows). */
export function transcodedCounts(csv: TranscodedCsv, headerRow: number, standardised: boolean): FastStageCounts {
  return {
    rowsAboveHeader: Math.min(headerRow, csv.lines),
    rowsRead: Math.max(0, csv.lines - headerRow),
    rowsSkipped: csv.skipped,
    rowsStaged: csv.written,
    standardised,
  };
}

/** The lines the transcoder writes for the staging table: below the header, not blank or totals. */
export function stagedLines(headerRow: number): RowSelection {
  return { headerRow, mayBeSkipped: lineMayBeSkipped, skip: (cells) => classifySkip(cells) !== null };
}

/** Stages the file, or says why it cannot take this path (nothing is staged then). */
export async function stageCsvFast(db: Database, input: FastStageInput): Promise<FastStageCounts | { fallback: string }> {
  const target = join(input.scratchDir, `drugflow-${process.pid}-${input.fileId}-${randomUUID()}.csv`);
  try {
    const headerRow = input.header.headerRowNumber;
    const csv = await transcodeCsv(input.absPath, input.encoding, target, input.limits, stagedLines(headerRow));
    if (!csv.ok) return { fallback: csv.reason };
    const direct = input.standardiseInto !== undefined && csv.written >= DIRECT_STANDARDISE_MIN_ROWS ? input.standardiseInto : undefined;
    const counts = transcodedCounts(csv, headerRow, direct !== undefined);
    if (csv.written === 0) return counts;
    const params = { path: target, file_id: input.fileId, sheet: input.sheetName };
    const into = direct?.table ?? input.stagingTable;
    try {
      if (direct) await db.run('standardise csv via read_csv', directSql(input, direct, csv.delimiter, csv.maxFields), params);
      else await db.run('stage csv via read_csv', insertSql(input, csv.delimiter, csv.maxFields), params);
    } catch (error) {
      await db.run('unstage a csv file', `DELETE FROM ${quoteIdent(into)} WHERE file_id = $id`, { id: input.fileId });
      return { fallback: `read_csv failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
    return counts;
  } finally {
    await rm(target, { force: true });
  }
}

/**
 * Column `line` is the line number the transcoder wrote; `c1`… are the file's cells, already
 * as the sheet readers stage them (io/staged-text.ts), blank ones empty (NULL), blank and totals
 * rows left out.
 */
function insertSql(input: FastStageInput, delimiter: string, maxFields: number): string {
  const cell = (index: number | undefined): string => (index === undefined ? 'NULL' : cellColumn(index));
  return `INSERT INTO ${input.stagingTable} (file_id, sheet, source_row, ${STANDARD_FIELDS.map(quoteIdent).join(', ')})
    SELECT $file_id, $sheet, line, ${STANDARD_FIELDS.map((f) => cell(input.header.mapping[f])).join(', ')} FROM ${readCsvSql(delimiter, maxFields)}`;
}

/** The same cells under the staging table's names, typed and judged on their way to the work table. */
function directSql(input: FastStageInput, direct: DirectStandardise, delimiter: string, maxFields: number): string {
  const present = STANDARD_FIELDS.filter((f) => input.header.mapping[f] !== undefined);
  const cells = present.map((f) => `${cellColumn(input.header.mapping[f] as number)} AS ${quoteIdent(f)}`);
  const source = `SELECT CAST($file_id AS INTEGER) AS file_id, CAST($sheet AS VARCHAR) AS sheet, line AS source_row${cells.map((c) => `, ${c}`).join('')}
    FROM ${readCsvSql(delimiter, maxFields)}`;
  const select = buildDecidedRowsSelect({ ...direct.rules, stagingTable: input.stagingTable, sourceSql: source, fileIds: [input.fileId], presentFields: present });
  return `INSERT INTO ${quoteIdent(direct.table)} BY NAME ${select}`;
}

export const cellColumn = (index: number): string => quoteIdent(`c${index + 1}`);

/** read_csv of a transcoded file: the integer columns the transcoder put first, then the cells `c1`…. */
export function readCsvSql(delimiter: string, maxFields: number, leadingColumns: readonly string[] = ['line']): string {
  const cellColumns = Array.from({ length: maxFields }, (_, i) => `c${i + 1}`);
  const columns = `{${leadingColumns.map((c) => `'${c}': 'INTEGER', `).join('')}${cellColumns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
  return `read_csv($path, header = false, auto_detect = false, columns = ${columns}, delim = ${quoteLiteral(delimiter)},
    quote = '"', escape = '"', null_padding = true, strict_mode = true, new_line = '\\n')`;
}
