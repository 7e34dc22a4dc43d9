import { detectDosageForm } from './dosage-form.js';
import { brandsInText } from './product-master-index.js';
import { baseKey, foldedKey, injectionLong, nameKey, saltlessKey, saltOf, specTextKey, variantTags } from './product-keys.js';
import { findSpecSpan, splitProductName } from './product-name.js';
import { hasSpecInfo, parseSpec } from './spec-parse.js';
function pieces(rest, extra) {
    const out = new Set();
    const add = (s) => {
        let k = foldedKey(s ?? '');
        // A word cut out of a bracket pair (`(华素片)` split on spaces) loses only its unpaired paren.
        if (k.startsWith('(') && !k.includes(')'))
            k = k.slice(1);
        if (k.endsWith(')') && !k.includes('('))
            k = k.slice(0, -1);
        if (k.length >= 2)
            out.add(k);
    };
    add(rest);
    for (const w of rest.split(/[\s,;/，；、]+/u))
        add(w);
    for (const m of rest.matchAll(/[(（]([^()（）]{2,40})[)）]/gu))
        add(m[1]);
    add(rest.replace(/[(（][^()（）]*[)）]/gu, ' ').trim());
    for (const w of rest.replace(/[(（][^()（）]*[)）]/gu, ' ').split(/\s+/u))
        add(w);
    for (const e of extra)
        add(e);
    return [...out];
}
function lookup(index, piece, hits) {
    const long = injectionLong(piece);
    const tries = [
        [index.byKey, piece, 'generic', 1],
        [index.byBase, baseKey(piece), 'generic without variant', 0.98],
        [index.bySaltless, saltlessKey(baseKey(piece)), 'generic without salt', 0.96],
    ];
    if (long) {
        tries.push([index.byBase, baseKey(long), 'injection short name', 0.96]);
        tries.push([index.bySaltless, saltlessKey(baseKey(long)), 'injection short name', 0.95]);
    }
    let found = false;
    for (const [map, key, rule, score] of tries) {
        for (const id of map.get(key) ?? []) {
            found = true;
            const prev = hits.get(id);
            if (!prev || prev.score < score)
                hits.set(id, { score, rule, piece });
        }
    }
    return found;
}
function analyseName(index, name, makerInColumn) {
    const split = splitProductName(name);
    let rest = name;
    const span = findSpecSpan(rest);
    // A spec glued into a name follows the generic; a name that starts with a number (`10%脂肪乳…`) keeps it.
    if (span && span.start > 0)
        rest = `${rest.slice(0, span.start)} ${rest.slice(span.end)}`;
    if (split.manufacturer && !makerInColumn)
        rest = rest.replace(split.manufacturer, ' ');
    rest = rest.replace(/\(\s*\)|（\s*）/gu, ' ').replace(/\s+/gu, ' ').trim();
    const generic = new Map();
    const matchedPieces = [];
    for (const p of pieces(rest, [split.generic, split.core]))
        if (lookup(index, p, generic))
            matchedPieces.push(p);
    matchedPieces.sort((a, b) => b.length - a.length);
    // Brands are looked for outside the text that already spelled a generic (a brand may hide in one).
    let brandText = foldedKey(rest);
    for (const p of matchedPieces)
        brandText = brandText.split(baseKey(p)).join('|');
    const brands = brandsInText(index, brandText);
    const splitGeneric = split.generic !== undefined ? foldedKey(split.generic) : undefined;
    const genericText = matchedPieces[0] ?? (splitGeneric && !brands.some((b) => splitGeneric.startsWith(b)) ? splitGeneric : undefined);
    const form = genericText !== undefined ? detectDosageForm(injectionLong(genericText) ?? genericText) : undefined;
    const salt = genericText !== undefined ? saltOf(baseKey(genericText)) : undefined;
    return {
        core: foldedKey(split.generic ?? split.core ?? rest) || foldedKey(rest),
        variants: variantTags(rest),
        brands,
        generic,
        ...(split.spec ? { splitSpec: split.spec } : {}),
        ...(split.manufacturer ? { splitManufacturer: split.manufacturer } : {}),
        ...(form ? { form } : {}),
        ...(salt ? { salt } : {}),
    };
}
/** A memo that forgets everything when full: distributor lists repeat names and specs heavily. */
function memo(limit) {
    const map = new Map();
    return (key, make) => {
        let v = map.get(key);
        if (v === undefined) {
            if (map.size >= limit)
                map.clear();
            map.set(key, (v = make()));
        }
        return v;
    };
}
export function createProductQueryPreparer(index, cacheSize = 50_000) {
    const names = memo(cacheSize);
    const specs = memo(cacheSize);
    return (q) => {
        const name = (q.name ?? '').slice(0, 500).normalize('NFKC').replace(/\s+/gu, ' ').trim();
        const makerInColumn = !!q.manufacturer?.trim();
        const facts = names(`${makerInColumn ? 1 : 0}${name}`, () => analyseName(index, name, makerInColumn));
        const columnSpec = specs(q.spec ?? '', () => parseSpec(q.spec ?? ''));
        const useColumn = hasSpecInfo(columnSpec) || facts.splitSpec === undefined;
        const spec = useColumn ? columnSpec : specs(facts.splitSpec ?? '', () => parseSpec(facts.splitSpec ?? ''));
        const specInfo = hasSpecInfo(spec);
        const manufacturer = q.manufacturer?.trim() || facts.splitManufacturer;
        return {
            nameKey: nameKey(q.name ?? ''),
            specKey: specTextKey(q.spec),
            spec,
            specInfo,
            specSource: !specInfo ? 'none' : useColumn ? 'spec' : 'name',
            core: facts.core,
            variants: facts.variants,
            brands: facts.brands,
            generic: facts.generic,
            ...(manufacturer ? { manufacturer } : {}),
            ...(facts.form ? { form: facts.form } : {}),
            ...(facts.salt ? { salt: facts.salt } : {}),
        };
    };
}
//# sourceMappingURL=product-query.js.map