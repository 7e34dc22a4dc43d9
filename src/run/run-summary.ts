import type { ResolutionCounts } from '../stages/resolve/resolve-stage.js';
import type { TableCounts } from '../stages/classify/classify-stage.js';
import type { FileReport } from '../stages/load/load-stage.js';
import type { GateResult } from './gates.js';
import type { CollectionSummary } from '../stages/collection/collection-stage.js';
import type { AttributeSummary } from '../stages/attribute/attribute-stage.js';
import type { SkippedCsv } from '../stages/export/export-stage.js';
import type { ListingsSummary } from '../stages/listings/listings-stage.js';
import type { ReconcileCounts } from '../stages/reconcile/reconcile-stage.js';

/** What `drugflow run --json` prints and the manifest records. */
export interface RunSummary {
  run_id: string;
  workspace: string;
  started_at: string;
  finished_at: string;
  outcome: 'ok' | 'gate_failed';
  exit_code: 0 | 3;
  files: Record<FileReport['status'] | 'total', number>;
  rows: { read: number; loaded: number; rejected: number; skipped: number; out_of_period: number };
  resolution: ResolutionCounts;
  tables: TableCounts;
  /** Months classified this run, and months whose flow rows were kept as the last run left them (classify/classified-months.ts). */
  classified_months: { classified: number; kept: number };
  /** Confirmed months: their flows are the confirmed ones; differences are in `adjustments`. */
  locked_periods: string[];
  adjustments: number;
  /** 采集监控: which feeds are silent, 采集率, distributors we ship to with no feed. */
  collection: CollectionSummary;
  /** Rows of inventory_reconciliation and cross_tier_check, how many are flagged, and the months reconciled this run or kept (reconcile/reconciled-months.ts). */
  reconciliation: ReconcileCounts;
  /** Terminal rows by attribution rule, unassigned volume, reassigned confirmed rows, commission and rebates. */
  attribution: AttributeSummary;
  /** 进院: rows of hospital_listings, and the months whose hospital × SKU sums were made this run or kept (listings/listed-months.ts). */
  listings: ListingsSummary;
  periods: string[];
  /** Tables written as Parquet only: more rows per period than `export.csv_max_rows` (Excel's limit by default). */
  csv_skipped: SkippedCsv[];
  /** Export targets (a table, or one period's table) written, and those left as the last run wrote them (same rows). */
  export_targets: { written: number; unchanged: number };
  gates: GateResult[];
  /** Wall time per stage in milliseconds (also in the log). */
  stage_ms: Record<string, number>;
  inputs: FileReport[];
}

export function countFiles(files: FileReport[]): RunSummary['files'] {
  const counts = { total: files.length, loaded: 0, duplicate: 0, unreadable: 0, unchanged: 0 };
  for (const f of files) counts[f.status]++;
  return counts;
}

export function countRows(files: FileReport[]): RunSummary['rows'] {
  const rows = { read: 0, loaded: 0, rejected: 0, skipped: 0, out_of_period: 0 };
  for (const f of files) {
    rows.read += f.rows.read;
    rows.loaded += f.rows.loaded;
    rows.rejected += f.rows.rejected;
    rows.skipped += f.rows.skipped;
    rows.out_of_period += f.rows.outOfPeriod;
  }
  return rows;
}
