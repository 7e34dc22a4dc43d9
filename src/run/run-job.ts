import path from 'node:path';
import { loadWorkspaceKept } from '../config/kept-workspace.js';
import { Database } from '../db/database.js';
import { ensureCoreSchema } from '../db/schema.js';
import type { Logger } from '../log.js';
import type { Progress } from '../progress.js';
import { countClassifiedTables, runClassifyStage } from '../stages/classify/classify-stage.js';
import { recordClassifiedMonths } from '../stages/classify/classified-months.js';
import { runLockStage } from '../stages/confirm/apply-locks.js';
import { runCollectionStage } from '../stages/collection/collection-stage.js';
import { runReconcileStage } from '../stages/reconcile/reconcile-stage.js';
import { runListingsStage } from '../stages/listings/listings-stage.js';
import { runAttributeStage } from '../stages/attribute/attribute-stage.js';
import { runExportStage } from '../stages/export/export-stage.js';
import { EXCEL_MAX_DATA_ROWS } from '../stages/export/excel-row-limit.js';
import { runLoadStage } from '../stages/load/load-stage.js';
import { NO_EARLY_MATCHING, startEarlyMatching, type EarlyMatchingOptions } from '../stages/resolve/early/early-matching.js';
import { scratchDirectory } from '../stages/load/scratch-directory.js';
import { writeMappingTables } from '../stages/resolve/mapping-tables.js';
import { runResolveStage } from '../stages/resolve/resolve-stage.js';
import { forgetRememberedAnswers } from '../stages/resolve/remembered-answers.js';
import { evaluateGates } from './gates.js';
import { writeManifest } from './manifest.js';
import { writeRunReport } from '../report/run-report.js';
import { acquireWorkspaceLock } from './workspace-lock.js';
import { stageTimer } from './stage-timer.js';
import { countFiles, countRows, type RunSummary } from './run-summary.js';

export interface RunOptions {
  workspaceDir: string;
  period?: string;
  log: Logger;
  progress: Progress;
  now?: () => Date;
  /**
   * Match aliases while the files load (early/early-matching.ts): on by default where there are
   * two cores; `false` turns it off (DRUGFLOW_EARLY_MATCHING=off on the command line). Tests
   * start it at fewer questions than a real run would, and let it answer every question it was
   * asked before the resolve stage (`drain`), which a run never waits for.
   */
  earlyMatching?: false | (EarlyMatchingOptions & { drain?: boolean });
  /** Match every alias again, taking none of the engine answers remembered from the last run (resolve/remembered-answers.ts). */
  rematch?: boolean;
}

/**
 * The nightly job end to end: config (all problems at once, before any data is touched) →
 * load → resolve → classify → export → manifest. Safe to run twice: loaded files are
 * recognised by content, and every derived table is rebuilt from what was loaded.
 */
export async function runJob(options: RunOptions): Promise<RunSummary> {
  const now = options.now ?? (() => new Date());
  const ws = loadWorkspaceKept(options.workspaceDir);
  const started = now();
  const runId = `${started.toISOString().replace(/[:.]/g, '').replace('T', '-')}-${process.pid}`;
  const log = options.log.child({ run_id: runId });
  log.info({ workspace: ws.root, feeds: ws.pipelines.length }, 'run started');

  const lock = acquireWorkspaceLock(ws.root, started);
  let db: Database | undefined;
  const early = options.earlyMatching === false ? NO_EARLY_MATCHING : startEarlyMatching(ws, path.join(scratchDirectory(ws.root), 'early'), log, options.earlyMatching);
  try {
    db = await Database.open(ws.databasePath, log, ws.database);
    await ensureCoreSchema(db);
    // Before the load: early matching would otherwise leave out the questions they answer.
    if (options.rematch) await forgetRememberedAnswers(db);
    await db.run('record run', 'INSERT INTO runs (run_id, started_at) VALUES ($id, $at::TIMESTAMP)', { id: runId, at: started.toISOString() });
    const timer = stageTimer(log);
    const files = await timer.time('load', async () => {
      // Before the files: early matching leaves out the aliases the mappings answer.
      await writeMappingTables(db!, ws.mappings);
      return runLoadStage(db!, ws, runId, log, options.progress, { onCommitted: (ids, rows) => void early.askAbout(db!, ids, rows) });
    });
    const resolution = await timer.time('resolve', async () => runResolveStage(db!, ws, log, await early.handOver({ drain: options.earlyMatching ? options.earlyMatching.drain : false })));
    await early.discard();
    const classified = await timer.time('classify', () => runClassifyStage(db!));
    const locks = await timer.time('locks', async () => {
      const applied = await runLockStage(db!, classified.kept);
      await recordClassifiedMonths(db!, classified);
      return applied;
    });
    const tables = await countClassifiedTables(db!);
    const collection = await timer.time('collection', () => runCollectionStage(db!, ws.pipelines));
    const reconciliation = await timer.time('reconcile', () => runReconcileStage(db!, ws.reconcile));
    const attribution = await timer.time('attribute', () => runAttributeStage(db!, ws));
    // after attribute: a listing carries the territory of the hospital's rep in that month
    const listings = await timer.time('listings', () => runListingsStage(db!));
    const csvMaxRows = ws.export ? ws.export.csvMaxRows : EXCEL_MAX_DATA_ROWS;
    const exported = await timer.time('export', () =>
      runExportStage(db!, ws.outDir, { periods: options.period ? [options.period] : undefined, csvMaxRows }),
    );
    log.info({ written: exported.written, unchanged: exported.unchanged }, 'exports written');
    for (const skipped of exported.csvSkipped) log.warn({ ...skipped, csv_max_rows: csvMaxRows }, 'csv not written: more rows than export.csv_max_rows (the Parquet file has them all)');
    const gates = evaluateGates(ws.gates, files);
    const passed = gates.every((g) => g.passed);
    const summary: RunSummary = {
      run_id: runId,
      workspace: ws.root,
      started_at: started.toISOString(),
      finished_at: now().toISOString(),
      outcome: passed ? 'ok' : 'gate_failed',
      exit_code: passed ? 0 : 3,
      files: countFiles(files),
      rows: countRows(files),
      resolution,
      tables,
      classified_months: { classified: classified.fingerprints.size - classified.kept.length, kept: classified.kept.length },
      locked_periods: locks.lockedPeriods,
      adjustments: locks.adjustments,
      collection,
      reconciliation,
      attribution,
      listings,
      periods: [...new Set(exported.files.map((e) => e.period).filter((p): p is string => p !== null))],
      csv_skipped: exported.csvSkipped,
      export_targets: { written: exported.written, unchanged: exported.unchanged },
      gates,
      stage_ms: timer.elapsed,
      inputs: files,
    };
    writeManifest(ws.outDir, summary, exported.files);
    await db.run('finish run', 'UPDATE runs SET finished_at = $at::TIMESTAMP, outcome = $outcome, exit_code = $code, summary = $summary WHERE run_id = $id', {
      id: runId,
      at: summary.finished_at,
      outcome: summary.outcome,
      code: summary.exit_code,
      summary: JSON.stringify({ ...summary, inputs: undefined }),
    });
    await timer.time('report', () => writeRunReport(db!, summary, ws.outDir));
    log.info({ outcome: summary.outcome, files: summary.files, rows: summary.rows }, 'run finished');
    return summary;
  } finally {
    await early.discard();
    db?.close();
    lock.release();
  }
}
