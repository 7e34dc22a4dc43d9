/**
 * Product matcher at ingest scale: the distinct product aliases (name + spec + unit + maker) that a
 * generated national month sends to the resolve stage, matched against the bench's 2,000-SKU master.
 *   npx tsx bench/match-products-scale.ts [--rows 200000] [--seed 1] [--limit N]
 *       [--reference DIR] [--dump FILE] [--compare FILE] [--repeat N] [--ab SRC_DIR] [--save-aliases FILE]
 * The aliases are re-drawn the way bench/ingest/generate.ts draws them (same seed → same aliases), so
 * no workspace has to exist: each feed's ERP names drawn by its rows, distinct over all feeds.
 * Prints alias count, build and match time (wall and CPU), peak RSS and the status counts. --dump
 * writes every whole result (code, status, score, method, candidates, reason) as JSON lines;
 * --compare checks them against a dump, so a speed change can be shown to leave every result
 * identical. --ab SRC_DIR times a copy of src/ (SRC_DIR/match/product/product-matcher.ts, e.g. the
 * code before a change) in turn with this tree in one process; --save-aliases writes the master and
 * aliases as JSON for profiling built JS (`node --cpu-prof`) on the same input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createRng } from './eval/prng.js';
import { planFeeds } from './ingest/feeds.js';
import { buildMasters } from './ingest/masters.js';
import { FeedNames } from './ingest/names.js';
import { generateRows, skuPrices, type RowContext } from './ingest/rows.js';
import { createProductMatcher } from '../src/match/product/product-matcher.js';
import type { MatchResult, ProductMasterEntry, ProductQuery } from '../src/match/types.js';

const argv = process.argv.slice(2);
const opt = (n: string, d: string): string => {
  const i = argv.indexOf(n);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : d;
};
const rows = Number(opt('--rows', '200000'));
const seed = Number(opt('--seed', '1'));
const limit = Number(opt('--limit', '0'));
const repeat = Number(opt('--repeat', '1'));
const refDir = opt('--reference', process.env.DRUGFLOW_REFERENCE_DIR ?? '/work/shared/data/reference');
const dump = opt('--dump', '');
const compare = opt('--compare', '');

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssTimer = setInterval(sampleRss, 50);

/** The master and the distinct aliases, as generate.ts would write them and resolve would read them. */
function drawAliases(): { master: ProductMasterEntry[]; queries: ProductQuery[] } {
  const masters = buildMasters(refDir, rows, seed);
  const master: ProductMasterEntry[] = masters.skus.map((s) => ({
    sku: s.sku, name: s.product.generic, brand: s.product.brand || undefined, spec: s.specText, unit: s.unit,
    manufacturer: s.product.manufacturer,
  }));
  const feeds = planFeeds(masters.customers, rows, seed);
  const prices = skuPrices(masters.skus, createRng(seed, 'ingest/prices'));
  const distinct = new Map<string, ProductQuery>();
  for (const f of feeds) {
    const names = new FeedNames(createRng(seed, `ingest/names/${f.id}`), f.format === 'csv-gbk');
    const ctx: RowContext = { feed: f, customers: masters.customers, skus: masters.skus, prices, names, rng: createRng(seed, `ingest/rows/${f.id}`) };
    for (const _ of generateRows(ctx, f.rows, 1, 31, 1)) void _;
    const fields = new Set(f.layout.columns.map(([, field]) => field));
    for (const [, p] of names.productEntries()) {
      const q: ProductQuery = { name: p.name };
      if (fields.has('spec') && p.spec) q.spec = p.spec;
      if (fields.has('unit') && p.unit) q.unit = p.unit;
      if (fields.has('manufacturer') && p.manufacturer) q.manufacturer = p.manufacturer;
      distinct.set(JSON.stringify([q.name, q.spec, q.unit, q.manufacturer]), q);
    }
  }
  const queries = [...distinct.values()];
  return { master, queries: limit > 0 ? queries.slice(0, limit) : queries };
}

/** What must not change: the whole result (code, status, score, method, candidates, reason). */
const fingerprint = (r: MatchResult): string => JSON.stringify(r);

const t0 = performance.now();
const { master, queries } = drawAliases();
const tDraw = performance.now() - t0;
// --save-aliases FILE: the master and aliases as JSON, to profile built JS (dist/) on the same input.
const saveAliases = opt('--save-aliases', '');
if (saveAliases) writeFileSync(saveAliases, JSON.stringify({ master, queries }));
sampleRss();
const rssBefore = process.memoryUsage().rss;
type CreateMatcher = typeof createProductMatcher;
/** --ab DIR: a second copy of src (e.g. the code before a change) timed in turn with this one. */
const abDir = opt('--ab', '');
// Module-level memos (dosage forms, maker words) stay warm across --repeat: the first round is the cold one.
const engines: Array<[string, CreateMatcher]> = [['this tree', createProductMatcher]];
if (abDir) {
  const other = (await import(pathToFileURL(`${abDir}/match/product/product-matcher.ts`).href)) as { createProductMatcher: CreateMatcher };
  engines.unshift([abDir, other.createProductMatcher]);
}
let results: MatchResult[] = [];
const timings: string[] = [];
for (let r = 0; r < repeat; r++) {
  for (const [label, create] of engines) {
    const tb = performance.now();
    const matcher = create(master);
    const tm = performance.now();
    const cpu0 = process.cpuUsage();
    const out = matcher.matchAll(queries);
    const cpu = process.cpuUsage(cpu0);
    const te = performance.now();
    // CPU time as well as wall time: the machine is shared, and CPU time suffers less from it.
    const cpuMs = (cpu.user + cpu.system) / 1000;
    timings.push(`${label}: build ${(tm - tb).toFixed(0)} ms, match ${(te - tm).toFixed(0)} ms wall / ${cpuMs.toFixed(0)} ms CPU (${(((te - tm) * 1000) / queries.length).toFixed(1)} µs/alias)`);
    if (label === 'this tree') results = out;
  }
}
sampleRss();
clearInterval(rssTimer);

const status = { auto: 0, review: 0, unmatched: 0 };
for (const r of results) status[r.status as keyof typeof status]++;
console.log(`rows ${rows}, seed ${seed}: ${master.length} SKUs, ${queries.length} distinct product aliases (drawn in ${(tDraw / 1000).toFixed(1)} s)`);
for (const t of timings) console.log(`  ${t}`);
console.log(`  status: auto ${status.auto}, review ${status.review}, unmatched ${status.unmatched}`);
console.log(`  RSS: ${(rssBefore / 2 ** 20).toFixed(0)} MB after drawing, peak ${(peakRss / 2 ** 20).toFixed(0)} MB`);

if (dump) {
  writeFileSync(dump, results.map(fingerprint).join('\n') + '\n');
  console.log(`  results written to ${dump}`);
}
if (compare) {
  const before = readFileSync(compare, 'utf8').trimEnd().split('\n');
  let diff = 0;
  results.forEach((r, i) => {
    if (fingerprint(r) === before[i]) return;
    if (diff++ < 5) console.log(`  DIFF #${i} ${JSON.stringify(queries[i])}\n    was ${before[i]}\n    now ${fingerprint(r)}`);
  });
  const countMismatch = before.length !== results.length;
  console.log(`  compare with ${compare}: ${diff} of ${results.length} differ${countMismatch ? ` (dump had ${before.length})` : ''}`);
  if (diff > 0 || countMismatch) process.exitCode = 1;
}
