import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database, quoteIdent } from '../../src/db/database.js';
import { CLASSIFIED_TABLES } from '../../src/stages/classify/classify-sql.js';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI; DRUGFLOW_CRASH_BIN points at a private build when dist/ is being rebuilt by others. */
export const bin = process.env.DRUGFLOW_CRASH_BIN ?? path.join(repo, 'bin/drugflow');

/** A copy of the demo workspace (the repo root) in a fresh temp dir: tests never write into the checkout. */
export function demoCopy(parent: string): string {
  const dir = mkdtempSync(path.join(parent, 'ws-'));
  for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(dir, item), { recursive: true });
  return dir;
}

export function tempRoot(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Deterministic PRNG (mulberry32): the same seed gives the same kill points on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENV = { ...process.env, DRUGFLOW_LOG_LEVEL: 'info' };

/** Runs the built CLI to completion. */
export function runCli(ws: string): { code: number | null; stdout: string; stderr: string; ms: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [bin, 'run', '-w', ws, '--json'], { encoding: 'utf8', env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

export interface KillResult {
  /** false when the run finished before the signal could be sent. */
  killed: boolean;
  code: number | null;
  /** The last stage the run reported finished before it died. */
  lastStage: string | null;
  /** ms after spawn at which each stage reported it finished, in order. */
  stageAt: [string, number][];
  /** ms after spawn of the "run finished" log line, if it came. */
  finishedAt: number | null;
  ms: number;
}

/**
 * Starts the built CLI and SIGKILLs it `delayMs` after `after` happens: the spawn itself, or the
 * log line saying a stage finished (to aim at a later stage precisely). An infinite delay never
 * kills: that is how the reference run is timed, stage by stage.
 */
export function runAndKill(ws: string, delayMs: number, after: { stageFinished?: string } = {}): Promise<KillResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'run', '-w', ws, '--json'], { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let lastStage: string | null = null;
    const stageAt: [string, number][] = [];
    let finishedAt: number | null = null;
    let exited = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (!Number.isFinite(delayMs)) return;
      timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, delayMs);
    };
    let buffered = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /"stage":"([a-z]+)".*"msg":"stage finished"/.exec(line);
        if (/"msg":"run finished"/.test(line)) finishedAt = performance.now() - started;
        if (m) {
          lastStage = m[1] as string;
          stageAt.push([lastStage, performance.now() - started]);
          if (after.stageFinished === lastStage && timer === undefined) arm();
        }
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      exited = true;
      if (timer) clearTimeout(timer);
    });
    // 'close', not 'exit': the process can exit before its last stderr lines are read, and the
    // stage times and "run finished" must be complete (they time the next kill points).
    child.on('close', (code, signal) => {
      resolve({ killed: signal === 'SIGKILL', code, lastStage, stageAt, finishedAt, ms: performance.now() - started });
    });
    if (!after.stageFinished) arm();
  });
}

export interface FinalState {
  counts: Record<string, number>;
  exports: Record<string, string>;
  tempFiles: string[];
}

/** What must be the same after any crash + re-run as after one clean run. */
export async function finalState(ws: string): Promise<FinalState> {
  const db = await Database.open(path.join(ws, 'drugflow.duckdb'));
  const counts: Record<string, number> = {};
  try {
    for (const r of await db.all<{ status: string; n: number }>('files by status', 'SELECT status, count(*) AS n FROM files GROUP BY 1 ORDER BY 1')) {
      counts[`files.${r.status}`] = Number(r.n);
    }
    // Every persistent table (flows, unresolved_rows, rejects, resolutions, …) but the run log,
    // which records each attempt by design. A stale staging table would show up here too.
    const tables = await db.all<{ name: string }>(
      'tables',
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' AND table_name <> 'runs' ORDER BY 1",
    );
    const names = tables.map((t) => t.name);
    for (const required of ['std_rows', 'rejects', ...CLASSIFIED_TABLES]) if (!names.includes(required)) counts[`missing ${required}`] = 1;
    for (const table of names) {
      counts[table] = Number(await db.value(`count ${table}`, `SELECT count(*) FROM ${quoteIdent(table)}`));
    }
  } finally {
    db.close();
  }
  const exports: Record<string, string> = {};
  const tempFiles: string[] = [];
  const outDir = path.join(ws, 'out');
  for (const entry of existsSync(outDir) ? readdirSync(outDir, { recursive: true, withFileTypes: true }) : []) {
    if (!entry.isFile()) continue;
    const rel = path.relative(outDir, path.join(entry.parentPath, entry.name));
    if (rel.endsWith('.tmp')) tempFiles.push(rel);
    // Run metadata by design, not data: the manifest, the per-run copies, and the run report
    // (it shows this run's id, timings and history).
    if (rel === 'manifest.json' || rel === 'report.html' || rel.startsWith(`runs${path.sep}`)) continue;
    exports[rel] = createHash('sha256').update(readFileSync(path.join(outDir, rel))).digest('hex');
  }
  return { counts, exports, tempFiles };
}
