/**
 * The CSV fast path: DuckDB's read_csv parses the file instead of papaparse row by row in
 * JavaScript. The JavaScript left per line (decode, NFKC, checks) keeps the gain modest: on the
 * benchmark's biggest files ~18 µs a row staged against ~23, and a loss on small files (see
 * CSV_FAST_PATH_MIN_BYTES). The file is transcoded to UTF-8 with line numbers
 * (io/csv-transcode.ts), which also drops the blank and totals rows (classifySkip, run only on
 * the few lines that may be such rows) and normalises cells, then read_csv inserts the lines into
 * the staging table in the very cells the JavaScript path stages.
 * A file the transcoder refuses is staged the old way by the caller.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { STANDARD_FIELDS } from '../../config/fields.js';
import type { Database } from '../../db/database.js';
import { quoteIdent, quoteLiteral } from '../../db/database.js';
import { transcodeCsv } from '../../io/csv-transcode.js';
import type { DetectedEncoding } from '../../io/decode.js';
import type { HeaderResult } from '../../io/header.js';
import type { ReadLimits } from '../../io/types.js';
import { classifySkip, lineMayBeSkipped } from '../standardise/skip-rows.js';

export interface FastStageInput {
  fileId: number;
  absPath: string;
  sheetName: string;
  encoding: DetectedEncoding;
  header: HeaderResult;
  limits: ReadLimits;
  stagingTable: string;
  /** Where the UTF-8 copy is written: inside the workspace (scratch-directory.ts), never outside it. */
  scratchDir: string;
}

export interface FastStageCounts {
  rowsAboveHeader: number;
  rowsRead: number;
  rowsSkipped: number;
  rowsStaged: number;
}

/** Stages the file, or says why it cannot take this path (nothing is staged then). */
export async function stageCsvFast(db: Database, input: FastStageInput): Promise<FastStageCounts | { fallback: string }> {
  const target = join(input.scratchDir, `drugflow-${process.pid}-${input.fileId}-${randomUUID()}.csv`);
  try {
    const headerRow = input.header.headerRowNumber;
    const csv = await transcodeCsv(input.absPath, input.encoding, target, input.limits, {
      headerRow,
      mayBeSkipped: lineMayBeSkipped,
      skip: (cells) => classifySkip(cells) !== null,
    });
    if (!csv.ok) return { fallback: csv.reason };
    const counts = {
      rowsAboveHeader: Math.min(headerRow, csv.lines),
      rowsRead: Math.max(0, csv.lines - headerRow),
      rowsSkipped: csv.skipped,
      rowsStaged: csv.written,
    };
    if (csv.written === 0) return counts;
    try {
      await db.run('stage csv via read_csv', insertSql(input, csv.delimiter, csv.maxFields), {
        path: target,
        file_id: input.fileId,
        sheet: input.sheetName,
      });
    } catch (error) {
      await db.run('unstage a csv file', `DELETE FROM ${input.stagingTable} WHERE file_id = $id`, { id: input.fileId });
      return { fallback: `read_csv failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
    return counts;
  } finally {
    await rm(target, { force: true });
  }
}

/**
 * Column `line` is the line number the transcoder wrote; `c1`… are the file's cells, already
 * NFKC and trimmed, blank ones empty (NULL), blank and totals rows left out.
 */
function insertSql(input: FastStageInput, delimiter: string, maxFields: number): string {
  const cellColumns = Array.from({ length: maxFields }, (_, i) => `c${i + 1}`);
  const columns = `{'line': 'INTEGER', ${cellColumns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
  const read = `read_csv($path, header = false, auto_detect = false, columns = ${columns}, delim = ${quoteLiteral(delimiter)},
    quote = '"', escape = '"', null_padding = true, strict_mode = true, new_line = '\\n')`;
  const cell = (index: number | undefined): string => (index === undefined ? 'NULL' : quoteIdent(`c${index + 1}`));
  return `INSERT INTO ${input.stagingTable} (file_id, sheet, source_row, ${STANDARD_FIELDS.map(quoteIdent).join(', ')})
    SELECT $file_id, $sheet, line, ${STANDARD_FIELDS.map((f) => cell(input.header.mapping[f])).join(', ')} FROM ${read}`;
}
