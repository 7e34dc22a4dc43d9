import type { Workspace } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import { InputFileError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Progress } from '../../progress.js';
import { discoverFiles, type DiscoveredFile } from '../discover/list-inbox.js';
import { installStandardiseMacros } from '../standardise/macros.js';
import { resetScratchDirectory, scratchDirectory } from './scratch-directory.js';
import { CsvPool } from './csv-pool.js';
import { InboxIdentities } from './inbox-identities.js';
import { FileLedger } from './file-ledger.js';
import { createWorkTableSql, loadBatch, restatesReason, WORK_TABLE, type BatchFile, type LoadedFileStats } from './load-batch.js';
import type { FileRecord } from './load-file.js';
import { stageFile } from './stage-file.js';
import { createStagingTableSql, STAGING_TABLE } from './staging-table.js';

export type FileStatus = 'loaded' | 'duplicate' | 'unreadable' | 'unchanged';

/** One line of the run manifest: what happened to one file of one feed in this run. */
export interface FileReport {
  feed: string;
  path: string;
  sheet: string | null;
  sha256: string;
  sizeBytes: number;
  status: FileStatus;
  reason: string | null;
  rows: { read: number; loaded: number; rejected: number; skipped: number; outOfPeriod: number };
  periods: string[];
  restates: string[];
}

/**
 * A batch is committed when it holds this many staged rows or files to record: large enough that
 * the per-statement cost (planning the standardise SQL, a commit) is shared by many small files,
 * small enough that the staging tables stay a fraction of DuckDB's memory limit. Files left
 * unchanged do not count: on a night with a year of history, the year's unchanged files filled
 * the batches, and 98 new files were committed in 37 batches.
 */
const BATCH_ROWS = 200_000;
const BATCH_FILES = 200;

export interface LoadHooks {
  /**
   * Told after each batch commits, with the ids of its files that loaded rows and how many rows
   * they loaded (early matching asks about their aliases). Not waited for: the load goes on.
   */
  onCommitted?: (fileIds: number[], rowsLoaded: number) => void;
}

/** A file's place in the batch; `load` is absent for a file left unchanged (nothing to record). */
interface Pending {
  base: FileReport;
  load?: BatchFile;
  /** Time spent reading this file, for the per-file log line. */
  readMs: number;
}

/**
 * discover → identify → stage → standardise, file by file, committed in batches. A file already
 * loaded (same feed, path and content) is left alone; the same content under a new name is
 * recorded as a duplicate; an unreadable file is recorded with its reason and the run goes on.
 * A file as it was when a run last hashed it is not read to be identified (inbox-identities.ts).
 */
export async function runLoadStage(db: Database, ws: Workspace, runId: string, log: Logger, progress: Progress, hooks: LoadHooks = {}): Promise<FileReport[]> {
  await installStandardiseMacros(db);
  await db.run('create staging', createStagingTableSql());
  await db.run('create work table', createWorkTableSql());
  const ledger = await FileLedger.read(db);
  const identities = await InboxIdentities.read(db);
  resetScratchDirectory(ws.root);
  const discovered = discoverFiles(ws.inboxDir, ws.pipelines);
  const reports: FileReport[] = [];
  const bar = progress.start('files', discovered.length);
  let batch: Pending[] = [];
  let batchRows = 0;
  let batchFiles = 0;
  const emit = (report: FileReport, ms: number): void => {
    reports.push(report);
    log.info({ feed: report.feed, file: report.path, status: report.status, reason: report.reason ?? undefined, rows: report.rows, ms: Math.round(ms) }, 'file');
  };
  // While DuckDB commits a batch, JavaScript transcodes the next batch's CSV files into a fresh
  // pool: the two halves of the load took turns on a 2-core machine. Anything else that touches
  // the database first waits for the commit (`untilCommitted`), so statements never interleave.
  let csvPool = new CsvPool(scratchDirectory(ws.root));
  let committing: Promise<void> = Promise.resolve();
  // The time a file spends waiting for the previous batch's commit is that batch's (its files
  // carry it as their share of the commit), not this file's read time: kept apart for the log.
  let waitedMs = 0;
  const untilCommitted = async (): Promise<void> => {
    const waitStarted = performance.now();
    // A failed commit is thrown by the next flush or at the end, not into some other file's read.
    await committing.catch(() => undefined);
    waitedMs += performance.now() - waitStarted;
  };
  const commit = async (files: Pending[], rows: number, pool: CsvPool): Promise<void> => {
    const started = performance.now();
    try {
      await pool.flush(db);
    } finally {
      await pool.discard();
    }
    const stats = await loadBatch(db, ledger, files.flatMap((p) => (p.load ? [p.load] : [])));
    // The batch's staged files: loadBatch keeps stats for those alone.
    hooks.onCommitted?.([...stats.keys()], [...stats.values()].reduce((sum, s) => sum + s.rowsLoaded, 0));
    const shareMs = (performance.now() - started) / Math.max(1, rows);
    for (const p of files) {
      const report = p.load ? reportOf(p.base, p.load, stats.get(p.load.record.fileId)) : p.base;
      emit(report, p.readMs + shareMs * (p.load?.staged?.rowsStaged ?? 0));
    }
  };
  const flush = async (): Promise<void> => {
    // One batch commits at a time, in file order: lines, reports and file ids stay in order.
    await committing;
    if (batch.length === 0) return;
    committing = commit(batch, batchRows, csvPool);
    // Awaited later (next flush, a file that needs the database, the end); this keeps a failure
    // from being reported as unhandled in the meantime.
    committing.catch(() => undefined);
    batch = [];
    batchRows = 0;
    batchFiles = 0;
    csvPool = new CsvPool(scratchDirectory(ws.root));
  };
  try {
    for (const file of discovered) {
      const started = performance.now();
      const waitedBefore = waitedMs;
      // An unchanged file's line waits for the batch too, so lines and reports stay in file order.
      const pending = await prepareOne(db, ws, runId, file, { ledger, identities }, log, { csvPool, untilCommitted });
      pending.readMs = performance.now() - started - (waitedMs - waitedBefore);
      // The bar counts files read, not files whose lines are out: on a night, the unchanged files
      // share the new files' batch (they do not count toward it), and their lines wait for its commit.
      bar.increment();
      batch.push(pending);
      batchRows += pending.load?.staged?.rowsStaged ?? 0;
      if (pending.load) batchFiles++;
      if (batchRows >= BATCH_ROWS || batchFiles >= BATCH_FILES) await flush();
    }
    await flush();
    await committing;
    await identities.save(db);
    log.debug({ files: discovered.length, hashed: identities.hashed }, 'inbox files identified');
  } finally {
    await committing.catch(() => undefined);
    await csvPool.discard();
    await db.run('drop staging', `DROP TABLE IF EXISTS ${STAGING_TABLE}`).catch(() => undefined);
    await db.run('drop work table', `DROP TABLE IF EXISTS ${WORK_TABLE}`).catch(() => undefined);
  }
  bar.stop();
  return reports;
}

/** Identifies, checks and stages one file; its outcome is committed with the batch. */
async function prepareOne(
  db: Database,
  ws: Workspace,
  runId: string,
  file: DiscoveredFile,
  { ledger, identities }: { ledger: FileLedger; identities: InboxIdentities },
  log: Logger,
  overlap: { csvPool: CsvPool; untilCommitted: () => Promise<void> },
): Promise<Pending> {
  const { pipeline, relPath } = file;
  const { sha256, sizeBytes } = await identities.identify(file);
  const base: FileReport = {
    feed: pipeline.feed,
    path: relPath,
    sheet: pipeline.sheet === undefined ? null : String(pipeline.sheet),
    sha256,
    sizeBytes,
    status: 'unchanged',
    reason: null,
    rows: { read: 0, loaded: 0, rejected: 0, skipped: 0, outOfPeriod: 0 },
    periods: [],
    restates: [],
  };
  const seen = ledger.seenStatus(pipeline.feed, relPath, sha256);
  if (seen !== undefined) return { base: { ...base, status: 'unchanged', reason: `already processed (${seen})` }, readMs: 0 };

  const fileId = ledger.takeFileId();
  const record: FileRecord = { fileId, runId, pipeline, relPath, sha256, sizeBytes };
  const decided = (status: 'duplicate' | 'unreadable', reason: string): Pending => {
    ledger.add({ fileId, feed: pipeline.feed, path: relPath, sha256, sheet: base.sheet, status, minDate: null, maxDate: null });
    return { load: { record, staged: null, outcome: { status, reason } }, base: { ...base, status, reason }, readMs: 0 };
  };
  if (file.linkTarget !== undefined) {
    const reason = `a symbolic link (to ${file.linkTarget}): not followed, a link could lead outside the workspace; copy the file into the inbox`;
    log.warn({ feed: pipeline.feed, file: relPath, reason }, 'unreadable file');
    return decided('unreadable', reason);
  }
  const twin = ledger.twinPath(pipeline.feed, sha256);
  if (twin !== undefined) return decided('duplicate', `same content as ${twin}: not loaded again`);

  try {
    const staged = await stageFile(db, {
      fileId,
      relPath,
      absPath: file.absPath,
      pipeline,
      limits: ws.limits,
      scratchDir: scratchDirectory(ws.root),
      standardiseInto: WORK_TABLE,
      csvPool: overlap.csvPool,
      beforeDatabase: overlap.untilCommitted,
      log,
    });
    ledger.add({ fileId, feed: pipeline.feed, path: relPath, sha256, sheet: staged.sheet, status: 'loaded', minDate: null, maxDate: null });
    return { load: { record, staged, outcome: null }, base: { ...base, sheet: staged.sheet }, readMs: 0 };
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    log.warn({ feed: pipeline.feed, file: relPath, reason: error.reason }, 'unreadable file');
    return decided('unreadable', error.reason);
  }
}

function reportOf(base: FileReport, load: BatchFile, stats: LoadedFileStats | undefined): FileReport {
  const { staged } = load;
  if (!staged || load.outcome || !stats) return base;
  return {
    ...base,
    status: 'loaded',
    reason:
      restatesReason(stats.superseded) ??
      (staged.rowsRead === 0
        ? 'header only: no data rows'
        : staged.rowsSkipped === staged.rowsRead
          ? `no data rows: all ${staged.rowsRead} rows below the header are blank or totals`
          : null),
    rows: {
      read: staged.rowsRead,
      loaded: stats.rowsLoaded,
      rejected: stats.rowsRejected,
      skipped: staged.rowsSkipped,
      outOfPeriod: stats.rowsOutOfPeriod,
    },
    periods: stats.periods,
    restates: stats.superseded.map((s) => s.path),
  };
}
