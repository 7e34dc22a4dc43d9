import { createCustomerMatcher } from '../../match/customer-matcher.js';
import { createProductMatcher } from '../../match/product/product-matcher.js';
import { inferUnitFactor } from './unit-factor.js';
import { writeResolutions } from './write-resolutions.js';
/**
 * The fuzzy tier: only the distinct aliases still unmatched after the dictionary and exact
 * names reach the engine, with the row's city (or the distributor's) as context. `auto`
 * answers fill the flow tables; `review` ones wait for a person (drugflow review export).
 */
export async function resolveCustomersFuzzy(db, ws, log) {
    const pending = await db.all('pending customer aliases', `SELECT r.distributor, r.raw_name, r.province, r.city, d.province AS d_province, d.city AS d_city
     FROM customer_resolutions r LEFT JOIN customers d ON d.code = r.distributor
     WHERE r.status = 'unmatched' AND r.method = 'none' ORDER BY r.distributor, r.raw_name`);
    if (pending.length === 0)
        return;
    const started = performance.now();
    const matcher = createCustomerMatcher(ws.mappings.customers.map((c) => ({ code: c.code, name: c.name, type: c.type, province: c.province, city: c.city })), { thresholds: ws.matching.customers });
    const results = matcher.matchAll(pending.map((p) => ({
        name: p.raw_name,
        province: p.province ?? undefined,
        city: p.city ?? undefined,
        contextProvince: p.d_province ?? undefined,
        contextCity: p.d_city ?? undefined,
    })));
    const updates = pending.map((p, i) => toUpdate({ distributor: p.distributor, raw_name: p.raw_name }, results[i]));
    await writeResolutions(db, 'customer', updates);
    log.info({ aliases: pending.length, ms: Math.round(performance.now() - started), ...countStatus(results) }, 'customer aliases matched');
}
export async function resolveProductsFuzzy(db, ws, log) {
    const pending = await db.all('pending product aliases', `SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer FROM product_resolutions
     WHERE status = 'unmatched' AND method = 'none' ORDER BY ALL`);
    if (pending.length > 0) {
        const started = performance.now();
        const matcher = createProductMatcher(ws.mappings.products.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, spec: p.spec, unit: p.unit, manufacturer: p.manufacturer })), { thresholds: ws.matching.products });
        const results = matcher.matchAll(pending.map((p) => ({ name: p.raw_name, spec: p.raw_spec ?? undefined, unit: p.raw_unit ?? undefined, manufacturer: p.raw_manufacturer ?? undefined })));
        await writeResolutions(db, 'product', pending.map((p, i) => toUpdate(p, results[i])));
        log.info({ aliases: pending.length, ms: Math.round(performance.now() - started), ...countStatus(results) }, 'product aliases matched');
    }
    await inferMissingFactors(db, ws);
}
/** Matched products reported in another unit than the master's: the factor from the spec. */
async function inferMissingFactors(db, ws) {
    const rows = await db.all('products without factor', `SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer, code FROM product_resolutions
     WHERE status = 'auto' AND factor IS NULL ORDER BY ALL`);
    if (rows.length === 0)
        return;
    const bySku = new Map(ws.mappings.products.map((p) => [p.sku, p]));
    const updates = rows.map((r) => {
        const product = bySku.get(r.code);
        const { factor, rule } = inferUnitFactor(r.raw_unit, product?.unit, product?.spec);
        return { key: r, factor, rule };
    });
    await writeResolutions(db, 'product-factor', updates.map((u) => ({ key: u.key, factor: u.factor, reasonSuffix: `; factor: ${u.rule}` })));
}
function toUpdate(key, r) {
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
function countStatus(results) {
    const counts = { auto: 0, review: 0, unmatched: 0 };
    for (const r of results)
        counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
}
//# sourceMappingURL=fuzzy-resolve.js.map