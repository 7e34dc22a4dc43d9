/**
 * Runs the real built CLI (`node bin/drugflow run --workspace DIR --json`) on a fresh database and
 * measures wall time, peak RSS of the child (/usr/bin/time -v, else VmHWM polled from /proc) and
 * the time each input file took inside the load stage: the `ms` of its log line (its read time
 * plus its share of its batch's commit), or, from builds that log none, the gap between
 * consecutive per-file log lines.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { warmInbox } from './warm-inbox.js';
import { INBOX } from './workspace.js';

export interface DrugflowMeasure {
  wallS: number;
  peakRssMiB: number;
  exitCode: number;
  stageMs: Record<string, number>;
  rows: { read: number; loaded: number; rejected: number; skipped: number };
  files: Record<string, number>;
  resolution: unknown;
  /** Inbox-relative path → ms spent on that file in the load stage (from the log). */
  fileMs: Map<string, number>;
  /** SQL step → ms summed over its statements (debug log), a period or export file name folded into the step. */
  stepMs: Record<string, number>;
  /** Stage → the process's RSS in MiB when it finished (its `stage finished` log line). */
  stageRssMiB: Record<string, number>;
  /** Seconds spent reading the inbox into the page cache before the run (untimed: warm-inbox.ts). */
  inboxWarmS: number;
}

/** One name per kind of statement: `export 2026-10/flow_terminal.parquet` → `export flow_terminal.parquet`. */
const stepName = (step: string): string => step.replace(/\d{4}-\d{2}\//, '').replace(/^(standardise) \d+ file\(s\)$/, '$1 (batches)');

export function freshDatabase(ws: string): void {
  for (const f of ['drugflow.duckdb', 'drugflow.duckdb.wal', 'drugflow.duckdb.lock', '.drugflow', 'out']) rmSync(join(ws, f), { recursive: true, force: true });
}

/**
 * `logFile`: where the child's stderr (JSON log + /usr/bin/time report) is kept for reading later.
 * `inbox`: the folder the workspace reads (a split workspace reads the whole month's by path).
 */
export async function measureDrugflow(repo: string, ws: string, logFile?: string, inbox = join(ws, INBOX)): Promise<DrugflowMeasure> {
  freshDatabase(ws);
  const inboxWarmS = warmInbox(inbox).seconds;
  const useTime = existsSync('/usr/bin/time');
  // debug: one line per SQL statement with its time, summed per step below (a few thousand lines)
  const cli = ['bin/drugflow', 'run', '--workspace', ws, '--json', '--log-level', 'debug'];
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-v', process.execPath, ...cli]] : [process.execPath, cli];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args as string[], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  let hwm = 0;
  const poll = useTime
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch { /* exited */ }
      }, 200);
  const exitCode: number = await new Promise((res) => child.on('close', (c) => res(c ?? -1)));
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (poll) clearInterval(poll);
  if (logFile) writeFileSync(logFile, stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (rss) hwm = Number(rss[1]);
  if (exitCode !== 0 && exitCode !== 3) throw new Error(`drugflow run exited ${exitCode}:\n${stderr.slice(-3000)}`);
  const summary = JSON.parse(stdout) as { stage_ms: Record<string, number>; rows: DrugflowMeasure['rows']; files: Record<string, number>; resolution: unknown };

  const fileMs = new Map<string, number>();
  const stepMs: Record<string, number> = {};
  const stageRssMiB: Record<string, number> = {};
  let last: number | null = null;
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    let j: { time?: string | number; msg?: string; file?: string; stage?: string; step?: string; ms?: number; rss_mb?: number };
    try { j = JSON.parse(line); } catch { continue; }
    if (j.msg === 'sql' && j.step && typeof j.ms === 'number') {
      const name = stepName(j.step);
      stepMs[name] = (stepMs[name] ?? 0) + j.ms;
      continue;
    }
    if (j.msg === 'stage finished' && j.stage && typeof j.rss_mb === 'number') stageRssMiB[j.stage] = j.rss_mb;
    const t = typeof j.time === 'number' ? j.time : Date.parse(j.time ?? '');
    if (j.msg === 'run started') last = t;
    else if (j.msg === 'file' && j.file && typeof j.ms === 'number') {
      // Files are committed in batches, so log gaps no longer time single files: the loader logs
      // each file's own read time plus its share (by rows) of its batch's standardise and commit.
      fileMs.set(j.file, (fileMs.get(j.file) ?? 0) + j.ms);
    } else if (j.msg === 'file' && j.file && last !== null) {
      fileMs.set(j.file, (fileMs.get(j.file) ?? 0) + (t - last));
      last = t;
    }
  }
  return { wallS, peakRssMiB: hwm / 1024, exitCode, stageMs: summary.stage_ms, rows: summary.rows, files: summary.files, resolution: summary.resolution, fileMs, stepMs, stageRssMiB, inboxWarmS };
}
