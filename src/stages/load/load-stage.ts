import type { Workspace } from '../../config/workspace.js';
import { quoteIdent, type Database } from '../../db/database.js';
import { InputFileError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Progress } from '../../progress.js';
import { discoverFiles, type DiscoveredFile } from '../discover/list-inbox.js';
import { fileIdentity, linkIdentity } from '../discover/file-identity.js';
import { installStandardiseMacros } from '../standardise/macros.js';
import { insertFileRecord, loadStagedFile, type FileRecord } from './load-file.js';
import { stageFile, type StagedFile } from './stage-file.js';

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
 * discover → identify → stage → standardise, file by file. A file already loaded (same feed,
 * path and content) is left alone; the same content under a new name is recorded as a
 * duplicate; an unreadable file is recorded with its reason and the run goes on.
 */
export async function runLoadStage(db: Database, ws: Workspace, runId: string, log: Logger, progress: Progress): Promise<FileReport[]> {
  await installStandardiseMacros(db);
  const discovered = discoverFiles(ws.inboxDir, ws.pipelines);
  const reports: FileReport[] = [];
  const bar = progress.start('files', discovered.length);
  for (const file of discovered) {
    const report = await loadOne(db, ws, runId, file, log);
    reports.push(report);
    log.info({ feed: report.feed, file: report.path, status: report.status, reason: report.reason ?? undefined, rows: report.rows }, 'file');
    bar.increment();
  }
  bar.stop();
  return reports;
}

async function loadOne(db: Database, ws: Workspace, runId: string, file: DiscoveredFile, log: Logger): Promise<FileReport> {
  const { pipeline, relPath } = file;
  // A link is identified by its target, never read: reading would follow it.
  const { sha256, sizeBytes } = file.linkTarget === undefined ? await fileIdentity(file.absPath) : linkIdentity(file.linkTarget);
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
  const seen = await db.one<{ status: string }>(
    'seen before',
    'SELECT status FROM files WHERE feed = $feed AND path = $path AND sha256 = $sha ORDER BY file_id DESC LIMIT 1',
    { feed: pipeline.feed, path: relPath, sha: sha256 },
  );
  if (seen) return { ...base, status: 'unchanged', reason: `already processed (${seen.status})` };

  // Not nextval('file_id_seq'): a sequence keeps the values a run killed mid-load drew, so the
  // re-run numbered its files differently and every export carrying file_id changed bytes.
  // Files are recorded one at a time under the workspace lock, so max + 1 is free and the
  // numbering depends only on what was committed.
  const fileId = Number(await db.value('next file id', 'SELECT coalesce(max(file_id), 0) + 1 FROM files'));
  const record: FileRecord = { fileId, runId, pipeline, relPath, sha256, sizeBytes };
  if (file.linkTarget !== undefined) {
    const reason = `a symbolic link (to ${file.linkTarget}): not followed, a link could lead outside the workspace; copy the file into the inbox`;
    log.warn({ feed: pipeline.feed, file: relPath, reason }, 'unreadable file');
    await insertFileRecord(db, record, null, { status: 'unreadable', reason });
    return { ...base, status: 'unreadable', reason };
  }
  const twin = await db.one<{ path: string }>(
    'same content',
    "SELECT path FROM files WHERE feed = $feed AND sha256 = $sha AND status IN ('loaded', 'superseded') ORDER BY file_id LIMIT 1",
    { feed: pipeline.feed, sha: sha256 },
  );
  if (twin) {
    const reason = `same content as ${twin.path}: not loaded again`;
    await insertFileRecord(db, record, null, { status: 'duplicate', reason });
    return { ...base, status: 'duplicate', reason };
  }

  let staged: StagedFile | null = null;
  try {
    staged = await stageFile(db, { fileId, relPath, absPath: file.absPath, pipeline, limits: ws.limits });
    const stats = await loadStagedFile(db, record, staged);
    return {
      ...base,
      sheet: staged.sheet,
      status: 'loaded',
      reason: stats.superseded.length
        ? `restates ${stats.superseded.map((s) => s.path).join(', ')}`
        : staged.rowsRead === 0
          ? 'header only: no data rows'
          : staged.rowsSkipped === staged.rowsRead
            ? `no data rows: all ${staged.rowsRead} rows below the header are blank or totals`
            : null,
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
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    const reason = error.message.startsWith(`${relPath}: `) ? error.message.slice(relPath.length + 2) : error.message;
    log.warn({ feed: pipeline.feed, file: relPath, reason }, 'unreadable file');
    await insertFileRecord(db, record, null, { status: 'unreadable', reason });
    return { ...base, status: 'unreadable', reason };
  } finally {
    if (staged) await db.run('drop staging', `DROP TABLE IF EXISTS ${quoteIdent(staged.stagingTable)}`).catch((e) => log.warn({ err: errorMessage(e) }, 'drop staging'));
  }
}
