import { REQUIRED_FIELDS, STANDARD_FIELDS } from '../config/fields.js';
import { FALLBACK_RANK, matchHeader, normaliseHeader, synonymIndex } from './header-match.js';
/**
 * Maps one row of header texts. Configured columns claim their column first and win outright;
 * the remaining columns go through the synonyms, and when several columns name one field the
 * most specific synonym (lowest rank, then leftmost) wins and the others are reported.
 */
export function resolveColumns(headers, kind, columns = {}, fallback = []) {
    const mapping = {};
    const unitHints = {};
    const warnings = [];
    const configMissing = [];
    const claimed = new Set();
    const keys = headers.map(normaliseHeader);
    for (const field of STANDARD_FIELDS) {
        const spec = columns[field];
        if (spec === undefined)
            continue;
        const wanted = Array.isArray(spec) ? spec : [spec];
        // A list means "whichever of these this file has" (layouts drift); the first present wins.
        const column = firstPresent(wanted, keys);
        if (column === undefined) {
            configMissing.push({ field, wanted });
            continue;
        }
        mapping[field] = column;
        claimed.add(column);
    }
    const index = synonymIndex(kind);
    const candidates = new Map();
    headers.forEach((text, column) => {
        if (claimed.has(column))
            return;
        const match = matchHeader(text, index) ?? fallbackMatch(fallback[column], index);
        if (!match || columns[match.field] !== undefined)
            return;
        const list = candidates.get(match.field) ?? [];
        list.push({ column, match });
        candidates.set(match.field, list);
    });
    for (const [field, list] of candidates) {
        list.sort((a, b) => a.match.rank - b.match.rank || a.column - b.column);
        const [best, ...others] = list;
        if (!best)
            continue;
        mapping[field] = best.column;
        if (best.match.unitHint)
            unitHints[field] = best.match.unitHint;
        const rivals = others.filter((o) => o.match.rank < FALLBACK_RANK);
        if (rivals.length > 0) {
            const names = [best, ...rivals].map((c) => `"${headers[c.column]?.trim()}"`).join(', ');
            warnings.push(`${field}: headers ${names} all match; using "${headers[best.column]?.trim()}" (set columns.${field} to choose)`);
        }
    }
    const used = new Set(Object.values(mapping));
    const unmapped = headers.map((h) => h.trim()).filter((h, column) => h !== '' && !used.has(column));
    const missingRequired = REQUIRED_FIELDS[kind].filter((field) => mapping[field] === undefined);
    return {
        mapping,
        unitHints,
        unmapped,
        warnings,
        configMissing,
        missingRequired,
        hits: Object.keys(mapping).length,
    };
}
function firstPresent(wanted, keys) {
    for (const header of wanted) {
        const key = normaliseHeader(header);
        if (key === '')
            continue;
        const column = keys.indexOf(key);
        if (column >= 0)
            return column;
    }
    return undefined;
}
function fallbackMatch(text, index) {
    const match = text === undefined ? undefined : matchHeader(text, index);
    return match && { ...match, rank: match.rank + FALLBACK_RANK };
}
/** Problems that make a resolution unusable, fewest first: used to compare candidate rows. */
export function problemCount(resolution) {
    return resolution.configMissing.length + resolution.missingRequired.length;
}
//# sourceMappingURL=header-resolve.js.map