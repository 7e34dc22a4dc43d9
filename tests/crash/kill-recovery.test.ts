import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, demoCopy, finalState, runAndKill, runCli, seededRandom, tempRoot, type FinalState, type KillResult } from './crash-helpers.js';

/**
 * Unattended nightly runs die: OOM killer, reboot, a cron timeout. Whatever instant a run is
 * SIGKILLed at, the next run must finish the job and leave exactly what one clean run leaves:
 * the same rows in every table and byte-identical exports, with no temp files behind.
 *
 * Kill points are seeded (deterministic). Most are spread uniformly over a measured clean run;
 * the rest are aimed at the export stage (armed by the log line that says the stage before it
 * finished),
 * which is short and would otherwise be hit only by luck.
 *
 * A point is a fraction of the run (or of the export stage), not a fixed time: under CI the
 * reference run shares 2 cores with other test files and later runs can be much faster, so a
 * point that finds the run already finished is re-aimed at the same fraction of the run it just
 * watched finish (that run is itself a clean timing), and later points use that timing too.
 *
 * Drives the built CLI (`npm run build` first). Takes about 3–4 minutes on 2 cores: each kill
 * point is a partial run plus a full re-run, one after another. DRUGFLOW_CRASH_BIN may point at
 * a private build's bin/drugflow when dist/ is being rebuilt by someone else meanwhile.
 */
const SEED = 20261122;
const UNIFORM_KILLS = 14;
const EXPORT_KILLS = 6;

/** Attempts per kill point: the first aim plus re-aims after the run finished first. */
const AIMS_PER_POINT = 3;

interface KillPoint {
  label: string;
  /** Where to kill, as a share of the whole run, or of the export stage when `export`. */
  fraction: number;
  export: boolean;
}

/** The current estimate of how long a run takes: updated by every run that finished unkilled. */
interface RunTiming {
  runMs: number;
  exportMs: number;
}

/** The reference-run timing the kill points are placed in; clean runs only. */
function timingOf(run: KillResult, beforeExport: string): RunTiming | null {
  if (run.finishedAt === null) return null;
  const finishedStage = (name: string) => run.stageAt.find(([stage]) => stage === name)?.[1];
  const exportEnd = finishedStage('export');
  const exportStart = finishedStage(beforeExport);
  if (exportEnd === undefined || exportStart === undefined) return null;
  // Kill points cover the work up to "run finished" (the whole process time would be inflated by
  // a busy machine's start-up); 0.95 keeps the last point inside the run when timing jitters.
  return { runMs: run.finishedAt * 0.95, exportMs: Math.max(exportEnd - exportStart, 50) * 1.1 };
}

function delayOf(point: KillPoint, timing: RunTiming): number {
  return Math.round(point.fraction * (point.export ? timing.exportMs : timing.runMs));
}

let root = '';
let reference: FinalState;
let timing: RunTiming;
let beforeExport = '';
const points: KillPoint[] = [];
const outcomes: { label: string; killed: boolean; lastStage: string | null }[] = [];

beforeAll(async () => {
  expect(existsSync(path.join(path.dirname(bin), '../dist/cli/main.js')), 'run `npm run build` first: this test drives the built CLI').toBe(true);
  root = tempRoot('drugflow-crash-');
  const ws = demoCopy(root);
  const clean = await runAndKill(ws, Number.POSITIVE_INFINITY);
  expect(clean.code).toBe(0);
  expect(clean.finishedAt).not.toBeNull();
  // The stage that finishes just before export arms the export-aimed kill points.
  const stages = clean.stageAt.map(([name]) => name);
  expect(stages).toContain('export');
  beforeExport = stages[stages.indexOf('export') - 1] as string;
  timing = timingOf(clean, beforeExport) as RunTiming;
  expect(timing).not.toBeNull();
  reference = await finalState(ws);
  expect(reference.tempFiles).toEqual([]);
  expect(Object.keys(reference.exports).length).toBeGreaterThan(10);
  rmSync(ws, { recursive: true, force: true });

  const random = seededRandom(SEED);
  // Stratified: one point in each slice of the run, so the spread does not depend on luck.
  for (let i = 0; i < UNIFORM_KILLS; i++) points.push({ label: `uniform #${i + 1}`, fraction: (i + random()) / UNIFORM_KILLS, export: false });
  for (let i = 0; i < EXPORT_KILLS; i++) points.push({ label: `export #${i + 1}`, fraction: (i + random()) / EXPORT_KILLS, export: true });
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a run SIGKILLed at any point, then run again', () => {
  it(`ends in the same state as one clean run (${UNIFORM_KILLS + EXPORT_KILLS} seeded kill points)`, async () => {
    expect(points.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const point of points) {
      for (let aim = 1; aim <= AIMS_PER_POINT; aim++) {
        const delayMs = delayOf(point, timing);
        const label = `${point.label} at ${point.export ? `${beforeExport}+` : ''}${delayMs} ms (${(point.fraction * 100).toFixed(0)}%, aim ${aim})`;
        const ws = demoCopy(root);
        const kill = await runAndKill(ws, delayMs, point.export ? { stageFinished: beforeExport } : {});
        outcomes.push({ label, killed: kill.killed, lastStage: kill.lastStage });
        failures.push(...(await recoveryProblems(ws, label, kill)));
        if (kill.killed) break;
        // The run finished first: the machine is faster now than when it was timed.
        timing = timingOf(kill, beforeExport) ?? timing;
      }
    }
    expect(failures).toEqual([]);
    // The kill points must actually interrupt runs, in load and in export.
    const killed = outcomes.filter((o) => o.killed);
    expect(killed.length, `not killed (finished first on every aim): ${outcomes.filter((o) => !o.killed).map((o) => o.label).join(', ')}`).toBeGreaterThanOrEqual(16);
    const stages = new Set(killed.map((o) => o.lastStage ?? 'none'));
    expect(stages).toContain('none'); // during load
    expect(stages).toContain(beforeExport); // during export
  }, 600_000);
});

/** Re-runs the killed workspace and compares it with the clean run: the problems found, if any. */
async function recoveryProblems(ws: string, label: string, kill: KillResult): Promise<string[]> {
  const rerun = runCli(ws);
  const state = await finalState(ws);
  const problems: string[] = [];
  if (rerun.code !== 0) problems.push(`re-run exit ${rerun.code}: ${rerun.stderr.split('\n').filter((l) => /"level":(50|60)/.test(l)).join(' | ').slice(0, 800)}`);
  if (JSON.stringify(state.counts) !== JSON.stringify(reference.counts)) problems.push(`counts ${JSON.stringify(state.counts)} != ${JSON.stringify(reference.counts)}`);
  const differing = [...new Set([...Object.keys(state.exports), ...Object.keys(reference.exports)])].filter(
    (f) => state.exports[f] !== reference.exports[f],
  );
  if (differing.length) problems.push(`exports differ: ${differing.join(', ')}`);
  if (state.tempFiles.length) problems.push(`temp files left: ${state.tempFiles.join(', ')}`);
  if (existsSync(path.join(ws, '.drugflow/run.lock'))) problems.push('lock file left behind');
  if (problems.length) return [`${label} (killed after stage ${kill.lastStage ?? 'none'}): ${problems.join('; ')}`];
  rmSync(ws, { recursive: true, force: true });
  return [];
}
