import { STANDARD_FIELDS } from '../config/fields.js';
import { HEADER_SYNONYMS, KIND_SYNONYMS } from './header-synonyms.js';
/**
 * Header text as compared: NFKC (full-width `（）` and letters fold), no whitespace at all
 * (`数 量` is a habit of centred Excel headers), every bracket kind as `()`, template markers
 * `*销售日期` dropped, lower case for the few English headers.
 */
export function normaliseHeader(text) {
    return text
        .normalize('NFKC')
        .replace(/[\s\p{Z}\u200b\ufeff]+/gu, '')
        .replace(/[[【〔〖]/g, '(')
        .replace(/[\]】〕〗]/g, ')')
        .replace(/^\*+|\*+$/g, '')
        .toLowerCase();
}
/** Fields whose trailing `(盒)` is worth keeping: it says which unit the quantity counts. */
const UNIT_HINT_FIELDS = new Set(['qty', 'return_qty', 'in_transit']);
const NEUTRAL_RANK = 100;
/** Added when a two-row header only matched through its lower cell (`退货`+`金额` → `金额`). */
export const FALLBACK_RANK = 1000;
const indexCache = new Map();
/** Normalised header → field for one feed kind; kind-specific synonyms outrank neutral ones. */
export function synonymIndex(kind) {
    const cached = indexCache.get(kind);
    if (cached)
        return cached;
    const index = new Map();
    const add = (field, words, base) => {
        words.forEach((word, i) => {
            const key = normaliseHeader(word);
            if (!index.has(key))
                index.set(key, { field, rank: base + i });
        });
    };
    const kindWords = KIND_SYNONYMS[kind];
    for (const field of STANDARD_FIELDS)
        add(field, kindWords[field] ?? [], 0);
    for (const field of STANDARD_FIELDS)
        add(field, HEADER_SYNONYMS[field], NEUTRAL_RANK);
    indexCache.set(kind, index);
    return index;
}
/** Every synonym of a field for a kind, most specific first (for error messages). */
export function synonymsOf(field, kind) {
    return [...(KIND_SYNONYMS[kind][field] ?? []), ...HEADER_SYNONYMS[field]];
}
const TRAILING_UNIT = /^(.+?)\(([^()]*)\)$/u;
/** The field a header names, trying it whole, then without a trailing `(盒)` / `(元)`. */
export function matchHeader(text, index) {
    const key = normaliseHeader(text);
    if (key === '')
        return undefined;
    const whole = index.get(key);
    if (whole)
        return { ...whole };
    const parts = TRAILING_UNIT.exec(key);
    if (!parts)
        return undefined;
    const base = index.get(parts[1] ?? '');
    if (!base)
        return undefined;
    const hint = (parts[2] ?? '').trim();
    return hint && UNIT_HINT_FIELDS.has(base.field) ? { ...base, unitHint: hint } : { ...base };
}
//# sourceMappingURL=header-match.js.map