import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
export function readCsvTable(file, defaultHeaders) {
    if (!existsSync(file))
        return { headers: [...defaultHeaders], rows: [] };
    const parsed = Papa.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: 'greedy',
        transformHeader: (h) => h.trim(),
    });
    return { headers: parsed.meta.fields ?? [...defaultHeaders], rows: parsed.data };
}
/** Rewrites the file atomically: a crash leaves the old file or the new one, never half of it. */
export function writeCsvTable(file, table) {
    const text = Papa.unparse({ fields: table.headers, data: table.rows.map((r) => table.headers.map((h) => r[h] ?? '')) }, { newline: '\n' });
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    writeFileSync(tmp, `${text}\n`);
    renameSync(tmp, file);
}
//# sourceMappingURL=csv-file.js.map