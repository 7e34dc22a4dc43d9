/**
 * An engine answer as the row it becomes in customer_resolutions / product_resolutions. Pure (no
 * database), so the early-match worker (early/early-match-worker.ts) turns its answers into the
 * same rows the resolve stage does.
 */
import type { MatchResult, ProductMasterEntry } from '../../match/types.js';
import { inferUnitFactor } from './unit-factor.js';
import type { ResolutionUpdate } from './write-resolutions.js';

export function toUpdate(key: Record<string, string | null>, r: MatchResult): ResolutionUpdate {
  return {
    key,
    code: r.code,
    status: r.status,
    method: r.method === 'none' ? 'fuzzy' : r.method,
    score: r.score,
    matchedName: r.matchedName,
    runnerUpCode: r.runnerUp?.code ?? null,
    runnerUpScore: r.runnerUp?.score ?? null,
    reason: r.reason,
    candidates: JSON.stringify(r.candidates.slice(0, 3)),
  };
}

/** The master's unit and spec of each SKU: what a unit factor is inferred from. */
export type ProductsBySku = Map<string, Pick<ProductMasterEntry, 'unit' | 'spec'>>;

/** The factor from the matched SKU's master unit and spec, and the reason text that names its rule. */
export function unitFactor(rawUnit: string | null, sku: string | null, bySku: ProductsBySku): { factor: number | null; reasonSuffix: string } {
  const product = sku ? bySku.get(sku) : undefined;
  const { factor, rule } = inferUnitFactor(rawUnit, product?.unit, product?.spec);
  return { factor, reasonSuffix: `; factor: ${rule}` };
}

/** An auto answer with its unit factor, the rule appended to the reason. */
export function withFactor(update: ResolutionUpdate, rawUnit: string | null, result: MatchResult, bySku: ProductsBySku): ResolutionUpdate {
  if (result.status !== 'auto') return update;
  const { factor, reasonSuffix } = unitFactor(rawUnit, result.code, bySku);
  return { ...update, factor, reason: `${update.reason ?? ''}${reasonSuffix}` };
}
