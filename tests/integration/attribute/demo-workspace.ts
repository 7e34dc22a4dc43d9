import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../../../src/config/load-workspace.js';
import { Database } from '../../../src/db/database.js';
import type { RunSummary } from '../../../src/run/run-summary.js';
import { runAttributeStage } from '../../../src/stages/attribute/attribute-stage.js';
import { runQuietly } from '../../helpers/workspace.js';

export const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The demo workspace, copied and run, then attributed. The attribute stage is called here
 * explicitly until run-job wires it after reconcile (calling it twice is harmless: it is
 * rebuilt from flow_terminal and the config).
 */
export async function runDemo(): Promise<{ ws: string; db: Database; summary: RunSummary }> {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-attr-'));
  for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(ws, item), { recursive: true });
  const summary = await runQuietly(ws);
  const workspace = loadWorkspace(ws);
  const db = await Database.open(workspace.databasePath);
  await runAttributeStage(db, workspace);
  return { ws, db, summary };
}
