import { customerResolutionSql, productResolutionSql } from './dictionary-sql.js';
import { resolveCustomersFuzzy, resolveProductsFuzzy } from './fuzzy-resolve.js';
import { CUSTOMER_RESOLUTIONS_DDL, PRODUCT_RESOLUTIONS_DDL } from './resolution-tables.js';
/**
 * Resolves the distinct aliases of all loaded rows: dictionary, exact name, then the fuzzy
 * engine on what is left. Rebuilt each run from std_rows and the mappings, so a confirmed
 * alias added since the last run re-washes every row that used it.
 */
export async function runResolveStage(db, ws, log) {
    await db.run('customer resolutions', CUSTOMER_RESOLUTIONS_DDL);
    for (const [step, sql] of Object.entries(customerResolutionSql))
        await db.run(`resolve customers: ${step}`, sql);
    await db.run('product resolutions', PRODUCT_RESOLUTIONS_DDL);
    const { unknownUnit, ...productSteps } = productResolutionSql;
    for (const [step, sql] of Object.entries(productSteps))
        await db.run(`resolve products: ${step}`, sql);
    await resolveCustomersFuzzy(db, ws, log);
    await resolveProductsFuzzy(db, ws, log);
    await db.run('resolve products: unknown unit', unknownUnit);
    const count = async (table) => Object.fromEntries((await db.all(`count ${table}`, `SELECT status, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY 1`)).map((r) => [
        r.status,
        Number(r.n),
    ]));
    return { customers: await count('customer_resolutions'), products: await count('product_resolutions') };
}
//# sourceMappingURL=resolve-stage.js.map