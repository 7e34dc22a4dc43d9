import type { Workspace } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log.js';
import { matchCustomersInParallel } from '../../match/customer-match-pool.js';
import { createProductMatcher, productQueryKey } from '../../match/product/product-matcher.js';
import type { MatchResult } from '../../match/types.js';
import { inferUnitFactor } from './unit-factor.js';
import { writeResolutions, type ResolutionUpdate } from './write-resolutions.js';

/**
 * The fuzzy tier: only the distinct aliases still unmatched after the dictionary and exact
 * names reach the engine, with the row's city (or the distributor's) as context. `auto`
 * answers fill the flow tables; `review` ones wait for a person (drugflow review export).
 */
export async function resolveCustomersFuzzy(db: Database, ws: Workspace, log: Logger): Promise<void> {
  const pending = await db.all<{ distributor: string; raw_name: string; province: string | null; city: string | null; d_province: string | null; d_city: string | null }>(
    'pending customer aliases',
    `SELECT r.distributor, r.raw_name, r.province, r.city, d.province AS d_province, d.city AS d_city
     FROM customer_resolutions r LEFT JOIN customers d ON d.code = r.distributor
     WHERE r.status = 'unmatched' AND r.method = 'none' ORDER BY r.distributor, r.raw_name`,
  );
  if (pending.length === 0) return;
  const started = performance.now();
  const results = await matchCustomersInParallel(
    ws.mappings.customers.map((c) => ({ code: c.code, name: c.name, type: c.type, province: c.province, city: c.city })),
    pending.map((p) => ({
      name: p.raw_name,
      province: p.province ?? undefined,
      city: p.city ?? undefined,
      contextProvince: p.d_province ?? undefined,
      contextCity: p.d_city ?? undefined,
    })),
    {
      thresholds: ws.matching.customers,
      onWorkerProblem: (message) => log.debug(message),
      onShared: (share) => log.debug(share, 'customer aliases matched on two threads'),
    },
  );
  const updates = pending.map((p, i) => toUpdate({ distributor: p.distributor, raw_name: p.raw_name }, results[i]!));
  await writeResolutions(db, 'customer', updates);
  log.info({ aliases: pending.length, ms: Math.round(performance.now() - started), ...countStatus(results) }, 'customer aliases matched');
}

export async function resolveProductsFuzzy(db: Database, ws: Workspace, log: Logger): Promise<void> {
  const pending = await db.all<{ distributor: string; raw_name: string; raw_spec: string | null; raw_unit: string | null; raw_manufacturer: string | null }>(
    'pending product aliases',
    `SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer FROM product_resolutions
     WHERE status = 'unmatched' AND method = 'none' ORDER BY ALL`,
  );
  if (pending.length > 0) {
    const started = performance.now();
    const matcher = createProductMatcher(
      ws.mappings.products.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, spec: p.spec, unit: p.unit, manufacturer: p.manufacturer })),
      { thresholds: ws.matching.products },
    );
    // The product engine sees no distributor: matchAll answers the same name, spec, unit and
    // maker sent by many distributors once (the dictionary tier, which may be distributor-specific, ran before).
    const queries = pending.map((p) => ({ name: p.raw_name, spec: p.raw_spec ?? undefined, unit: p.raw_unit ?? undefined, manufacturer: p.raw_manufacturer ?? undefined }));
    const results = matcher.matchAll(queries);
    await writeResolutions(
      db,
      'product',
      pending.map((p, i) => toUpdate(p, results[i]!)),
    );
    log.info(
      { aliases: pending.length, distinct: new Set(queries.map(productQueryKey)).size, ms: Math.round(performance.now() - started), ...countStatus(results) },
      'product aliases matched',
    );
  }
  await inferMissingFactors(db, ws);
}

/** Matched products reported in another unit than the master's: the factor from the spec. */
async function inferMissingFactors(db: Database, ws: Workspace): Promise<void> {
  const rows = await db.all<{ distributor: string; raw_name: string; raw_spec: string | null; raw_unit: string | null; raw_manufacturer: string | null; code: string }>(
    'products without factor',
    `SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer, code FROM product_resolutions
     WHERE status = 'auto' AND factor IS NULL ORDER BY ALL`,
  );
  if (rows.length === 0) return;
  const bySku = new Map(ws.mappings.products.map((p) => [p.sku, p]));
  const updates = rows.map((r) => {
    const product = bySku.get(r.code);
    const { factor, rule } = inferUnitFactor(r.raw_unit, product?.unit, product?.spec);
    return { key: r, factor, rule };
  });
  await writeResolutions(
    db,
    'product-factor',
    updates.map((u) => ({ key: u.key, factor: u.factor, reasonSuffix: `; factor: ${u.rule}` })),
  );
}

function toUpdate(key: Record<string, string | null>, r: MatchResult): ResolutionUpdate {
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

function countStatus(results: MatchResult[]): Record<string, number> {
  const counts: Record<string, number> = { auto: 0, review: 0, unmatched: 0 };
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}
