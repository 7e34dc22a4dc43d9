import type { Database } from '../db/database.js';

/** One line of `drugflow status`: a run as recorded in the `runs` table. */
export interface RunListing {
  run_id: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  /** ok | gate_failed, or null while running or when the run crashed before finishing. */
  outcome: string | null;
  exit_code: number | null;
  files_loaded: number | null;
  rows_loaded: number | null;
  rows_rejected: number | null;
  gates_failed: string[];
}

type RunRow = {
  run_id: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
  exit_code: number | null;
  summary: string | null;
}

interface StoredSummary {
  files?: { loaded?: number };
  rows?: { loaded?: number; rejected?: number };
  gates?: { gate: string; passed: boolean }[];
}

/** The most recent runs first (a database without runs gives an empty list). */
export async function listRecentRuns(db: Database, limit: number): Promise<RunListing[]> {
  if (!(await db.tableExists('runs'))) return [];
  const rows = await db.all<RunRow>(
    'list runs',
    `SELECT run_id, strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at, strftime(finished_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS finished_at,
            date_diff('millisecond', started_at, finished_at) AS duration_ms, outcome, exit_code, summary::VARCHAR AS summary
     FROM runs ORDER BY started_at DESC, run_id DESC LIMIT $limit`,
    { limit },
  );
  return rows.map(toListing);
}

function toListing(row: RunRow & { duration_ms?: number | bigint | null }): RunListing {
  let summary: StoredSummary = {};
  if (row.summary) {
    try {
      summary = JSON.parse(row.summary) as StoredSummary;
    } catch {
      summary = {};
    }
  }
  return {
    run_id: row.run_id,
    started_at: row.started_at,
    finished_at: row.finished_at ?? null,
    duration_ms: row.duration_ms === null || row.duration_ms === undefined ? null : Number(row.duration_ms),
    outcome: row.outcome ?? null,
    exit_code: row.exit_code === null || row.exit_code === undefined ? null : Number(row.exit_code),
    files_loaded: summary.files?.loaded ?? null,
    rows_loaded: summary.rows?.loaded ?? null,
    rows_rejected: summary.rows?.rejected ?? null,
    gates_failed: (summary.gates ?? []).filter((g) => !g.passed).map((g) => g.gate),
  };
}
