/**
 * Alias-matching accuracy and speed on the labelled sets in bench/eval/data/{dev,heldout}/.
 *   npx tsx bench/match-accuracy.ts [--set dev|heldout|all] [--kind customers|products|all]
 *       [--methods exact,jw,drugflow] [--jw-sample 300] [--json]
 *   npx tsx bench/match-accuracy.ts --scale [--scale-size 100000] [--scale-aliases N] [--threads 2] [--json]
 * Writes the engine's misses to bench/eval/data/<set>/misses_<kind>.csv (≤30 of each kind of miss).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadEvalSet, type Labelled } from './eval/load.js';
import { DEFAULT_DATA_DIR, DEFAULT_REFERENCE_DIR } from './eval/generate.js';
import { computeMetrics, isMissedCandidate, isWrongAuto, TARGETS, type Metrics, type Scored } from './eval/metrics.js';
import { exactCustomer, exactProduct, jwCustomer, jwProduct, type Matcher } from './eval/baselines.js';
import { loadEngine, toOutcome } from './eval/engine.js';
import { writeCsv } from './eval/csv.js';
import { createRng } from './eval/prng.js';
import { loadRegions } from './eval/regions.js';
import { loadCustomerUniverse } from './eval/customer-master.js';
import { buildScaleSet } from './eval/scale.js';
import type { CustomerQuery, ProductQuery } from '../src/match/types.js';

const argv = process.argv.slice(2);
const flag = (n: string): boolean => argv.includes(n);
const opt = (n: string, d: string): string => {
  const i = argv.indexOf(n);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : d;
};
const JSON_OUT = flag('--json');
const log = (s: string): void => {
  (JSON_OUT ? process.stderr : process.stdout).write(`${s}\n`);
};

type Kind = 'customers' | 'products';
interface Row { set: string; kind: Kind; method: string; note?: string; metrics?: Metrics }

async function runMethod<Q>(matcher: Matcher<Q>, names: Labelled<Q>[]): Promise<{ scored: Scored[]; ms: number }> {
  const t0 = performance.now();
  const scored: Scored[] = [];
  for (const n of names) scored.push({ truth: n.truth, noise: n.noise, outcome: await matcher(n.query) });
  return { scored, ms: performance.now() - t0 };
}

function sample<T>(items: T[], n: number, seed: string): T[] {
  return items.length <= n ? items : createRng(42, seed).shuffle(items.slice()).slice(0, n);
}

const pct = (x: number): string => (Number.isNaN(x) ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function printTable(rows: Row[]): void {
  log('set      kind       method                  n     auto-prec  auto✓/true  cand-recall  false-auto-NIM  review   time');
  for (const r of rows) {
    const head = `${r.set.padEnd(8)} ${r.kind.padEnd(10)} ${r.method.padEnd(22)}`;
    if (!r.metrics) { log(`${head} ${r.note}`); continue; }
    const m = r.metrics;
    const t = TARGETS[r.kind];
    const mark = (ok: boolean): string => (ok ? ' ' : '!');
    log(`${head} ${String(m.n).padStart(5)}  ${pct(m.precisionAuto)}${mark(m.precisionAuto >= t.precisionAuto)}   ${pct(m.autoShareTrue)}${mark(m.autoShareTrue >= t.autoShareTrue)}    ` +
      `${pct(m.candidateRecall)}${mark(m.candidateRecall >= t.candidateRecall)}      ${pct(m.falseAutoNotInMaster)}${mark(m.falseAutoNotInMaster <= t.falseAutoNotInMaster)}        ${pct(m.reviewShare)}  ${(m.ms / 1000).toFixed(2)}s${r.note ? `  ${r.note}` : ''}`);
  }
  log('(! = misses the issue\'s target: precision ≥99.5%, auto✓ ≥85% customers / ≥80% products, recall ≥98%, false-auto ≤0.5%)');
}

function printNoise(r: Row): void {
  if (!r.metrics) return;
  log(`  ${r.set}/${r.kind}/${r.method} by noise kind: n, auto✓ and recall (of true aliases), wrong autos`);
  for (const [k, v] of Object.entries(r.metrics.perNoise).sort((a, b) => b[1].n - a[1].n)) {
    log(`    ${k.padEnd(26)} ${String(v.n).padStart(5)}  ${pct(v.autoOk / v.nTrue)}  ${pct(v.recall / v.nTrue)}  ${v.wrongAuto}`);
  }
}

function writeMisses(dir: string, kind: Kind, names: Labelled<CustomerQuery | ProductQuery>[], scored: Scored[], nameOf: Map<string, string>): number {
  const pickMisses = (pred: (s: Scored) => boolean, label: string): Record<string, string>[] =>
    scored.map((s, i) => [s, i] as const).filter(([s]) => pred(s)).slice(0, 30).map(([s, i]) => {
      const q = names[i]?.query as unknown as Record<string, string | undefined>;
      return {
        miss: label, name: q.name ?? '', province: q.province ?? '', city: q.city ?? '', spec: q.spec ?? '', manufacturer: q.manufacturer ?? '',
        noise: s.noise, true_code: s.truth, true_name: nameOf.get(s.truth) ?? '', status: s.outcome.status, got_code: s.outcome.code ?? '',
        got_name: s.outcome.matchedName ?? nameOf.get(s.outcome.code ?? '') ?? '', score: s.outcome.score?.toFixed(3) ?? '',
        candidates: s.outcome.candidates.join(' '), method: s.outcome.method ?? '', reason: s.outcome.reason ?? '',
      };
    });
  const rows = [
    ...pickMisses((s) => isWrongAuto(s) && s.truth !== '', 'wrong_auto'),
    ...pickMisses((s) => isWrongAuto(s) && s.truth === '', 'auto_not_in_master'),
    ...pickMisses(isMissedCandidate, 'missed_candidate'),
  ];
  const cols = kind === 'customers'
    ? ['miss', 'name', 'province', 'city', 'noise', 'true_code', 'true_name', 'status', 'got_code', 'got_name', 'score', 'candidates', 'method', 'reason']
    : ['miss', 'name', 'spec', 'manufacturer', 'noise', 'true_code', 'true_name', 'status', 'got_code', 'got_name', 'score', 'candidates', 'method', 'reason'];
  writeCsv(join(dir, `misses_${kind}.csv`), cols, rows);
  for (const r of rows.slice(0, 12)) log(`    ${r.miss}: ${r.name} ${r.spec ?? ''} [${r.noise}] want ${r.true_code || '∅'} ${r.true_name} → ${r.status} ${r.got_code} ${r.got_name}`);
  return rows.length;
}

async function accuracy(): Promise<Row[]> {
  const dataDir = opt('--data', DEFAULT_DATA_DIR);
  const sets = opt('--set', 'all') === 'all' ? ['dev', 'heldout'] : [opt('--set', 'dev')];
  const kinds: Kind[] = opt('--kind', 'all') === 'all' ? ['customers', 'products'] : [opt('--kind', 'customers') as Kind];
  const methods = opt('--methods', 'exact,jw,drugflow').split(',');
  const jwN = Number(opt('--jw-sample', '300'));
  const engines = {
    customers: await loadEngine<CustomerQuery>('customer-matcher', 'createCustomerMatcher'),
    products: await loadEngine<ProductQuery>('product-matcher', 'createProductMatcher'),
  };
  const rows: Row[] = [];
  for (const setName of sets) {
    const set = loadEvalSet(dataDir, setName);
    for (const kind of kinds) {
      const names = (kind === 'customers' ? set.customers.names : set.products.names) as Labelled<CustomerQuery | ProductQuery>[];
      const master = kind === 'customers' ? set.customers.master : set.products.master;
      const nameOf = new Map<string, string>(kind === 'customers'
        ? set.customers.master.map((m) => [m.code, m.name])
        : set.products.master.map((m) => [m.sku, `${m.name} ${m.spec ?? ''} ${m.manufacturer ?? ''}`]));
      for (const method of methods) {
        if (method === 'exact') {
          const m = (kind === 'customers' ? exactCustomer(set.customers.master) : exactProduct(set.products.master)) as Matcher<CustomerQuery | ProductQuery>;
          const r = await runMethod(m, names);
          rows.push({ set: setName, kind, method: 'exact', metrics: computeMetrics(r.scored, r.ms) });
        } else if (method === 'jw') {
          const m = (kind === 'customers' ? jwCustomer(set.customers.master) : jwProduct(set.products.master)) as Matcher<CustomerQuery | ProductQuery>;
          const r = await runMethod(m, sample(names, jwN, `${setName}/${kind}`));
          rows.push({ set: setName, kind, method: 'jaro-winkler>=0.9 brute', metrics: computeMetrics(r.scored, r.ms), note: `(sample of ${Math.min(jwN, names.length)})` });
        } else if (method === 'drugflow') {
          const engine = engines[kind];
          if (typeof engine === 'string') { rows.push({ set: setName, kind, method: 'drugflow', note: engine }); continue; }
          try {
            const t0 = performance.now();
            const m = (await engine(master)) as Matcher<CustomerQuery | ProductQuery>;
            const build = performance.now() - t0;
            const r = await runMethod(m, names);
            const row: Row = { set: setName, kind, method: 'drugflow', metrics: computeMetrics(r.scored, r.ms + build), note: `(build ${(build / 1000).toFixed(2)}s)` };
            rows.push(row);
            printNoise(row);
            const n = writeMisses(join(dataDir, setName), kind, names, r.scored, nameOf);
            log(`    → ${n} misses written to ${join(dataDir, setName, `misses_${kind}.csv`)}`);
          } catch (e) {
            rows.push({ set: setName, kind, method: 'drugflow', note: `engine threw: ${(e as Error).message.split('\n')[0]}` });
          }
        }
      }
    }
  }
  return rows;
}

/** The parallel batch entry (what `drugflow run` and `drugflow resolve` call), built or from sources like loadEngine. */
async function loadPool(): Promise<typeof import('../src/match/customer-match-pool.js') | string> {
  const built = fileURLToPath(new URL('../dist/match/customer-match-pool.js', import.meta.url));
  const path = process.env.DRUGFLOW_BENCH_SOURCES !== '1' && existsSync(built) ? built : fileURLToPath(new URL('../src/match/customer-match-pool.ts', import.meta.url));
  if (!existsSync(path)) return 'parallel matcher not available (customer-match-pool missing; run npm run build)';
  return (await import(pathToFileURL(path).href)) as typeof import('../src/match/customer-match-pool.js');
}

async function scale(): Promise<Record<string, unknown>> {
  const size = Number(opt('--scale-size', '100000'));
  const aliases = Number(opt('--scale-aliases', String(size)));
  const threads = Number(opt('--threads', '2'));
  const t0 = performance.now();
  const regions = loadRegions(opt('--reference', DEFAULT_REFERENCE_DIR));
  const set = buildScaleSet(loadCustomerUniverse(opt('--reference', DEFAULT_REFERENCE_DIR), regions.provinces), regions, size);
  const names = set.names.slice(0, aliases);
  const genMs = performance.now() - t0;
  const rssBefore = process.memoryUsage().rss;
  log(`scale set: ${set.master.length} master × ${names.length} aliases (generated in ${(genMs / 1000).toFixed(1)}s, rss ${(rssBefore / 2 ** 20).toFixed(0)} MiB), ${threads} thread(s)`);
  const pool = await loadPool();
  if (typeof pool === 'string') { log(pool); return { size, note: pool }; }
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  let builtAt = t1;
  const results = await pool.matchCustomersInParallel(set.master, names.map((n) => n.query), {
    threads,
    onMatcherBuilt: () => { builtAt = performance.now(); },
    onWorkerProblem: (message) => log(`worker problem: ${message}`),
    onShared: ({ chunks, byWorkers }) => log(`chunks: ${chunks}, ${byWorkers} matched by worker threads`),
  });
  const end = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const buildMs = builtAt - t1;
  const matchMs = end - builtAt;
  const wallMs = end - t1;
  const scored: Scored[] = names.map((n, i) => ({ truth: n.truth, noise: n.noise, outcome: toOutcome(results[i]!) }));
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const metrics = computeMetrics(scored, wallMs);
  const pass = wallMs < 20_000 && maxRssMiB < 2048;
  log(`drugflow: build ${(buildMs / 1000).toFixed(2)}s + match ${(matchMs / 1000).toFixed(2)}s = ${(wallMs / 1000).toFixed(2)}s; peak RSS ${maxRssMiB.toFixed(0)} MiB ` +
    `(whole process incl. set generation and workers) → ${pass ? 'PASS' : 'FAIL'} (< 20 s, < 2 GiB)`);
  // CPU time (all threads) compares engine changes on a machine others are loading; wall time does not.
  log(`cpu: ${((cpu.user + cpu.system) / 1e6).toFixed(2)}s (user ${(cpu.user / 1e6).toFixed(2)}s) over ${(wallMs / 1000).toFixed(2)}s wall`);
  log(`indicative (unguarded labels): auto✓/true ${pct(metrics.autoShareTrue)}, precision ${pct(metrics.precisionAuto)}, false-auto-NIM ${pct(metrics.falseAutoNotInMaster)}`);
  return { size, masterSize: set.master.length, aliases: names.length, threads, buildMs, matchMs, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB, pass, metrics: { ...metrics, perNoise: undefined } };
}

async function main(): Promise<void> {
  if (flag('--scale')) {
    const res = await scale();
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    return;
  }
  const rows = await accuracy();
  printTable(rows);
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(rows.map((r) => ({ ...r, metrics: r.metrics ? { ...r.metrics } : undefined })), null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
