/**
 * A batch's CSV files, many to one read_csv. A file's own read_csv statement costs more than it
 * saves below CSV_FAST_PATH_MIN_BYTES, so small files used to be staged row by row through the
 * appender: on the benchmark's 1M-row month that was ~900 files and half a million rows, and the
 * appender's per-cell calls and flushes were the load stage's biggest JavaScript cost. In the
 * pool a file of any size shares its statement with the rest of the batch.
 *
 * Here each file is transcoded as the fast path does (io/csv-transcode.ts: the very cells
 * and line numbers the JavaScript path stages), its lines led by its file id and layout number,
 * and appended to one scratch file per delimiter and standardise rules. When the batch is
 * committed, one statement per scratch file reads it with read_csv, puts each file's cells in the
 * standard fields by its layout, and types and judges the rows straight into the work table, as
 * loadBatch's per-layout statement would have from the staging table: writing text rows to the
 * staging table cost ~8 µs a row, more than parsing them.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { STANDARD_FIELDS, type StandardField } from '../../config/fields.js';
import { quoteIdent, type Database } from '../../db/database.js';
import { transcodeCsvTo } from '../../io/csv-transcode.js';
import type { HeaderResult } from '../../io/header.js';
import { buildDecidedRowsSelect } from '../standardise/standardise-sql.js';
import { STAGING_TABLE } from './staging-table.js';
import { cellColumn, readCsvSql, stagedLines, transcodedCounts, type CsvFileToRead, type DirectStandardise, type FastStageCounts } from './stage-csv-fast.js';

/** The file as the per-file read_csv path takes it (stage-csv-fast.ts), plus where its rows go. */
export interface PoolInput extends CsvFileToRead {
  /** The work table and the feed's rules for the file's typed rows. */
  standardise: DirectStandardise;
  /**
   * Stages the file the JavaScript way (to be standardised with the batch), should the pooled
   * statement fail: a file the transcoder accepted reads the same both ways, so this is a safety
   * net, not a second opinion.
   */
  restage: () => Promise<unknown>;
}

/** Where a layout's standard fields and sheet name come from. */
interface Layout {
  sheet: string;
  /** Per standard field, the file's column index (undefined: the file has no such column). */
  columns: (number | undefined)[];
}

/** One scratch file: the pooled lines of every file with this delimiter, fields and rules. */
interface PoolFile {
  path: string;
  fd: number;
  delimiter: string;
  /** Bytes written so far: where the next file's lines go. */
  size: number;
  presentFields: StandardField[];
  standardise: DirectStandardise;
  maxFields: number;
  files: PoolInput[];
  layouts: Set<number>;
}

export class CsvPool {
  private readonly byGroup = new Map<string, PoolFile>();
  private readonly layouts: Layout[] = [];
  private readonly layoutIds = new Map<string, number>();

  constructor(private readonly scratchDir: string) {}

  /** Transcodes the file into the pool, or says why it cannot be read this way (nothing pooled then). */
  async add(input: PoolInput): Promise<FastStageCounts | { fallback: string }> {
    const layout = this.layoutOf(input.sheetName, input.header);
    const headerRow = input.header.headerRowNumber;
    // The delimiter is known once the transcoder has guessed it: the scratch file is picked then.
    let target: PoolFile | undefined;
    let from = 0;
    const csv = await transcodeCsvTo(input.absPath, input.encoding, input.limits, stagedLines(headerRow), [input.fileId, layout], (text, delimiter) => {
      if (text === '') return;
      if (!target) {
        target = this.fileFor(delimiter, input);
        from = target.size;
      }
      // Written at an explicit position: a refused file's lines are cut off again below.
      target.size += writeSync(target.fd, text, target.size, 'utf8');
    });
    if (!csv.ok) {
      if (target) {
        ftruncateSync(target.fd, from);
        target.size = from;
      }
      return { fallback: csv.reason };
    }
    if (target) {
      target.maxFields = Math.max(target.maxFields, csv.maxFields);
      target.files.push(input);
      target.layouts.add(layout);
    }
    return transcodedCounts(csv, headerRow, true);
  }

  /** Standardises every pooled file into its work table and empties the pool. */
  async flush(db: Database): Promise<void> {
    const targets = [...this.byGroup.values()];
    this.byGroup.clear();
    for (const target of targets) {
      closeSync(target.fd);
      try {
        await db.run(`standardise ${target.files.length} pooled csv file(s)`, this.insertSql(target), this.params(target));
      } catch {
        // Never seen; but one statement's failure must not cost its files their rows.
        const ids = target.files.map((f) => f.fileId);
        await db.run('unstage pooled csv', `DELETE FROM ${quoteIdent(target.standardise.table)} WHERE file_id IN (SELECT unnest(from_json($ids, '["INTEGER"]')))`, {
          ids: JSON.stringify(ids),
        });
        for (const file of target.files) await file.restage();
      } finally {
        await rm(target.path, { force: true });
      }
    }
  }

  /** Drops what is pooled (a run that failed mid-batch), leaving no scratch files open. */
  async discard(): Promise<void> {
    const targets = [...this.byGroup.values()];
    this.byGroup.clear();
    for (const target of targets) {
      closeSync(target.fd);
      await rm(target.path, { force: true });
    }
  }

  private layoutOf(sheet: string, header: HeaderResult): number {
    const columns = STANDARD_FIELDS.map((f) => header.mapping[f]);
    const key = JSON.stringify([sheet, columns]);
    let id = this.layoutIds.get(key);
    if (id === undefined) {
      id = this.layouts.length;
      this.layouts.push({ sheet, columns });
      this.layoutIds.set(key, id);
    }
    return id;
  }

  private fileFor(delimiter: string, input: PoolInput): PoolFile {
    // The files one statement standardises share loadBatch's grouping: fields, kind, doc types, unit.
    const presentFields = STANDARD_FIELDS.filter((f) => input.header.mapping[f] !== undefined);
    const key = JSON.stringify([delimiter, presentFields, input.standardise]);
    let target = this.byGroup.get(key);
    if (!target) {
      const path = join(this.scratchDir, `drugflow-${process.pid}-pool-${randomUUID()}.csv`);
      target = { path, fd: openSync(path, 'w'), delimiter, size: 0, presentFields, standardise: input.standardise, maxFields: 0, files: [], layouts: new Set() };
      this.byGroup.set(key, target);
    }
    return target;
  }

  /**
   * The staging table's columns for these files, each present field picked from its layout's
   * column by the line's layout number, typed and judged on their way to the work table.
   */
  private insertSql(target: PoolFile): string {
    const layouts = [...target.layouts].sort((a, b) => a - b);
    const pick = (cell: (layout: Layout, id: number) => string): string =>
      `CASE layout ${layouts.map((id) => `WHEN ${id} THEN ${cell(this.layouts[id] as Layout, id)}`).join(' ')} END`;
    const fields = target.presentFields.map((field) => {
      const f = STANDARD_FIELDS.indexOf(field);
      return `${pick((layout) => cellColumn(layout.columns[f] as number))} AS ${quoteIdent(field)}`;
    });
    const source = `SELECT file_id, ${pick((_, id) => `CAST($sheet_${id} AS VARCHAR)`)} AS sheet, line AS source_row${fields.map((c) => `, ${c}`).join('')}
      FROM ${readCsvSql(target.delimiter, target.maxFields, ['file_id', 'layout', 'line'])}`;
    const select = buildDecidedRowsSelect({
      ...target.standardise.rules,
      stagingTable: STAGING_TABLE,
      sourceSql: source,
      fileIds: target.files.map((f) => f.fileId),
      presentFields: target.presentFields,
    });
    return `INSERT INTO ${quoteIdent(target.standardise.table)} BY NAME ${select}`;
  }

  private params(target: PoolFile): Record<string, string> {
    const params: Record<string, string> = { path: target.path };
    for (const id of target.layouts) params[`sheet_${id}`] = (this.layouts[id] as Layout).sheet;
    return params;
  }
}
