/**
 * Product alias resolution (产品异名 → SKU): block, score, decide.
 *
 * Block: the master entries whose generic name the alias spells (map lookups on exact, variant-free,
 * salt-free and `X针` keys), the entries of the master brands it mentions, and the products sharing
 * its rarest character bigrams (NgramIndex). Cost grows with the number of aliases, never with
 * aliases × master.
 * Score: product-score.ts (name, spec, maker parts; vetoes; rules that allow only review).
 * Decide: decision.ts (auto above `auto` with a margin over the best unvetoed rival SKU, review
 * above `review`, else unmatched). Every result names the rule, the score parts and any veto.
 */
import { decide, rankCandidates, resolveThresholds, unmatched, type ScoredCandidate } from '../decision.js';
import { mapDistinct } from '../distinct.js';
import type { MatchResult, MatchThresholds, ProductMasterEntry, ProductQuery } from '../types.js';
import { buildProductMasterIndex, type ProductMasterIndex } from './product-master-index.js';
import { createProductQueryPreparer, type PreparedProductQuery } from './product-query.js';
import { scoreProduct } from './product-score.js';

/**
 * Measured on bench/eval dev (see the report in the PR): auto needs a generic or brand named
 * exactly (fuzzy names score ≤ 0.7·sim + 0.3) and every rule met; review keeps weak names visible.
 */
export const DEFAULT_PRODUCT_THRESHOLDS: MatchThresholds = { auto: 0.9, review: 0.5, minMargin: 0.03 };

export interface ProductMatcherOptions {
  thresholds?: Partial<MatchThresholds>;
  /** Products (distinct generic + brand) taken from the bigram index per alias (default 6). */
  fuzzyCandidates?: number;
}

export interface ProductMatcher {
  match(query: ProductQuery): MatchResult;
  matchAll(queries: ProductQuery[]): MatchResult[];
  readonly thresholds: MatchThresholds;
}

function candidateIds(index: ProductMasterIndex, q: PreparedProductQuery, fuzzy: number): number[] {
  const ids = new Set<number>(q.generic.keys());
  for (const b of q.brands) for (const id of index.byBrand.get(b) ?? []) ids.add(id);
  // A name or brand found by key needs no fuzzy neighbours; the bigram index is the fallback.
  if (q.core !== '' && ids.size === 0) {
    for (const key of index.ngram.search(q.core, { limit: fuzzy, maxGrams: 6 })) {
      for (const id of index.ngramEntries[key] ?? []) ids.add(id);
    }
  }
  return [...ids];
}

/** The key that makes two product queries the same question (a missing column differs from an empty one). */
export function productQueryKey(q: ProductQuery): string {
  return JSON.stringify([q.name, q.spec ?? null, q.unit ?? null, q.manufacturer ?? null]);
}

export function createProductMatcher(master: ProductMasterEntry[], options: ProductMatcherOptions = {}): ProductMatcher {
  const thresholds = resolveThresholds(DEFAULT_PRODUCT_THRESHOLDS, options.thresholds);
  const fuzzy = options.fuzzyCandidates ?? 6;
  const index = buildProductMasterIndex(master);
  const prepare = createProductQueryPreparer(index);
  // Candidates depend on the name's facts only, and aliases share a name's facts object (its
  // generic map): found once per distinct name, not once per alias.
  const candidatesByName = new WeakMap<PreparedProductQuery['generic'], number[]>();

  const match = (query: ProductQuery): MatchResult => {
    const q = prepare(query);
    let ids = candidatesByName.get(q.generic);
    if (ids === undefined) candidatesByName.set(q.generic, (ids = candidateIds(index, q, fuzzy)));
    const scored: ScoredCandidate[] = [];
    for (const id of ids) {
      const e = index.entries[id];
      if (e) scored.push(scoreProduct(index, q, e));
    }
    if (scored.length === 0) return unmatched('unmatched: no master product shares the name, a brand or a rare character pair');
    const ranked = rankCandidates(scored);
    const result = decide(ranked, thresholds);
    // decision.ts names only the vetoes when every candidate is vetoed; a reviewer also wants the parts.
    const top = ranked[0];
    if (result.status === 'unmatched' && top?.vetoes.length) return { ...result, reason: `${result.reason} [${top.parts}]` };
    return result;
  };

  return {
    match,
    matchAll: (queries) => mapDistinct(queries, productQueryKey, match),
    thresholds,
  };
}
