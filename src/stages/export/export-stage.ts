import { rmSync } from 'node:fs';
import path from 'node:path';
import { quoteLiteral, type Database } from '../../db/database.js';
import { InternalError } from '../../errors.js';
import { fileIdentity } from '../discover/file-identity.js';
import { CLASSIFIED_TABLES } from '../classify/classify-sql.js';
import { RECONCILE_TABLES } from '../reconcile/reconcile-stage.js';
import { copyToCsv, copyToParquet, ensureDir, removeStaleTempFiles } from './copy-files.js';
import { AS_STORED, BY_SOURCE, orderedPeriodRows, type RowOrder } from './row-order.js';
import { contentOf, queryContent, type RowsContent } from '../../db/rows-content.js';
import { exportContents } from './built-contents.js';
import { columnsOf, ExportRecords, fileAsLeft, type WrittenFile } from './export-records.js';

export interface ExportedFile {
  path: string; // relative to the out folder
  table: string;
  period: string | null;
  sha256: string;
}

/** Rep attribution's per-period tables, with their stable order (they have no source rows). */
const ATTRIBUTION_TABLES: Record<string, RowOrder> = {
  flow_terminal_attributed: AS_STORED, // written in rid order (attribution-lookups-sql.ts)
  rep_performance: { orderBy: 'rep_code, product_group, sku NULLS LAST' },
  rep_group_performance: { orderBy: 'rep_code, product_group' },
  commission: { orderBy: 'rep_code, product_group' },
  territory_performance: { orderBy: 'territory' },
  manager_performance: { orderBy: 'manager' },
  unassigned_volume: AS_STORED, // written in (period, buyer_code, seller_code, sku, …) order (attribute-sql.ts)
  distributor_rebates: { orderBy: 'distributor_code, basis, product_group' },
};
/** Tables exported per period (out/<period>/…), each with its order. */
const PER_PERIOD: Record<string, RowOrder> = {
  ...Object.fromEntries(CLASSIFIED_TABLES.map((t) => [t, BY_SOURCE])),
  ...Object.fromEntries(Object.entries(RECONCILE_TABLES).map(([t, orderBy]) => [t, { orderBy }])),
  ...ATTRIBUTION_TABLES,
};
/**
 * Tables exported whole (out/…): the rows, and the order they are written in. Apart, so that the
 * export fingerprint hashes the rows without sorting them.
 */
const WHOLE: Record<string, { rows: string; orderBy?: string }> = {
  rejects: { rows: 'SELECT * FROM rejects', orderBy: 'source_file, sheet, source_row, "column"' },
  files: {
    rows: `SELECT file_id, feed, kind, seller_code, path, sheet, sha256, size_bytes, format, encoding, header_row, status, reason,
                 superseded_by, periods, min_date, max_date, rows_above_header, rows_read, rows_loaded, rows_rejected,
                 rows_skipped, rows_out_of_period, qty_loaded
          FROM files`,
    orderBy: 'file_id',
  },
  adjustments: { rows: 'SELECT * FROM adjustments', orderBy: 'period, level, seller_code, buyer_code, sku' },
  collection_status: { rows: 'SELECT * EXCLUDE (last_file_received) FROM collection_status', orderBy: 'feed' },
  // arrival times are run start times: kept in the database, left out so two runs write the same bytes
  collection_periods: { rows: 'SELECT * EXCLUDE (first_received_at) FROM collection_periods', orderBy: 'feed, period' },
  distributors_without_feed: { rows: 'SELECT * FROM distributors_without_feed', orderBy: 'code' },
  hospital_listings: { rows: 'SELECT * FROM hospital_listings' }, // written in (first_period, hospital_code, sku) order (listings-stage.ts)
  adjustment_attribution: { rows: 'SELECT * FROM adjustment_attribution', orderBy: 'period, rid' },
  booked_adjustments: { rows: 'SELECT * FROM booked_adjustments', orderBy: 'ALL' },
  new_listings: { rows: 'SELECT * FROM new_listings', orderBy: 'period, territory, province, city, sku' },
  // written in RESOLUTION_ORDER by their one INSERT (the tiers) and changed since only by
  // UPDATE, which leaves every row in its place (resolve/write-resolutions.ts)
  customer_resolutions: { rows: 'SELECT * FROM customer_resolutions' },
  product_resolutions: { rows: 'SELECT * FROM product_resolutions' },
};

export interface ExportOptions {
  /** Only these periods' folders (`run --period`); default every period with data. */
  periods?: string[];
  /**
   * A table (per period) with more rows than this gets no CSV, only Parquet; null: no limit
   * (drugflow.yaml `export.csv_max_rows`, by default EXCEL_MAX_DATA_ROWS).
   */
  csvMaxRows: number | null;
}

/** A table written as Parquet only, because its CSV would be more rows than a person can open. */
export interface SkippedCsv {
  path: string; // the CSV that was not written (and was removed if an earlier run left one)
  table: string;
  period: string | null;
  rows: number;
}

export interface ExportResult {
  files: ExportedFile[];
  csvSkipped: SkippedCsv[];
  /** Export targets (a table, or one period's table) written by this run. */
  written: number;
  /** Export targets whose files were left as the last export wrote them (export-records.ts). */
  unchanged: number;
}

/**
 * Parquet for BI and CSV for people, for every period that has data. Rows are ordered by their
 * source so two runs on the same inputs write identical bytes; run metadata lives only in the
 * manifest. A target whose rows, columns and export code are as when its files were written
 * leaves those files as they are (export-records.ts): on a night with history, most months.
 * CSV is what people open in Excel, which shows the first 1,048,576 rows of a file and drops the
 * rest: past that a CSV only misleads whoever opens it, and in a national month the row-level
 * tables are millions of rows (gigabytes of CSV, the slowest part of the export). Such a table is
 * Parquet only, and is named in the run summary; `export.csv_max_rows` moves the limit.
 */
export async function runExportStage(db: Database, outDir: string, options: ExportOptions): Promise<ExportResult> {
  const result: ExportResult = { files: [], csvSkipped: [], written: 0, unchanged: 0 };
  removeStaleTempFiles(outDir); // left by a run killed mid-export
  const periods = options.periods ?? (await dataPeriods(db));
  const records = await ExportRecords.load(db, outDir);
  const exporter = { db, outDir, records, csvMaxRows: options.csvMaxRows, result };
  const perPeriod = Object.keys(PER_PERIOD);
  const contents = new Map<string, Map<string, RowsContent>>();
  const columns = new Map<string, string>();
  for (const table of periods.length > 0 ? perPeriod : []) {
    contents.set(table, await exportContents(db, table));
    columns.set(table, await columnsOf(db, `SELECT * FROM ${table}`));
  }
  for (const period of periods) {
    ensureDir(path.join(outDir, period));
    for (const table of perPeriod) {
      const rows = { query: periodQuery(table, period), columns: columns.get(table)!, content: contentOf(contents.get(table)!, period) };
      await exportTarget(exporter, rows, { relative: `${period}/${table}`, table, period });
    }
  }
  ensureDir(outDir);
  for (const [table, whole] of Object.entries(WHOLE)) {
    const query = wholeTableQuery(table);
    const rows = { query, columns: await columnsOf(db, whole.rows), content: await queryContent(db, `export fingerprint ${table}`, whole.rows) };
    await exportTarget(exporter, rows, { relative: table, table, period: null });
  }
  await records.save(db);
  return result;
}

/** One period's rows of a table exported per period, in its export order. */
export function periodQuery(table: string, period: string): string {
  const order = PER_PERIOD[table];
  if (order === undefined) throw new InternalError(`${table} is not exported per period`);
  return orderedPeriodRows(table, period, order);
}

/** The query a table exported whole (out/<table>.*) is written from, in its export order. */
export function wholeTableQuery(table: string): string {
  const whole = WHOLE[table];
  if (whole === undefined) throw new InternalError(`${table} is not exported whole`);
  return whole.orderBy ? `${whole.rows} ORDER BY ${whole.orderBy}` : whole.rows;
}

interface Exporter {
  db: Database;
  outDir: string;
  records: ExportRecords;
  csvMaxRows: number | null;
  result: ExportResult;
}

/** What an export target is written from: its ordered query, and what its fingerprint is taken of. */
interface TargetRows {
  query: string;
  columns: string;
  content: RowsContent;
}

interface ExportTarget {
  /** Path of the files without extension, relative to the out folder. */
  relative: string;
  table: string;
  period: string | null;
}

/**
 * A target's Parquet file, and its CSV unless it has more rows than `csvMaxRows`: written, or
 * left as they are when the last export wrote them from the same rows (export-records.ts).
 */
async function exportTarget(exporter: Exporter, rows: TargetRows, target: ExportTarget): Promise<void> {
  const { outDir, records, csvMaxRows, result } = exporter;
  const { table, period } = target;
  const base = path.join(outDir, target.relative);
  const csv = csvMaxRows === null || rows.content.rows <= csvMaxRows;
  const fingerprint = records.fingerprint({ query: rows.query, columns: rows.columns, content: rows.content, csv });
  let record = records.unchanged(target.relative, fingerprint);
  if (record) result.unchanged++;
  else {
    record = { fingerprint, rows: rows.content.rows, files: await writeFiles(exporter.db, rows.query, outDir, target.relative, csv) };
    records.written(target.relative, record);
    result.written++;
  }
  for (const f of record.files) result.files.push({ path: f.relative, table, period, sha256: f.sha256 });
  if (!csv) {
    rmSync(`${base}.csv`, { force: true }); // an earlier, smaller month's CSV would pass for this one
    result.csvSkipped.push({ path: `${target.relative}.csv`, table, period, rows: record.rows });
  }
}

/**
 * Parquet first, then the CSV from that Parquet file: the filter and sort run once per table, not
 * twice (at a national month the flow tables are millions of rows). Reading one Parquet file
 * keeps its row order, so the CSV is in the same order.
 */
async function writeFiles(db: Database, query: string, outDir: string, relative: string, csv: boolean): Promise<WrittenFile[]> {
  const base = path.join(outDir, relative);
  await copyToParquet(db, query, `${base}.parquet`);
  if (csv) await copyToCsv(db, `SELECT * FROM read_parquet(${quoteLiteral(`${base}.parquet`)})`, `${base}.csv`);
  const files: WrittenFile[] = [];
  for (const file of csv ? [`${relative}.parquet`, `${relative}.csv`] : [`${relative}.parquet`]) {
    const asLeft = fileAsLeft(outDir, file);
    if (!asLeft) throw new InternalError(`${file} was not written`);
    files.push({ relative: file, sha256: await sha256Of(path.join(outDir, file)), ...asLeft });
  }
  return files;
}

/**
 * The manifest names each export with its sha256. Hashed here, as each file is written, so the
 * export stage's time includes it: hashed by the manifest after the stages, it was 7.2 s of a 10M
 * run that no stage accounted for (1.4 GB of exports); here it is 6.0 s of the stage. Hashing a
 * file while DuckDB writes the next was no faster (export stage median 62.6 against 63.8 s).
 */
const sha256Of = async (file: string): Promise<string> => (await fileIdentity(file)).sha256;

async function dataPeriods(db: Database): Promise<string[]> {
  const union = CLASSIFIED_TABLES.map((t) => `SELECT DISTINCT period FROM ${t}`).join(' UNION ');
  const rows = await db.all<{ period: string }>('export periods', `SELECT period FROM (${union}) WHERE period IS NOT NULL ORDER BY period`);
  return rows.map((r) => r.period).filter((p) => /^\d{4}-\d{2}$/.test(p));
}
