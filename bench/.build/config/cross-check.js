/**
 * Rules across files: codes unique, aliases point at codes that exist, every feed's seller is
 * a distributor in the master. Each problem names the file and row that must change.
 */
export function crossCheck(input, problems) {
    const { tables, mappingsDir } = input;
    const customers = uniqueCodes(tables.customers, (r) => r.code, `${mappingsDir}/customers.csv`, 'code', problems);
    const skus = uniqueCodes(tables.products, (r) => r.sku, `${mappingsDir}/products.csv`, 'sku', problems);
    const distributors = new Set(tables.customers.filter((r) => r.value.type === 'distributor').map((r) => r.value.code));
    for (const row of tables.customers) {
        if (row.value.type === 'distributor' && row.value.tier === null) {
            problems.push({ file: `${mappingsDir}/customers.csv`, path: `row ${row.line}.tier`, message: 'a distributor needs tier 1 or 2' });
        }
    }
    const aliasDistributor = (d) => d === '*' || d === input.company.code || distributors.has(d);
    checkAliases(tables.customerAliases, `${mappingsDir}/customer_aliases.csv`, (r) => [r.distributor, r.raw_name], problems, {
        distributorOk: aliasDistributor,
        target: (r) => (customers.has(r.code) ? null : `code "${r.code}" is not in customers.csv`),
    });
    checkAliases(tables.productAliases, `${mappingsDir}/product_aliases.csv`, (r) => [r.distributor, r.raw_name, r.raw_spec ?? '', r.raw_unit ?? ''], problems, {
        distributorOk: aliasDistributor,
        target: (r) => (skus.has(r.sku) ? null : `sku "${r.sku}" is not in products.csv`),
    });
    for (const p of input.pipelines) {
        if (p.kind === 'shipments')
            continue;
        if (!customers.has(p.distributor)) {
            problems.push({ file: p.configFile, path: 'distributor', message: `"${p.distributor}" is not a code in ${mappingsDir}/customers.csv` });
        }
        else if (!distributors.has(p.distributor) && p.kind !== 'retail') {
            problems.push({ file: p.configFile, path: 'distributor', message: `"${p.distributor}" is not of type distributor in ${mappingsDir}/customers.csv` });
        }
    }
}
function uniqueCodes(rows, key, file, column, problems) {
    const firstLine = new Map();
    for (const row of rows) {
        const k = key(row.value);
        const first = firstLine.get(k);
        if (first !== undefined)
            problems.push({ file, path: `row ${row.line}.${column}`, message: `duplicate "${k}" (first at row ${first})` });
        else
            firstLine.set(k, row.line);
    }
    return new Set(firstLine.keys());
}
function checkAliases(rows, file, identity, problems, rules) {
    const seen = new Map();
    for (const row of rows) {
        if (!rules.distributorOk(row.value.distributor)) {
            problems.push({ file, path: `row ${row.line}.distributor`, message: `"${row.value.distributor}" is not a distributor in customers.csv (use * for any)` });
        }
        const targetProblem = rules.target(row.value);
        if (targetProblem)
            problems.push({ file, path: `row ${row.line}`, message: targetProblem });
        const key = identity(row.value).join('\u0000');
        const first = seen.get(key);
        if (first !== undefined)
            problems.push({ file, path: `row ${row.line}`, message: `same alias as row ${first}` });
        else
            seen.set(key, row.line);
    }
}
//# sourceMappingURL=cross-check.js.map