/**
 * The two reference methods: plain exact lookup (what per-distributor alias tables do before anyone
 * maps a new alias) and brute-force Jaro-Winkler ≥ 0.9 over the whole master (the commercial practice).
 */
import type { CustomerMasterEntry, CustomerQuery, ProductMasterEntry, ProductQuery } from '../../src/match/types.js';
import { jaroWinkler } from './jaro-winkler.js';
import type { Outcome } from './metrics.js';

export type Matcher<Q> = (q: Q) => Outcome | Promise<Outcome>;

function fromHits(codes: string[]): Outcome {
  if (codes.length === 1) return { status: 'auto', code: codes[0] ?? null, candidates: codes, method: 'exact' };
  if (codes.length > 1) return { status: 'review', code: codes[0] ?? null, candidates: codes.slice(0, 3), method: 'exact' };
  return { status: 'unmatched', code: null, candidates: [], method: 'none' };
}

export function exactCustomer(master: CustomerMasterEntry[]): Matcher<CustomerQuery> {
  const byName = new Map<string, string[]>();
  for (const m of master) byName.set(m.name, [...(byName.get(m.name) ?? []), m.code]);
  return (q) => fromHits(byName.get(q.name) ?? []);
}

const productText = (name: string, spec?: string): string => `${name}${spec ?? ''}`;

export function exactProduct(master: ProductMasterEntry[]): Matcher<ProductQuery> {
  const byKey = new Map<string, ProductMasterEntry[]>();
  for (const m of master) {
    const k = `${m.name}|${m.spec ?? ''}`;
    byKey.set(k, [...(byKey.get(k) ?? []), m]);
  }
  return (q) => {
    let hits = byKey.get(`${q.name}|${q.spec ?? ''}`) ?? [];
    if (hits.length > 1 && q.manufacturer) {
      const same = hits.filter((h) => h.manufacturer === q.manufacturer);
      if (same.length > 0) hits = same;
    }
    return fromHits(hits.map((h) => h.sku));
  };
}

function bruteForce<Q>(entries: { code: string; text: string }[], textOf: (q: Q) => string, threshold: number): Matcher<Q> {
  return (q) => {
    const t = textOf(q);
    const top: { code: string; score: number }[] = [];
    for (const e of entries) {
      const s = jaroWinkler(t, e.text);
      if (top.length < 3 || s > (top[2]?.score ?? 0)) {
        top.push({ code: e.code, score: s });
        top.sort((a, b) => b.score - a.score);
        if (top.length > 3) top.pop();
      }
    }
    const best = top[0];
    return best && best.score >= threshold
      ? { status: 'auto', code: best.code, candidates: top.map((x) => x.code), score: best.score, method: 'fuzzy' }
      : { status: 'unmatched', code: null, candidates: top.map((x) => x.code), score: best?.score ?? 0, method: 'none' };
  };
}

export function jwCustomer(master: CustomerMasterEntry[], threshold = 0.9): Matcher<CustomerQuery> {
  return bruteForce(master.map((m) => ({ code: m.code, text: m.name })), (q: CustomerQuery) => q.name, threshold);
}

export function jwProduct(master: ProductMasterEntry[], threshold = 0.9): Matcher<ProductQuery> {
  return bruteForce(master.map((m) => ({ code: m.sku, text: productText(m.name, m.spec) })), (q: ProductQuery) => productText(q.name, q.spec), threshold);
}
