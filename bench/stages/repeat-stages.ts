/**
 * Repeats the stages after the load on a finished workspace's database, to measure a change to one
 * of them on the same data, several times, without loading the month again:
 *
 *   npm run bench:stages -- --workspace bench/data/ws-10000000 [--stages attribute,export] [--repeat 3] [--cli DIR]
 *
 * A whole 10M run swings by ±100 s on this shared machine, so a saving of a few seconds in one
 * stage cannot be shown end to end; here each round runs only the chosen stages, on a fresh copy
 * of the same database, and the median of the rounds is printed per stage and per statement.
 * `--cli DIR` measures another build (its `dist/`), e.g. a `git worktree` of the commit before, so
 * an A/B alternates two invocations on one data set. The stages are the real ones, called as
 * `drugflow run` calls them (run-job.ts), on the database the run left; the load and resolve
 * stages are not repeatable this way (the load needs the inbox's files to be new).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseStageArgs, type StageName } from './stage-args.js';

const repo = resolve(import.meta.dirname, '../..');
const args = parseStageArgs(process.argv.slice(2));
const say = (s: string): void => console.error(`[bench:stages] ${s}`);
const root = args.cli ? resolve(args.cli) : repo;
if (!args.cli) {
  say('npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
}
const dist = (p: string) => import(pathToFileURL(join(root, 'dist', p)).href);

const { loadWorkspace } = await dist('config/load-workspace.js');
const { Database } = await dist('db/database.js');
const { createLogger } = await dist('log.js');
const { EXCEL_MAX_DATA_ROWS } = await dist('stages/export/excel-row-limit.js');
const stageModules = {
  classify: ['stages/classify/classify-stage.js', 'runClassifyStage'],
  locks: ['stages/confirm/apply-locks.js', 'runLockStage'],
  collection: ['stages/collection/collection-stage.js', 'runCollectionStage'],
  reconcile: ['stages/reconcile/reconcile-stage.js', 'runReconcileStage'],
  attribute: ['stages/attribute/attribute-stage.js', 'runAttributeStage'],
  listings: ['stages/listings/listings-stage.js', 'runListingsStage'],
  export: ['stages/export/export-stage.js', 'runExportStage'],
} as const satisfies Record<StageName, readonly [string, string]>;

const ws = loadWorkspace(resolve(args.workspace));
if (!existsSync(ws.databasePath)) throw new Error(`${ws.databasePath}: no database; run drugflow on the workspace first`);
const scratch = mkdtempSync(join(args.scratch ?? tmpdir(), 'bench-stages-'));
const logFile = join(scratch, 'stages.jsonl');
const log = createLogger({ level: 'debug', destination: logFile });
const csvMaxRows = ws.export ? ws.export.csvMaxRows : EXCEL_MAX_DATA_ROWS;

/** How run-job.ts calls each stage. */
async function runStage(name: StageName, db: unknown): Promise<void> {
  const [file, fn] = stageModules[name];
  const stage = (await dist(file))[fn];
  if (name === 'collection') await stage(db, ws.pipelines);
  else if (name === 'reconcile') await stage(db, ws.reconcile);
  else if (name === 'attribute') await stage(db, ws);
  else if (name === 'export') await stage(db, join(scratch, 'out'), { csvMaxRows });
  else await stage(db);
}

type Round = Record<StageName, number>;
const rounds: Partial<Round>[] = [];
try {
  for (let round = 1; round <= args.repeat; round++) {
    // A fresh copy each round: a stage that rewrites a table leaves its storage different for the next.
    const copy = join(scratch, 'drugflow.duckdb');
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
    copyFileSync(ws.databasePath, copy);
    if (existsSync(`${ws.databasePath}.wal`)) copyFileSync(`${ws.databasePath}.wal`, `${copy}.wal`);
    const db = await Database.open(copy, log.child({ round }), ws.database);
    const times: Partial<Round> = {};
    try {
      for (const name of args.stages) {
        const t0 = performance.now();
        await runStage(name, db);
        times[name] = (performance.now() - t0) / 1000;
        say(`round ${round}: ${name} ${times[name]!.toFixed(1)} s`);
      }
    } finally {
      db.close();
    }
    rounds.push(times);
  }
  const report = { build: root, workspace: ws.root, stages: args.stages, rounds, statements: statementMedians(logFile, args.repeat) };
  const out = join(repo, 'bench/data', `stage-times${args.cli ? `-${root.split('/').pop()}` : ''}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report.stages, rounds, report.statements));
  say(`wrote ${out}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Per statement (the log's `step`): its total seconds in each round, median first, the slowest 25. */
function statementMedians(file: string, repeat: number): { step: string; median: number; rounds: number[] }[] {
  const perRound = new Map<string, number[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('"msg":"sql"')) continue;
    const r = JSON.parse(line) as { round: number; step: string; ms: number };
    const times = perRound.get(r.step) ?? Array.from({ length: repeat }, () => 0);
    times[r.round - 1]! += r.ms / 1000;
    perRound.set(r.step, times);
  }
  return [...perRound]
    .map(([step, times]) => ({ step, median: median(times), rounds: times }))
    .sort((a, b) => b.median - a.median)
    .slice(0, 25);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function formatReport(stages: StageName[], rs: Partial<Round>[], statements: { step: string; median: number; rounds: number[] }[]): string {
  const secs = (x: number) => x.toFixed(1).padStart(7);
  const lines = [`${'stage'.padEnd(44)}${'median'.padStart(7)}  rounds (s)`];
  for (const s of stages) {
    const times = rs.map((r) => r[s] ?? 0);
    lines.push(`${s.padEnd(44)}${secs(median(times))}  ${times.map((t) => t.toFixed(1)).join(' / ')}`);
  }
  lines.push('', `${'statement (slowest 25)'.padEnd(44)}${'median'.padStart(7)}  rounds (s)`);
  for (const st of statements) lines.push(`${st.step.slice(0, 43).padEnd(44)}${secs(st.median)}  ${st.rounds.map((t) => t.toFixed(1)).join(' / ')}`);
  return lines.join('\n');
}
