/**
 * What the resolve stage's matchers are built from: the workspace's masters and thresholds. One
 * definition for the resolve stage's own matching and for the early-match worker, so that both
 * give the same answer to the same question.
 */
import type { Workspace } from '../../config/workspace.js';
import type { MatcherSpec } from '../../match/matcher-spec.js';

export type CustomerMatcherSpec = Extract<MatcherSpec, { kind: 'customer' }>;
export type ProductMatcherSpec = Extract<MatcherSpec, { kind: 'product' }>;

export function customerMatcherSpec(ws: Workspace): CustomerMatcherSpec {
  return {
    kind: 'customer',
    master: ws.mappings.customers.map((c) => ({ code: c.code, name: c.name, type: c.type, province: c.province, city: c.city })),
    options: { thresholds: ws.matching.customers },
  };
}

export function productMatcherSpec(ws: Workspace): ProductMatcherSpec {
  return {
    kind: 'product',
    master: ws.mappings.products.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, spec: p.spec, unit: p.unit, manufacturer: p.manufacturer })),
    options: { thresholds: ws.matching.products },
  };
}
