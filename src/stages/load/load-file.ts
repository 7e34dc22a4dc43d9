import type { Pipeline } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import { cadenceUnitSql } from './periods.js';
import type { StagedFile } from './staging-table.js';

export interface FileRecord {
  fileId: number;
  runId: string;
  pipeline: Pipeline;
  relPath: string;
  sha256: string;
  sizeBytes: number;
}

export interface FileOutcome {
  status: 'loaded' | 'duplicate' | 'unreadable';
  reason: string | null;
  periods?: string[];
  minDate?: string | null;
  maxDate?: string | null;
  rowsLoaded?: number;
  rowsRejected?: number;
  rowsOutOfPeriod?: number;
  qtyLoaded?: number;
}

export interface SupersededFile {
  fileId: number;
  path: string;
  partial: boolean;
}

/** The JSON shape of one `files` row as bound to recordFiles (dates as text, cast in SQL). */
const FILE_ROW_SCHEMA = JSON.stringify({
  file_id: 'INTEGER',
  feed: 'VARCHAR',
  kind: 'VARCHAR',
  seller_code: 'VARCHAR',
  path: 'VARCHAR',
  sheet: 'VARCHAR',
  sha256: 'VARCHAR',
  size_bytes: 'BIGINT',
  format: 'VARCHAR',
  encoding: 'VARCHAR',
  header_row: 'INTEGER',
  status: 'VARCHAR',
  reason: 'VARCHAR',
  periods: ['VARCHAR'],
  min_date: 'VARCHAR',
  max_date: 'VARCHAR',
  rows_above_header: 'INTEGER',
  rows_read: 'INTEGER',
  rows_loaded: 'INTEGER',
  rows_rejected: 'INTEGER',
  rows_skipped: 'INTEGER',
  rows_out_of_period: 'INTEGER',
  qty_loaded: 'DOUBLE',
  run_id: 'VARCHAR',
});

/**
 * Records many files in one statement (one bound JSON list): a batch's records commit with its
 * rows, so a run killed mid-batch leaves none of them and the re-run numbers files the same.
 */
export async function recordFiles(db: Database, files: { record: FileRecord; staged: StagedFile | null; outcome: FileOutcome }[]): Promise<void> {
  if (files.length === 0) return;
  const rows = files.map(({ record, staged, outcome }) => ({
    file_id: record.fileId,
    feed: record.pipeline.feed,
    kind: record.pipeline.kind,
    seller_code: record.pipeline.distributor,
    path: record.relPath,
    sheet: staged?.sheet ?? sheetName(record),
    sha256: record.sha256,
    size_bytes: record.sizeBytes,
    format: staged?.format ?? null,
    encoding: staged?.encoding ?? null,
    header_row: staged?.headerRow ?? null,
    status: outcome.status,
    reason: outcome.reason,
    periods: outcome.periods ?? [],
    min_date: outcome.minDate ?? null,
    max_date: outcome.maxDate ?? null,
    rows_above_header: staged?.rowsAboveHeader ?? 0,
    rows_read: staged?.rowsRead ?? 0,
    rows_loaded: outcome.rowsLoaded ?? 0,
    rows_rejected: outcome.rowsRejected ?? 0,
    rows_skipped: staged?.rowsSkipped ?? 0,
    rows_out_of_period: outcome.rowsOutOfPeriod ?? 0,
    qty_loaded: outcome.qtyLoaded ?? 0,
    run_id: record.runId,
  }));
  await db.run(
    'record files',
    `INSERT INTO files (file_id, feed, kind, seller_code, path, sheet, sha256, size_bytes, format, encoding, header_row, status, reason,
       periods, min_date, max_date, rows_above_header, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_out_of_period, qty_loaded, run_id)
     SELECT file_id, feed, kind, seller_code, path, sheet, sha256, size_bytes, format, encoding, header_row, status, reason,
       periods, min_date::DATE, max_date::DATE, rows_above_header, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_out_of_period, qty_loaded, run_id
     FROM (SELECT unnest(from_json($rows, $schema), recursive := true))
     ORDER BY file_id`,
    { rows: JSON.stringify(rows), schema: `[${FILE_ROW_SCHEMA}]` },
  );
}

/**
 * A restatement replaces, never adds: earlier loaded files of the same feed whose restatement
 * units (days, weeks or months by cadence) lie within this file's are superseded whole; files
 * that overlap only partly lose their rows in the overlapping units. Runs inside the batch's
 * transaction, after the rows of every earlier file of the batch are in std_rows.
 */
export async function supersedeEarlierFiles(db: Database, record: FileRecord, sheet: string, units: string[]): Promise<SupersededFile[]> {
  if (units.length === 0) return [];
  const unitSql = cadenceUnitSql(record.pipeline.cadence, 'txn_date');
  const rowUnit = cadenceUnitSql(record.pipeline.cadence, 's.txn_date');
  const earlier = await db.all<{ file_id: number; path: string; units: string[] }>(
    'find restated files',
    `SELECT f.file_id, f.path, list(DISTINCT ${rowUnit} ORDER BY ${rowUnit}) AS units
     FROM files f JOIN std_rows s USING (file_id)
     WHERE f.feed = $feed AND f.status = 'loaded' AND coalesce(f.sheet, '') = coalesce($sheet, '') AND NOT s.out_of_period
       AND f.file_id < $before
     GROUP BY f.file_id, f.path
     HAVING list_has_any(list(DISTINCT ${rowUnit}), from_json($units, '["VARCHAR"]'))
     ORDER BY f.file_id`,
    { feed: record.pipeline.feed, sheet, units: JSON.stringify(units), before: record.fileId },
  );
  const out: SupersededFile[] = [];
  for (const old of earlier) {
    const partial = !old.units.every((u) => units.includes(u));
    if (partial) {
      await db.run('restate part of a file', `DELETE FROM std_rows WHERE file_id = $id AND ${unitSql} = ANY(from_json($units, '["VARCHAR"]'))`, {
        id: old.file_id,
        units: JSON.stringify(units),
      });
    } else {
      await db.run('restate a file', `DELETE FROM std_rows WHERE file_id = $id`, { id: old.file_id });
      await db.run('restate rejects', `DELETE FROM rejects WHERE file_id = $id`, { id: old.file_id });
      await db.run('mark superseded', `UPDATE files SET status = 'superseded', superseded_by = $by WHERE file_id = $id`, {
        id: old.file_id,
        by: record.fileId,
      });
    }
    out.push({ fileId: old.file_id, path: old.path, partial });
  }
  return out;
}

function sheetName(record: FileRecord): string | null {
  const s = record.pipeline.sheet;
  return s === undefined ? null : String(s);
}
