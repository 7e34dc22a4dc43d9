/**
 * The export files left as they are. Every run rebuilds every month's tables, but on a night with
 * history most months come out as they were: without this, each night wrote every month's Parquet
 * and CSV files again, the export stage's cost growing with every month the workspace holds.
 *
 * A table's file is a function of its rows, its columns, the query that orders them and the code
 * that writes them. So each export target (one table, or one period's table) is written with a
 * fingerprint of those: its rows' content (db/rows-content.ts: one scan of the table for all its
 * periods, against 13.6 s to write the 10M month's terminal rows), the DESCRIBE of its query, the
 * query text, DuckDB's version and the export code.
 * A target whose fingerprint is unchanged, and whose files are as the last export left them (size
 * and modification time, as make and rsync judge), is not written again; its manifest entry is
 * taken from the record. Deleting or editing an export file, or the record table, only costs a
 * rewrite.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { appendRow, type Database } from '../../db/database.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { duckdbVersion, type RowsContent } from '../../db/rows-content.js';

export const EXPORT_RECORDS_TABLE = 'export_records';

/** The code an export's bytes depend on: this folder (writers, row orders) and the source order. */
const EXPORT_CODE = { dirs: ['.'], files: ['../classify/source-order-sql'] };
const EXPORT_CODE_HASH = codeFingerprint(import.meta.url, EXPORT_CODE); // as the module loads (code-fingerprint.ts)

/** One file an export target wrote, as it was left. */
export interface WrittenFile {
  relative: string; // relative to the out folder, as in the manifest
  sha256: string;
  size: number;
  mtimeMs: number;
}

/** What the last export wrote for one target. */
export interface ExportRecord {
  fingerprint: string;
  rows: number;
  files: WrittenFile[];
}

export class ExportRecords {
  private constructor(
    private readonly outDir: string,
    private readonly records: Map<string, ExportRecord>,
    private readonly duckdbVersion: string,
  ) {}

  /** The records of the last export; none when there are none, or when another build wrote the table differently. */
  static async load(db: Database, outDir: string): Promise<ExportRecords> {
    const version = await duckdbVersion(db);
    const records = new Map<string, ExportRecord>();
    if (await db.tableExists(EXPORT_RECORDS_TABLE)) {
      try {
        const rows = await db.all<{ target: string; fingerprint: string; rows: number | bigint; files: string }>(
          'export records',
          `SELECT target, fingerprint, rows, files FROM ${EXPORT_RECORDS_TABLE}`,
        );
        for (const r of rows) records.set(r.target, { fingerprint: r.fingerprint, rows: Number(r.rows), files: JSON.parse(r.files) as WrittenFile[] });
      } catch {
        records.clear(); // unreadable: every target is written again, and the table anew
      }
    }
    return new ExportRecords(outDir, records, version);
  }

  /** The fingerprint of a target: its rows, columns, query, whether it gets a CSV, DuckDB and the export code. */
  fingerprint(parts: { query: string; columns: string; content: RowsContent; csv: boolean }): string {
    return createHash('sha256')
      .update(JSON.stringify([EXPORT_CODE_HASH, this.duckdbVersion, parts]))
      .digest('hex');
  }

  /**
   * The record of `target` (its files' path without extension, relative to the out folder: a
   * workspace moved elsewhere keeps its records) when its files can stand: same fingerprint, files untouched.
   */
  unchanged(target: string, fingerprint: string): ExportRecord | null {
    const record = this.records.get(target);
    return record && record.fingerprint === fingerprint && filesIntact(record, this.outDir) ? record : null;
  }

  written(target: string, record: ExportRecord): void {
    this.records.set(target, record);
  }

  /** Replaces the table with the records whose files are still there as written (other periods' too: `run --period`). */
  async save(db: Database): Promise<void> {
    await db.run('export records table', `CREATE OR REPLACE TABLE ${EXPORT_RECORDS_TABLE} (target VARCHAR, fingerprint VARCHAR, rows BIGINT, files VARCHAR)`);
    const appender = await db.appender(EXPORT_RECORDS_TABLE);
    try {
      for (const [target, r] of this.records) {
        if (filesIntact(r, this.outDir)) appendRow(appender, [target, r.fingerprint, r.rows, JSON.stringify(r.files)]);
      }
    } finally {
      appender.closeSync();
    }
  }
}

/** A file as written: its size and modification time now, or null when it is gone. */
export function fileAsLeft(outDir: string, relative: string): { size: number; mtimeMs: number } | null {
  try {
    const s = statSync(path.join(outDir, relative));
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

function filesIntact(record: ExportRecord, outDir: string): boolean {
  return record.files.every((f) => {
    const now = fileAsLeft(outDir, f.relative);
    return now !== null && now.size === f.size && now.mtimeMs === f.mtimeMs;
  });
}

/** The columns a query gives, names and types, as its files' header and schema. */
export async function columnsOf(db: Database, query: string): Promise<string> {
  const columns = await db.all<{ column_name: string; column_type: string }>('describe export', `DESCRIBE (${query})`);
  return columns.map((c) => `${c.column_name} ${c.column_type}`).join(', ');
}
