import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, demoCopy, finalState, runAndKill, runCli, seededRandom, tempRoot, type FinalState } from './crash-helpers.js';

/**
 * Unattended nightly runs die: OOM killer, reboot, a cron timeout. Whatever instant a run is
 * SIGKILLed at, the next run must finish the job and leave exactly what one clean run leaves:
 * the same rows in every table and byte-identical exports, with no temp files behind.
 *
 * Kill points are seeded (deterministic). Most are spread uniformly over a measured clean run;
 * the rest are aimed at the export stage (armed by the log line that says classify finished),
 * which is short and would otherwise be hit only by luck.
 *
 * Drives the built CLI (`npm run build` first). Takes about 3–4 minutes on 2 cores: each kill
 * point is a partial run plus a full re-run, one after another. DRUGFLOW_CRASH_BIN may point at
 * a private build's bin/drugflow when dist/ is being rebuilt by someone else meanwhile.
 */
const SEED = 20261122;
const UNIFORM_KILLS = 14;
const EXPORT_KILLS = 6;

interface KillPoint {
  label: string;
  delayMs: number;
  after?: { stageFinished: string };
}

let root = '';
let reference: FinalState;
let referenceMs = 0;
let exportMs = 0;
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
  // Kill points cover the work up to "run finished" (the whole process time would be inflated by
  // a busy machine's start-up). A shared machine's timing varies from run to run, so points at
  // the very end could find a faster run already gone: hence 0.95 and the 80% bar below.
  referenceMs = Math.min(clean.ms, (clean.finishedAt as number) * 0.95);
  // The stage that finishes just before export arms the export-aimed kill points.
  const stages = clean.stageAt.map(([name]) => name);
  expect(stages).toContain('export');
  const exportIndex = stages.indexOf('export');
  beforeExport = stages[exportIndex - 1] as string;
  exportMs = (clean.stageAt[exportIndex]?.[1] as number) - (clean.stageAt[exportIndex - 1]?.[1] as number);
  reference = await finalState(ws);
  expect(reference.tempFiles).toEqual([]);
  expect(Object.keys(reference.exports).length).toBeGreaterThan(10);
  rmSync(ws, { recursive: true, force: true });

  const random = seededRandom(SEED);
  for (let i = 0; i < UNIFORM_KILLS; i++) {
    // Stratified: one point in each slice of the run, so the spread does not depend on luck.
    const at = ((i + random()) / UNIFORM_KILLS) * referenceMs;
    points.push({ label: `uniform #${i + 1} at ${Math.round(at)} ms`, delayMs: Math.round(at) });
  }
  for (let i = 0; i < EXPORT_KILLS; i++) {
    const at = ((i + random()) / EXPORT_KILLS) * Math.max(exportMs, 50) * 1.1;
    points.push({ label: `export #${i + 1} at ${beforeExport}+${Math.round(at)} ms`, delayMs: Math.round(at), after: { stageFinished: beforeExport } });
  }
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a run SIGKILLed at any point, then run again', () => {
  it(`ends in the same state as one clean run (${UNIFORM_KILLS + EXPORT_KILLS} seeded kill points)`, async () => {
    expect(points.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const point of points) {
      const ws = demoCopy(root);
      const kill = await runAndKill(ws, point.delayMs, point.after);
      outcomes.push({ label: point.label, killed: kill.killed, lastStage: kill.lastStage });
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
      if (problems.length) failures.push(`${point.label} (killed after stage ${kill.lastStage ?? 'none'}): ${problems.join('; ')}`);
      else rmSync(ws, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    // The kill points must actually interrupt runs, in load and in export.
    const killed = outcomes.filter((o) => o.killed);
    expect(killed.length, `not killed (finished first): ${outcomes.filter((o) => !o.killed).map((o) => o.label).join(', ')}`).toBeGreaterThanOrEqual(16);
    const stages = new Set(killed.map((o) => o.lastStage ?? 'none'));
    expect(stages).toContain('none'); // during load
    expect(stages).toContain(beforeExport); // during export
  }, 420_000);
});
