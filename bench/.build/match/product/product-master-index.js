/**
 * The product master, prepared once: every SKU's keys, parsed spec and manufacturer, plus the
 * lookups candidate generation needs (name keys, brands, a bigram index over distinct products)
 * and the facts the auto rules need (SKUs per product, makers per generic or brand).
 * Building costs O(master); a query touches only the entries its keys or rare bigrams reach.
 */
import { NgramIndex } from '../ngram-index.js';
import { normaliseBrand } from './brands.js';
import { detectDosageForm } from './dosage-form.js';
import { manufacturerMatch, normaliseManufacturer } from './manufacturer.js';
import { baseKey, nameKey, saltlessKey, saltOf, variantTags } from './product-keys.js';
import { hasSpecInfo, parseSpec } from './spec-parse.js';
const foldMaker = (s) => s.normalize('NFKC').toLowerCase().replace(/[^a-z0-9\u3400-\u9fff]/gu, '');
function isSubsequence(short, long) {
    let j = 0;
    for (let i = 0; i < long.length && j < short.length; i++)
        if (long[i] === short[j])
            j++;
    return j === short.length;
}
function relateMakers(alias, master, same) {
    const m = same(alias, master);
    if (m === 'same') {
        const a = normaliseManufacturer(alias);
        const b = normaliseManufacturer(master);
        return a.core === b.core || foldMaker(alias) === foldMaker(master) ? 'exact' : 'same';
    }
    const fa = foldMaker(alias);
    const fb = foldMaker(master);
    if (fa === fb && fa !== '')
        return 'exact';
    if (m === 'unknown')
        return 'unknown';
    const cjk = /[\u3400-\u9fff]/u.test(fa);
    if (fa.length >= 1 && fb.startsWith(fa))
        return 'partial';
    if (cjk && fa.length >= 3 && isSubsequence(fa, fb))
        return 'partial';
    return 'different';
}
function push(map, key, id) {
    const list = map.get(key);
    if (list)
        list.push(id);
    else
        map.set(key, [id]);
}
function countMakers(ids, entries, same) {
    const reps = [];
    for (const id of ids) {
        const m = entries[id]?.manufacturer ?? '';
        if (m === '' || reps.some((r) => r === m || same(r, m) === 'same'))
            continue;
        reps.push(m);
    }
    return reps.length;
}
export function buildProductMasterIndex(master) {
    const makerCache = new Map();
    const sameMaker = (a, b) => {
        if (!a || !b)
            return 'unknown';
        const k = `${a}\u0000${b}`;
        let v = makerCache.get(k);
        if (v === undefined)
            makerCache.set(k, (v = manufacturerMatch(a, b)));
        return v;
    };
    const relationCache = new Map();
    const makerRelation = (a, b) => {
        const k = `${a}\u0000${b}`;
        let v = relationCache.get(k);
        if (v === undefined)
            relationCache.set(k, (v = relateMakers(a, b, sameMaker)));
        return v;
    };
    const entries = master.map((entry, id) => {
        const key = nameKey(entry.name);
        const base = baseKey(key);
        const spec = parseSpec(entry.spec ?? '');
        const brand = entry.brand ? nameKey(normaliseBrand(entry.brand)) : undefined;
        const manufacturer = (entry.manufacturer ?? '').trim();
        const form = detectDosageForm(entry.name);
        const salt = saltOf(base);
        return {
            id, entry, key, base, saltless: saltlessKey(base), variants: variantTags(entry.name), spec,
            specInfo: hasSpecInfo(spec), manufacturer,
            display: [entry.name, entry.brand, entry.spec].filter((x) => x).join(' '),
            product: `${key}|${normaliseManufacturer(manufacturer).core}`,
            ...(brand && brand.length >= 2 ? { brand } : {}),
            ...(form ? { form } : {}),
            ...(salt ? { salt } : {}),
        };
    });
    const byKey = new Map();
    const byBase = new Map();
    const bySaltless = new Map();
    const byBrand = new Map();
    const byProduct = new Map();
    const byNgramText = new Map();
    for (const e of entries) {
        push(byKey, e.key, e.id);
        push(byBase, e.base, e.id);
        push(bySaltless, e.saltless, e.id);
        push(byProduct, e.product, e.id);
        if (e.brand)
            push(byBrand, e.brand, e.id);
        push(byNgramText, `${e.base}\u0000${e.brand ?? ''}`, e.id);
    }
    const makersByGeneric = new Map();
    for (const [k, ids] of bySaltless)
        makersByGeneric.set(k, countMakers(ids, entries, sameMaker));
    const makersByBrand = new Map();
    for (const [k, ids] of byBrand)
        makersByBrand.set(k, countMakers(ids, entries, sameMaker));
    const ngramKeys = [...byNgramText.keys()];
    const ngram = new NgramIndex(ngramKeys.map((k) => k.split('\u0000')[0] ?? ''), ngramKeys.map((k) => [k.split('\u0000')[1] ?? '']));
    return {
        entries, byKey, byBase, bySaltless, byBrand, byProduct, makersByGeneric, makersByBrand, ngram,
        brandLengths: [...new Set([...byBrand.keys()].map((b) => b.length))].sort((a, b) => b - a),
        ngramEntries: ngramKeys.map((k) => byNgramText.get(k) ?? []),
        sameMaker,
        makerRelation,
    };
}
/**
 * The master's brands inside `text` (already a nameKey): at each position the longest brand that
 * starts there, non-overlapping. Cost: text length × distinct brand lengths map lookups, not a
 * pass over every brand (findBrandsInText's loop would be brands × aliases).
 */
export function brandsInText(index, text) {
    const found = [];
    let i = 0;
    while (i < text.length - 1) {
        let hit;
        for (const len of index.brandLengths) {
            if (i + len > text.length)
                continue;
            const piece = text.slice(i, i + len);
            if (index.byBrand.has(piece)) {
                hit = piece;
                break;
            }
        }
        if (hit) {
            if (!found.includes(hit))
                found.push(hit);
            i += hit.length;
        }
        else
            i++;
    }
    return found;
}
//# sourceMappingURL=product-master-index.js.map