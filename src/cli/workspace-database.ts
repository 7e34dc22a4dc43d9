import { existsSync } from 'node:fs';
import type { Workspace } from '../config/workspace.js';
import type { Database } from '../db/database.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * For commands that read or change what a run wrote: load the workspace, refuse (exit 2) when
 * there is no database yet — opening it would create an empty one — optionally take the
 * workspace lock, and always close and release. Modules load lazily so --help stays fast.
 */
export async function withWorkspaceDatabase<T>(
  workspaceDir: string,
  log: Logger,
  options: { lock?: boolean },
  work: (db: Database, ws: Workspace) => Promise<T>,
): Promise<T> {
  const [{ loadWorkspaceKept }, { Database }, { acquireWorkspaceLock }] = await Promise.all([
    import('../config/kept-workspace.js'),
    import('../db/database.js'),
    import('../run/workspace-lock.js'),
  ]);
  const ws = loadWorkspaceKept(workspaceDir);
  if (!existsSync(ws.databasePath)) throw new UsageError(`no database yet at ${ws.databasePath}: run "drugflow run" first`);
  const lock = options.lock ? acquireWorkspaceLock(ws.root) : null;
  try {
    const db = await Database.open(ws.databasePath, log, ws.database);
    try {
      return await work(db, ws);
    } finally {
      db.close();
    }
  } finally {
    lock?.release();
  }
}
