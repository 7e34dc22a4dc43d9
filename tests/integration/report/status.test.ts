import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRunListing, parseLimit } from '../../../src/cli/commands/status.js';
import { Database } from '../../../src/db/database.js';
import { UsageError } from '../../../src/errors.js';
import { listRecentRuns } from '../../../src/report/run-report-history.js';
import type { RunSummary } from '../../../src/run/run-summary.js';
import { runQuietly } from '../../helpers/workspace.js';
import { hostileDemoCopy } from './demo-workspace.js';

let ws: string;
let first: RunSummary;
let second: RunSummary;

async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(path.join(ws, 'drugflow.duckdb'));
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ws = hostileDemoCopy();
  first = await runQuietly(ws);
  second = await runQuietly(ws);
}, 120_000);

describe('drugflow status: the runs table', () => {
  it('lists runs most recent first with duration, outcome, exit code, files and rows', async () => {
    const runs = await withDb((db) => listRecentRuns(db, 10));
    expect(runs.map((r) => r.run_id)).toEqual([second.run_id, first.run_id]);
    const [latest, earlier] = runs;
    expect(earlier).toMatchObject({
      started_at: first.started_at,
      finished_at: first.finished_at,
      outcome: 'ok',
      exit_code: 0,
      files_loaded: first.files.loaded,
      rows_loaded: first.rows.loaded,
      rows_rejected: first.rows.rejected,
      gates_failed: [],
    });
    expect(earlier?.duration_ms).toBe(Date.parse(first.finished_at) - Date.parse(first.started_at));
    expect(latest).toMatchObject({ outcome: 'ok', exit_code: 0, files_loaded: 0, rows_loaded: 0 });
  });

  it('honours the limit', async () => {
    expect((await withDb((db) => listRecentRuns(db, 1))).map((r) => r.run_id)).toEqual([second.run_id]);
  });

  it('shows an unfinished run and a failed gate', async () => {
    const failed = { ...first, run_id: 'r-gate', gates: [{ gate: 'max_reject_share', value: 0.2, limit: 0.05, passed: false }], inputs: undefined };
    await withDb(async (db) => {
      await db.run('test: gate run', `INSERT INTO runs VALUES ('r-gate', '2099-01-01 00:00:00', '2099-01-01 00:00:02.5', 'gate_failed', 3, $s)`, { s: JSON.stringify(failed) });
      await db.run('test: crashed run', `INSERT INTO runs (run_id, started_at) VALUES ('r-crashed', '2099-01-02 00:00:00')`);
    });
    const runs = await withDb((db) => listRecentRuns(db, 2));
    expect(runs[0]).toMatchObject({ run_id: 'r-crashed', outcome: null, exit_code: null, finished_at: null, duration_ms: null, files_loaded: null, gates_failed: [] });
    expect(runs[1]).toMatchObject({ run_id: 'r-gate', outcome: 'gate_failed', exit_code: 3, duration_ms: 2500, gates_failed: ['max_reject_share'] });
    const text = formatRunListing(runs);
    expect(text.split('\n')[0]).toMatch(/^run\s+started \(UTC\)\s+duration\s+outcome\s+exit/);
    expect(text).toMatch(/r-crashed\s+2099-01-02 00:00:00\s+-\s+unfinished/);
    expect(text).toMatch(/r-gate\s+2099-01-01 00:00:00\s+2\.5s\s+gate_failed\s+3\b.*max_reject_share$/m);
  });

  it('gives an empty list for a database without runs', async () => {
    const db = await Database.open(path.join(mkdtempSync(path.join(os.tmpdir(), 'drugflow-empty-')), 'empty.duckdb'));
    try {
      expect(await listRecentRuns(db, 10)).toEqual([]);
    } finally {
      db.close();
    }
    expect(formatRunListing([])).toMatch(/no runs yet/);
  });

  it.each(['0', '-1', 'abc', '2.5', '10001'])('rejects --limit %s as a usage error', (text) => {
    expect(() => parseLimit(text)).toThrow(UsageError);
  });

  it('accepts a whole --limit', () => {
    expect(parseLimit('25')).toBe(25);
  });
});
