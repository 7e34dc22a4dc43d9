import path from 'node:path';
import { quoteLiteral, type Database } from '../../db/database.js';
import { CLASSIFIED_TABLES } from '../classify/classify-sql.js';
import { RECONCILE_TABLES } from '../reconcile/reconcile-stage.js';
import { copyToCsv, copyToParquet, ensureDir, removeStaleTempFiles } from './copy-files.js';

export interface ExportedFile {
  path: string; // relative to the out folder
  table: string;
  period: string | null;
}

/** Tables exported per period (out/<period>/…) and whole (out/…). */
const PER_PERIOD = CLASSIFIED_TABLES;
/** Rep attribution's per-period tables, with their stable order (they have no source rows). */
const ATTRIBUTION_TABLES: Record<string, string> = {
  flow_terminal_attributed: 'rid',
  rep_performance: 'rep_code, product_group, sku NULLS LAST',
  rep_group_performance: 'rep_code, product_group',
  commission: 'rep_code, product_group',
  territory_performance: 'territory',
  manager_performance: 'manager',
  unassigned_volume: 'buyer_code, seller_code, sku',
  distributor_rebates: 'distributor_code, basis, product_group',
};
const WHOLE: Record<string, string> = {
  rejects: 'SELECT * FROM rejects ORDER BY source_file, sheet, source_row, "column"',
  files: `SELECT file_id, feed, kind, seller_code, path, sheet, sha256, size_bytes, format, encoding, header_row, status, reason,
                 superseded_by, periods, min_date, max_date, rows_above_header, rows_read, rows_loaded, rows_rejected,
                 rows_skipped, rows_out_of_period, qty_loaded
          FROM files ORDER BY file_id`,
  adjustments: 'SELECT * FROM adjustments ORDER BY period, level, seller_code, buyer_code, sku',
  collection_status: 'SELECT * EXCLUDE (last_file_received) FROM collection_status ORDER BY feed',
  distributors_without_feed: 'SELECT * FROM distributors_without_feed ORDER BY code',
  hospital_listings: 'SELECT * FROM hospital_listings ORDER BY first_period, hospital_code, sku',
  adjustment_attribution: 'SELECT * FROM adjustment_attribution ORDER BY period, rid',
  booked_adjustments: 'SELECT * FROM booked_adjustments ORDER BY ALL',
  new_listings: 'SELECT * FROM new_listings ORDER BY period, territory, province, city, sku',
  customer_resolutions: 'SELECT * FROM customer_resolutions ORDER BY distributor, raw_name',
  product_resolutions: 'SELECT * FROM product_resolutions ORDER BY distributor, raw_name, raw_spec NULLS FIRST, raw_unit NULLS FIRST, raw_manufacturer NULLS FIRST',
};

/**
 * Parquet for BI and CSV for people, for every period that has data. Rows are ordered by their
 * source so two runs on the same inputs write identical bytes; run metadata lives only in the
 * manifest.
 */
export async function runExportStage(db: Database, outDir: string, options: { periods?: string[] } = {}): Promise<ExportedFile[]> {
  const exported: ExportedFile[] = [];
  removeStaleTempFiles(outDir); // left by a run killed mid-export
  const periods = options.periods ?? (await dataPeriods(db));
  for (const period of periods) {
    const dir = path.join(outDir, period);
    ensureDir(dir);
    const perPeriod: [string, string][] = [
      ...PER_PERIOD.map((t): [string, string] => [t, 'source_file, sheet, source_row']),
      ...Object.entries(RECONCILE_TABLES),
      ...Object.entries(ATTRIBUTION_TABLES),
    ];
    for (const [table, orderBy] of perPeriod) {
      const query = `SELECT * FROM ${table} WHERE period = '${period.replace(/'/g, "''")}' ORDER BY ${orderBy}`;
      await exportBoth(db, query, path.join(dir, table));
      exported.push(...['parquet', 'csv'].map((ext) => ({ path: `${period}/${table}.${ext}`, table, period })));
    }
  }
  ensureDir(outDir);
  for (const [table, query] of Object.entries(WHOLE)) {
    await exportBoth(db, query, path.join(outDir, table));
    exported.push(...['parquet', 'csv'].map((ext) => ({ path: `${table}.${ext}`, table, period: null })));
  }
  return exported;
}

/**
 * Parquet first, then the CSV from that Parquet file: the filter and sort run once per table, not
 * twice (at a national month the flow tables are millions of rows). Reading one Parquet file
 * keeps its row order, so the CSV is in the same order.
 */
async function exportBoth(db: Database, query: string, base: string): Promise<void> {
  await copyToParquet(db, query, `${base}.parquet`);
  await copyToCsv(db, `SELECT * FROM read_parquet(${quoteLiteral(`${base}.parquet`)})`, `${base}.csv`);
}

async function dataPeriods(db: Database): Promise<string[]> {
  const union = PER_PERIOD.map((t) => `SELECT DISTINCT period FROM ${t}`).join(' UNION ');
  const rows = await db.all<{ period: string }>('export periods', `SELECT period FROM (${union}) WHERE period IS NOT NULL ORDER BY period`);
  return rows.map((r) => r.period).filter((p) => /^\d{4}-\d{2}$/.test(p));
}
