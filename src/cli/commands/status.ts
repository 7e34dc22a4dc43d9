import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { RunListing } from '../../report/run-report-history.js';
import { createContext, type GlobalOptions } from '../context.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('list recent runs: when, how long, outcome, exit code, files and rows loaded, gates failed')
    .option('--limit <n>', 'how many runs, most recent first', '10')
    .action(async (options: { limit: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const limit = parseLimit(options.limit);
      const ctx = createContext(globals);
      const [{ loadWorkspace }, { Database }, { listRecentRuns }] = await Promise.all([
        import('../../config/load-workspace.js'),
        import('../../db/database.js'),
        import('../../report/run-report-history.js'),
      ]);
      const ws = loadWorkspace(globals.workspace);
      // Opening a missing database would create it: "no runs yet" must not write anything.
      let runs: RunListing[] = [];
      if (existsSync(ws.databasePath)) {
        const db = await Database.open(ws.databasePath, ctx.log);
        try {
          runs = await listRecentRuns(db, limit);
        } finally {
          db.close();
        }
      }
      ctx.print(globals.json ? JSON.stringify(runs, null, 2) : formatRunListing(runs));
    });
}

export function parseLimit(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 10_000) throw new UsageError(`--limit must be a whole number from 1 to 10000, got "${text}"`);
  return Number(text);
}

/** A fixed-width table for people; `--json` gives the same rows as JSON. */
export function formatRunListing(runs: readonly RunListing[]): string {
  if (runs.length === 0) return 'no runs yet: run "drugflow run" first';
  const header = ['run', 'started (UTC)', 'duration', 'outcome', 'exit', 'files', 'rows loaded', 'rejected', 'gates failed'];
  const rows = runs.map((r) => [
    r.run_id,
    r.started_at.replace('T', ' ').slice(0, 19),
    r.duration_ms === null ? '-' : `${(r.duration_ms / 1000).toFixed(1)}s`,
    r.outcome ?? 'unfinished',
    r.exit_code === null ? '-' : String(r.exit_code),
    r.files_loaded === null ? '-' : String(r.files_loaded),
    r.rows_loaded === null ? '-' : String(r.rows_loaded),
    r.rows_rejected === null ? '-' : String(r.rows_rejected),
    r.gates_failed.join(',') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = new Set([2, 4, 5, 6, 7]);
  const line = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
