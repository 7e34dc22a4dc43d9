const TARGET = {
    customer: { table: 'customer_resolutions', keys: ['distributor', 'raw_name'] },
    product: { table: 'product_resolutions', keys: ['distributor', 'raw_name', 'raw_spec', 'raw_unit', 'raw_manufacturer'] },
    'product-factor': { table: 'product_resolutions', keys: ['distributor', 'raw_name', 'raw_spec', 'raw_unit', 'raw_manufacturer'] },
};
/**
 * Writes engine answers back in one statement: appended to a temp table, then one UPDATE …
 * FROM, so thousands of aliases cost one join rather than thousands of statements.
 */
export async function writeResolutions(db, target, updates) {
    if (updates.length === 0)
        return;
    const { table, keys } = TARGET[target];
    await db.run('resolution updates', `CREATE OR REPLACE TEMP TABLE resolution_updates (${keys.map((k) => `${k} VARCHAR`).join(', ')},
       code VARCHAR, status VARCHAR, method VARCHAR, score DOUBLE, matched_name VARCHAR, runner_up_code VARCHAR,
       runner_up_score DOUBLE, reason VARCHAR, candidates VARCHAR, factor DOUBLE, reason_suffix VARCHAR)`);
    const appender = await db.appender('resolution_updates');
    try {
        for (const u of updates) {
            for (const k of keys)
                appendText(appender, u.key[k] ?? null);
            appendText(appender, u.code ?? null);
            appendText(appender, u.status ?? null);
            appendText(appender, u.method ?? null);
            appendNumber(appender, u.score ?? null);
            appendText(appender, u.matchedName ?? null);
            appendText(appender, u.runnerUpCode ?? null);
            appendNumber(appender, u.runnerUpScore ?? null);
            appendText(appender, u.reason ?? null);
            appendText(appender, u.candidates ?? null);
            appendNumber(appender, u.factor ?? null);
            appendText(appender, u.reasonSuffix ?? null);
            appender.endRow();
        }
    }
    finally {
        appender.closeSync();
    }
    const set = target === 'product-factor'
        ? `factor = u.factor, reason = coalesce(t.reason, '') || coalesce(u.reason_suffix, '')`
        : `code = u.code, status = u.status, method = u.method, score = u.score, matched_name = u.matched_name,
         runner_up_code = u.runner_up_code, runner_up_score = u.runner_up_score, reason = u.reason, candidates = u.candidates`;
    await db.run(`write ${table}`, `UPDATE ${table} t SET ${set} FROM resolution_updates u WHERE ${keys.map((k) => `t.${k} IS NOT DISTINCT FROM u.${k}`).join(' AND ')}`);
}
function appendText(appender, value) {
    if (value === null)
        appender.appendNull();
    else
        appender.appendVarchar(value);
}
function appendNumber(appender, value) {
    if (value === null || !Number.isFinite(value))
        appender.appendNull();
    else
        appender.appendDouble(value);
}
//# sourceMappingURL=write-resolutions.js.map