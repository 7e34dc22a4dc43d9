import { REQUIRED_FIELDS } from '../../config/fields.js';
import type { Database } from '../../db/database.js';
import { quoteIdent } from '../../db/database.js';
import { buildDecidedRowsSelect, DECIDED_ROWS_COLUMNS } from '../standardise/standardise-sql.js';
import { dateFromFileName } from '../discover/file-identity.js';
import type { FileLedger } from './file-ledger.js';
import { recordFiles, supersedeEarlierFiles, type FileOutcome, type FileRecord, type SupersededFile } from './load-file.js';
import { coveredUnits } from './periods.js';
import { createStagingTableSql, STAGING_TABLE, type StagedFile } from './staging-table.js';

/** Typed and judged rows of the batch's staged files, waiting for the commit. */
export const WORK_TABLE = 'load_work';

export function createWorkTableSql(): string {
  return `CREATE OR REPLACE TEMP TABLE ${WORK_TABLE} (${DECIDED_ROWS_COLUMNS.map(([n, t]) => `${quoteIdent(n)} ${t}`).join(', ')})`;
}

/** A file of the batch: staged (to be loaded), or already decided (duplicate, unreadable). */
export interface BatchFile {
  record: FileRecord;
  staged: StagedFile | null;
  /** Set for files that load nothing. */
  outcome: FileOutcome | null;
}

export interface LoadedFileStats {
  rowsLoaded: number;
  rowsRejected: number;
  rowsOutOfPeriod: number;
  qtyLoaded: number;
  periods: string[];
  minDate: string | null;
  maxDate: string | null;
  units: string[];
  superseded: SupersededFile[];
}

const NO_DATE = 'date: no date in the row or in the file name';

/** The reason recorded for a file that replaced earlier ones (null when it replaced none). */
export function restatesReason(superseded: SupersededFile[]): string | null {
  return superseded.length ? `restates ${superseded.map((x) => x.path).join(', ')}` : null;
}

/**
 * Standardises the staged files of a batch with one statement per layout, then commits the
 * whole batch in one transaction: rows, rejects, restatements and `files` records, in file order.
 * Every file is still all or nothing (a file that cannot be read was never staged), and a run
 * killed mid-batch commits none of the batch.
 */
export async function loadBatch(db: Database, ledger: FileLedger, files: BatchFile[]): Promise<Map<number, LoadedFileStats>> {
  const staged = files.filter((f): f is BatchFile & { staged: StagedFile } => f.staged !== null && f.outcome === null);
  const stats = new Map<number, LoadedFileStats>();
  if (staged.length > 0) {
    await standardiseStaged(db, staged);
    for (const [id, s] of await summarise(db, staged)) stats.set(id, s);
    for (const f of staged) {
      const s = stats.get(f.record.fileId) as LoadedFileStats;
      ledger.setDates(f.record.fileId, s.minDate, s.maxDate);
    }
  }
  await db.transaction('load batch', async () => {
    let pending: BatchFile[] = [];
    for (const f of files) {
      const s = f.staged && !f.outcome ? stats.get(f.record.fileId) : undefined;
      if (s && f.staged && s.minDate !== null && s.maxDate !== null && ledger.mayRestate(f.record.pipeline, f.staged.sheet, s.minDate, s.maxDate, f.record.fileId)) {
        // The exact test reads std_rows and files: everything before this file must be in them.
        await commitFiles(db, pending, stats);
        pending = [];
        s.superseded = await supersedeEarlierFiles(db, f.record, f.staged.sheet, s.units);
        for (const old of s.superseded) if (!old.partial) ledger.markSuperseded(old.fileId);
      }
      pending.push(f);
    }
    await commitFiles(db, pending, stats);
  });
  // Recreated, not emptied: DELETE only marks a temp table's rows deleted and keeps them in
  // memory, so both tables grew by every row of the run (740 MiB of IN_MEMORY_TABLE after 1M
  // rows, spilled to disk at 10M) and each batch's scans walked every earlier batch's rows.
  await db.run('clear staging', createStagingTableSql());
  await db.run('clear work', createWorkTableSql());
  return stats;
}

/**
 * Files with the same fields, kind, return markers and unit share one standardise statement;
 * big CSV files were standardised as they were read (stage-csv-fast.ts).
 */
async function standardiseStaged(db: Database, staged: (BatchFile & { staged: StagedFile })[]): Promise<void> {
  const groups = new Map<string, (BatchFile & { staged: StagedFile })[]>();
  for (const f of staged) {
    if (f.staged.standardised) continue;
    const { pipeline } = f.record;
    const key = JSON.stringify([f.staged.presentFields, pipeline.kind, pipeline.returnDocTypes ?? null, f.staged.qtyUnitHint ?? null]);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  for (const group of groups.values()) {
    const first = group[0] as BatchFile & { staged: StagedFile };
    const select = buildDecidedRowsSelect({
      stagingTable: STAGING_TABLE,
      fileIds: group.map((f) => f.record.fileId),
      presentFields: first.staged.presentFields,
      requiredFields: REQUIRED_FIELDS[first.record.pipeline.kind],
      returnsDocTypes: first.record.pipeline.returnDocTypes,
      defaultUnit: first.staged.qtyUnitHint,
    });
    await db.run(`standardise ${group.length} file(s)`, `INSERT INTO ${WORK_TABLE} BY NAME ${select}`);
  }
  // Inventory snapshots often carry no date column: the date in the file name is the snapshot date.
  const named = staged.flatMap((f) => {
    const date = dateFromFileName(f.record.relPath);
    return date ? [{ file_id: f.record.fileId, d: date }] : [];
  });
  if (named.length > 0) {
    await db.run(
      'date from file name',
      `UPDATE ${WORK_TABLE} w SET txn_date = n.d::DATE
       FROM (SELECT unnest(from_json($named, '[{"file_id":"INTEGER","d":"VARCHAR"}]'), recursive := true)) n
       WHERE w.file_id = n.file_id AND w.txn_date IS NULL AND w.reject_reason IS NULL`,
      { named: JSON.stringify(named) },
    );
  }
  await db.run(
    'reject undated rows',
    `UPDATE ${WORK_TABLE} SET reject_column = 'date', reject_reason = $reason, raw = NULL WHERE reject_reason IS NULL AND txn_date IS NULL`,
    { reason: NO_DATE },
  );
}

/** Per file: covered units and months, counts, quantity and dates, from one pass over the work table. */
async function summarise(db: Database, staged: (BatchFile & { staged: StagedFile })[]): Promise<Map<number, LoadedFileStats>> {
  const groups = await db.all<{ file_id: number; ok: boolean; day: string | null; week: string | null; n: number }>(
    'count periods',
    `SELECT file_id, reject_reason IS NULL AS ok, strftime(txn_date, '%Y-%m-%d') AS day, strftime(txn_date, '%G-W%V') AS week, count(*) AS n
     FROM ${WORK_TABLE} GROUP BY ALL`,
  );
  const qty = await db.all<{ file_id: number; qty: number }>(
    'file quantities',
    `SELECT file_id, coalesce(sum(qty), 0) AS qty FROM ${WORK_TABLE} WHERE reject_reason IS NULL GROUP BY file_id`,
  );
  const qtyOf = new Map(qty.map((q) => [q.file_id, Number(q.qty)]));
  const groupsOf = new Map<number, typeof groups>();
  for (const g of groups) {
    const list = groupsOf.get(g.file_id);
    if (list) list.push(g);
    else groupsOf.set(g.file_id, [g]);
  }
  const out = new Map<number, LoadedFileStats>();
  for (const f of staged) {
    const mine = groupsOf.get(f.record.fileId) ?? [];
    const good = mine.filter((g) => g.ok && g.day !== null) as { day: string; week: string; n: number }[];
    const unitOf = (g: { day: string; week: string }): string =>
      f.record.pipeline.cadence === 'daily' ? g.day : f.record.pipeline.cadence === 'weekly' ? g.week : g.day.slice(0, 7);
    const periods = coveredUnits(tally(good, (g) => g.day.slice(0, 7)));
    const days = good.map((g) => g.day).sort();
    const loaded = good.reduce((sum, g) => sum + Number(g.n), 0);
    out.set(f.record.fileId, {
      rowsLoaded: loaded,
      rowsRejected: mine.filter((g) => !g.ok).reduce((sum, g) => sum + Number(g.n), 0),
      rowsOutOfPeriod: good.filter((g) => !periods.includes(g.day.slice(0, 7))).reduce((sum, g) => sum + Number(g.n), 0),
      qtyLoaded: qtyOf.get(f.record.fileId) ?? 0,
      periods,
      minDate: days[0] ?? null,
      maxDate: days[days.length - 1] ?? null,
      units: coveredUnits(tally(good, unitOf)),
      superseded: [],
    });
  }
  return out;
}

function tally<T extends { n: number }>(groups: T[], unit: (g: T) => string): { unit: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(unit(g), (counts.get(unit(g)) ?? 0) + Number(g.n));
  return [...counts].map(([u, n]) => ({ unit: u, n }));
}

const META_SCHEMA = '[{"file_id":"INTEGER","feed":"VARCHAR","kind":"VARCHAR","seller_code":"VARCHAR","source_file":"VARCHAR","periods":["VARCHAR"]}]';

/** Moves the given files' rows and rejects from the work table and records the files. */
async function commitFiles(db: Database, files: BatchFile[], stats: Map<number, LoadedFileStats>): Promise<void> {
  if (files.length === 0) return;
  const loading = files.filter((f) => f.staged && !f.outcome);
  if (loading.length > 0) {
    const meta = JSON.stringify(
      loading.map((f) => ({
        file_id: f.record.fileId,
        feed: f.record.pipeline.feed,
        kind: f.record.pipeline.kind,
        seller_code: f.record.pipeline.distributor,
        source_file: f.record.relPath,
        periods: stats.get(f.record.fileId)?.periods ?? [],
      })),
    );
    const metaSql = `(SELECT unnest(from_json($meta, '${META_SCHEMA}'), recursive := true))`;
    // The ORDER BY also makes the write cheaper: sorted, the rows are written to the file as the
    // insert runs; unsorted, the 10M month's inserts took 9.6 s less and their commits 14.7 s more.
    await db.run(
      'insert std_rows',
      `INSERT INTO std_rows BY NAME
       SELECT w.* EXCLUDE (reject_column, reject_reason, raw), m.feed, m.kind, m.seller_code,
              strftime(w.txn_date, '%Y-%m') AS period,
              NOT list_contains(m.periods, strftime(w.txn_date, '%Y-%m')) AS out_of_period
       FROM ${WORK_TABLE} w JOIN ${metaSql} m USING (file_id)
       WHERE w.reject_reason IS NULL
       ORDER BY w.file_id, w.source_row`,
      { meta },
    );
    await db.run(
      'insert rejects',
      `INSERT INTO rejects BY NAME
       SELECT w.file_id, w.sheet, w.source_row, w.reject_column AS "column", w.reject_reason AS reason, w.raw, m.source_file
       FROM ${WORK_TABLE} w JOIN ${metaSql} m USING (file_id)
       WHERE w.reject_reason IS NOT NULL
       ORDER BY w.file_id, w.source_row`,
      { meta },
    );
  }
  await recordFiles(
    db,
    files.map((f) => {
      if (f.outcome) return { record: f.record, staged: null, outcome: f.outcome };
      const s = stats.get(f.record.fileId) as LoadedFileStats;
      return {
        record: f.record,
        staged: f.staged,
        outcome: {
          status: 'loaded' as const,
          reason: restatesReason(s.superseded),
          periods: s.periods,
          minDate: s.minDate,
          maxDate: s.maxDate,
          rowsLoaded: s.rowsLoaded,
          rowsRejected: s.rowsRejected,
          rowsOutOfPeriod: s.rowsOutOfPeriod,
          qtyLoaded: s.qtyLoaded,
        },
      };
    }),
  );
}
