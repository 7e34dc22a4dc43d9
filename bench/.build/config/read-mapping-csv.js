import { readFileSync, existsSync } from 'node:fs';
import Papa from 'papaparse';
import { validate } from './read-yaml.js';
/**
 * Read one mapping CSV (UTF-8, BOM allowed), check its header names the schema's required
 * columns, and validate every row. Problems name the file, the row and the column.
 */
export function readMappingCsv(absPath, displayName, schema, required, problems) {
    if (!existsSync(absPath)) {
        if (required)
            problems.push({ file: displayName, path: '', message: 'file not found' });
        return [];
    }
    const text = readFileSync(absPath, 'utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse(text, { header: true, skipEmptyLines: 'greedy' });
    for (const e of parsed.errors) {
        problems.push({ file: displayName, path: e.row !== undefined ? `row ${e.row + 2}` : '', message: e.message });
    }
    const headers = (parsed.meta.fields ?? []).map((h) => h.trim());
    const missing = Object.entries(schema.shape)
        .filter(([, field]) => !field.safeParse(undefined).success)
        .map(([name]) => name)
        .filter((name) => !headers.includes(name));
    if (missing.length > 0) {
        problems.push({ file: displayName, path: 'header', message: `missing column(s): ${missing.join(', ')} (found: ${headers.join(', ')})` });
        return [];
    }
    const rows = [];
    parsed.data.forEach((raw, i) => {
        const line = i + 2;
        const trimmedKeys = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.trim(), v]));
        const value = validate(trimmedKeys, displayName, schema, problems, `row ${line}`);
        if (value !== undefined)
            rows.push({ line, value });
    });
    return rows;
}
//# sourceMappingURL=read-mapping-csv.js.map