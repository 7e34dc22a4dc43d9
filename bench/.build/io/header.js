import { DrugflowError } from '../errors.js';
import { synonymsOf } from './header-match.js';
import { problemCount, resolveColumns } from './header-resolve.js';
import { combineHeaderRows } from './header-two-row.js';
export { normaliseHeader } from './header-match.js';
/** The header cannot be found or lacks what the feed needs. The caller prefixes the file path. */
export class HeaderError extends DrugflowError {
    constructor(message) {
        super('INPUT', message);
    }
}
/**
 * Finds the header among a sheet's first rows and maps its columns onto standard fields.
 * `auto` takes the row naming the most distinct fields (title rows and `制表人：` lines name at
 * most one), the earliest on a tie. If that row lacks required or configured fields, the row
 * above or below may be the other half of a two-row header; the pair is used when it lacks less.
 */
export function detectHeader(rows, options) {
    if (rows.length === 0)
        throw new HeaderError('the sheet is empty: no header row');
    const single = (index) => {
        const headers = [...(rows[index]?.cells ?? [])];
        return { index, headers, resolution: resolveColumns(headers, options.kind, options.columns) };
    };
    let best;
    const pairs = [];
    if (options.headerRow === 'auto') {
        best = single(0);
        for (let i = 1; i < rows.length; i++) {
            const candidate = single(i);
            if (candidate.resolution.hits > best.resolution.hits)
                best = candidate;
        }
        pairs.push([best.index - 1, best.index], [best.index, best.index + 1]);
    }
    else {
        const wanted = options.headerRow;
        const index = rows.findIndex((row) => row.rowNumber === wanted);
        if (index < 0) {
            throw new HeaderError(`header row ${wanted} is not among the first ${rows.length} rows of the sheet`);
        }
        best = single(index);
        pairs.push([index - 1, index]);
    }
    if (problemCount(best.resolution) > 0) {
        for (const [upper, lower] of pairs) {
            const candidate = pair(rows, upper, lower, options);
            if (candidate && isBetter(candidate.resolution, best.resolution))
                best = candidate;
        }
    }
    raiseProblems(best, rows.length, options);
    const row = rows[best.index];
    const { mapping, unitHints, unmapped, warnings } = best.resolution;
    return {
        headerRowNumber: row.rowNumber,
        headers: best.headers.map((h) => h.trim()),
        mapping,
        unitHints,
        unmapped,
        warnings,
    };
}
function pair(rows, upper, lower, options) {
    const parent = rows[upper];
    const child = rows[lower];
    if (!parent || !child || parent.cells.every((c) => c.trim() === ''))
        return undefined;
    const { headers, fallback } = combineHeaderRows(parent.cells, child.cells);
    return { index: lower, headers, resolution: resolveColumns(headers, options.kind, options.columns, fallback) };
}
function isBetter(a, b) {
    return problemCount(a) < problemCount(b);
}
function raiseProblems(best, rowCount, options) {
    const { resolution } = best;
    const shown = listHeaders(best.headers);
    const messages = resolution.configMissing.map(({ field, wanted }) => {
        const asked = wanted.map((w) => `"${w}"`).join(' or ');
        return `header ${asked} (columns.${field}) not found; headers are: ${shown}`;
    });
    if (resolution.hits === 0) {
        messages.push(`no header row found in the first ${rowCount} rows (no cell names a known field)`);
    }
    else {
        for (const field of resolution.missingRequired) {
            const examples = synonymsOf(field, options.kind).slice(0, 6).join(', ');
            messages.push(`no column for required field ${field} of a ${options.kind} feed (looked for ${examples}, …; ` +
                `or set columns.${field}); headers are: ${shown}`);
        }
    }
    if (messages.length > 0)
        throw new HeaderError(messages.join('\n'));
}
function listHeaders(headers) {
    const present = headers.map((h) => h.trim()).filter((h) => h !== '');
    const head = present.slice(0, 40).join(', ');
    return present.length > 40 ? `${head}, … (${present.length} in all)` : head;
}
//# sourceMappingURL=header.js.map