function validate(rows, file, codeField, code, name, lineOf) {
    const problems = [];
    if (rows.length === 0) {
        problems.push({ file, path: '', message: 'the master list is empty: nothing to match against' });
        return problems;
    }
    const firstLine = new Map();
    rows.forEach((row, index) => {
        const line = lineOf(index);
        const c = (code(row) ?? '').trim();
        if (!c)
            problems.push({ file, path: `row ${line}`, message: `empty ${codeField}` });
        else {
            const seen = firstLine.get(c);
            if (seen !== undefined)
                problems.push({ file, path: `row ${line}`, message: `duplicate ${codeField} "${c}" (first on row ${seen})` });
            else
                firstLine.set(c, line);
        }
        if (!(name(row) ?? '').trim())
            problems.push({ file, path: `row ${line}`, message: 'empty name' });
    });
    return problems;
}
/** Problems in a customer master (customers.csv: code,name,type,tier,province,city). */
export function validateCustomerMaster(rows, file = 'customers.csv', lineOf = (i) => i + 2) {
    return validate(rows, file, 'code', (r) => r.code, (r) => r.name, lineOf);
}
/** Problems in a product master (products.csv: sku,name,brand,spec,unit,manufacturer,product_group). */
export function validateProductMaster(rows, file = 'products.csv', lineOf = (i) => i + 2) {
    return validate(rows, file, 'sku', (r) => r.sku, (r) => r.name || r.brand, lineOf);
}
//# sourceMappingURL=master-validation.js.map