/**
 * The export files left as they are. Every run rebuilds every month's tables, but on a night with
 * history most months come out as they were: without this, each night wrote every month's Parquet
 * and CSV files again, the export stage's cost growing with every month the workspace holds.
 *
 * A table's file is a function of its rows, its columns, the query that orders them and the code
 * that writes them. So each export target (one table, or one period's table) is written with a
 * fingerprint of those: its rows as a count and an order-free sum of row hashes (one scan of the
 * table for all its periods: 0.4-0.6 s for the 10M month's 8.9M terminal rows, against 13.6 s to
 * write them), the DESCRIBE of its query, the query text, DuckDB's version and the export code.
 * A target whose fingerprint is unchanged, and whose files are as the last export left them (size
 * and modification time, as make and rsync judge), is not written again; its manifest entry is
 * taken from the record. Deleting or editing an export file, or the record table, only costs a
 * rewrite.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { appendRow, quoteIdent, type Database } from '../../db/database.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';

export const EXPORT_RECORDS_TABLE = 'export_records';

/** The code an export's bytes depend on: this folder (writers, row orders) and the source order. */
const EXPORT_CODE = { dirs: ['.'], files: ['../classify/source-order-sql'] };

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

/** A target's rows: how many, and the sum of their hashes (any order, duplicates counted). */
export interface RowsContent {
  rows: number;
  hashSum: string;
}

const NO_ROWS: RowsContent = { rows: 0, hashSum: '0' };

export class ExportRecords {
  private constructor(
    private readonly outDir: string,
    private readonly records: Map<string, ExportRecord>,
    private readonly duckdbVersion: string,
  ) {}

  /** The records of the last export; none when there are none, or when another build wrote the table differently. */
  static async load(db: Database, outDir: string): Promise<ExportRecords> {
    const version = String(await db.value('duckdb version', 'SELECT version()'));
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
      .update(JSON.stringify([codeFingerprint(import.meta.url, EXPORT_CODE), this.duckdbVersion, parts]))
      .digest('hex');
  }

  /** The record of `target` (its absolute path without extension) when its files can stand: same fingerprint, files untouched. */
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

/** Per period of `table`: its rows' count and hash sum, in one scan. */
export async function periodContents(db: Database, table: string): Promise<Map<string, RowsContent>> {
  const rows = await db.all<{ period: string | null; n: number | bigint; h: string }>(
    `export fingerprint ${table}`,
    `SELECT period, count(*) AS n, sum(hash(t)::HUGEINT)::VARCHAR AS h FROM ${quoteIdent(table)} t GROUP BY period`,
  );
  return new Map(rows.filter((r) => r.period !== null).map((r) => [r.period!, { rows: Number(r.n), hashSum: r.h }]));
}

/** The rows of a query: their count and hash sum. */
export async function queryContent(db: Database, step: string, query: string): Promise<RowsContent> {
  const row = await db.one<{ n: number | bigint; h: string | null }>(step, `SELECT count(*) AS n, coalesce(sum(hash(q)::HUGEINT), 0)::VARCHAR AS h FROM (${query}) q`);
  return row ? { rows: Number(row.n), hashSum: row.h ?? '0' } : NO_ROWS;
}

/** A period's content from periodContents: a period without rows is still exported (its header). */
export const contentOf = (contents: Map<string, RowsContent>, period: string): RowsContent => contents.get(period) ?? NO_ROWS;

/** The columns a query gives, names and types, as its files' header and schema. */
export async function columnsOf(db: Database, query: string): Promise<string> {
  const columns = await db.all<{ column_name: string; column_type: string }>('describe export', `DESCRIBE (${query})`);
  return columns.map((c) => `${c.column_name} ${c.column_type}`).join(', ');
}
