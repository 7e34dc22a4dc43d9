/**
 * What a name (or its province/city columns) says about where a customer is, as sets of
 * division codes per level, and whether two such facts agree or contradict.
 *
 * A scan of a name's leading region words is liberal about what it *marks* as a region word
 * (scores treat those characters as droppable) but strict about what it *asserts* (only full
 * names, provinces, cities and counties under an already-named city become facts), because a
 * contradiction is a veto and 和平里医院 must not be read as "a hospital in 和平区".
 */
import { isFullRegionName, lookupRegion, regionIndex, shortRegionName } from './region.js';
export const NO_REGION = { provinces: null, cities: null, counties: null };
function narrow(entries, facts) {
    return entries.filter((e) => {
        if (facts.provinces && !facts.provinces.has(e.provinceCode))
            return false;
        if (facts.cities && e.level !== 'province' && e.cityCode && !facts.cities.has(e.cityCode))
            return false;
        return true;
    });
}
/** Keeps the highest level an ambiguous word names: `吉林` is the province before it is the city. */
function preferLevel(entries, facts) {
    const order = facts.provinces ? (facts.cities ? ['county', 'city', 'province'] : ['city', 'county', 'province']) : ['province', 'city', 'county'];
    for (const level of order) {
        const some = entries.filter((e) => e.level === level);
        if (some.length)
            return some;
    }
    return entries;
}
export function mergeFacts(base, entries) {
    if (!entries.length)
        return base;
    const provinces = new Set(entries.map((e) => e.provinceCode));
    const { municipalities } = regionIndex();
    if (entries.every((e) => e.level === 'province' && municipalities.has(e.code))) {
        // 北京 is a province and a city at once.
        const cities = new Set(entries.flatMap((e) => municipalities.get(e.code)));
        return { provinces, cities: base.cities ?? cities, counties: base.counties };
    }
    const cityEntries = entries.filter((e) => e.level !== 'province' && e.cityCode);
    const countyEntries = entries.filter((e) => e.level === 'county');
    return {
        provinces,
        cities: cityEntries.length === entries.length ? new Set(cityEntries.map((e) => e.cityCode)) : base.cities,
        counties: countyEntries.length === entries.length ? new Set(countyEntries.map((e) => e.code)) : base.counties,
    };
}
/** Reads the region words at `text[from..]`, longest match first, each narrowed by the ones before. */
export function scanRegionPrefix(text, from = 0, context = NO_REGION) {
    const { byName, maxLengthByFirst } = regionIndex();
    const tokens = [];
    let facts = NO_REGION;
    let pos = from;
    while (pos < text.length - 1) {
        let key = '';
        let found;
        const longest = maxLengthByFirst.get(text[pos]) ?? 0;
        for (let len = Math.min(longest, text.length - pos); len >= 2; len--) {
            const candidate = text.substr(pos, len);
            const entries = byName.get(candidate);
            if (entries) {
                key = candidate;
                found = entries;
                break;
            }
        }
        if (!found)
            break;
        const full = isFullRegionName(key);
        // Words after a parent institution are read in the light of the region before it.
        const known = facts.provinces ? facts : context;
        let entries = narrow(found, known);
        // A full name that does not fit (a district renamed since, a typo): a region word, not a fact.
        const fits = entries.length > 0;
        if (!fits) {
            // 东区, 西区, 新区: two-character "full" names that do not fit are ordinary words.
            if (!full || key.length <= 2)
                break;
            entries = found;
        }
        entries = preferLevel(entries, known);
        const level = entries[0].level;
        const parented = known.provinces !== null;
        // A bare county name with no province or city before it is as likely a hospital's own name.
        if (!full && level === 'county' && !parented)
            break;
        if (fits)
            facts = mergeFacts(facts, entries);
        tokens.push({ text: key, short: shortRegionName(entries[0]), start: pos, end: pos + key.length, level, full, factsAfter: facts });
        pos += key.length;
    }
    return { tokens, end: pos, facts };
}
function lookupField(value, level) {
    const text = value.trim().replace(/\s+/g, '');
    if (!text)
        return [];
    let entries = lookupRegion(text);
    if (!entries.length)
        entries = lookupRegion(text.replace(/(省|市|自治区|自治州|州|地区|盟|区|县)$/, ''));
    const atLevel = entries.filter((e) => e.level === level);
    // A city column holding 仙桃市 (a county-level city) or a county column holding a city.
    return atLevel.length ? atLevel : entries;
}
/** Facts from a row's or a master entry's own province / city / county columns. */
const fieldCache = new Map();
export function factsFromFields(province, city, county) {
    if (!province && !city && !county)
        return NO_REGION;
    const key = `${province ?? ''}|${city ?? ''}|${county ?? ''}`;
    let facts = fieldCache.get(key);
    if (!facts) {
        facts = readFields(province, city, county);
        if (fieldCache.size > 50_000)
            fieldCache.clear();
        fieldCache.set(key, facts);
    }
    return facts;
}
function readFields(province, city, county) {
    let facts = NO_REGION;
    const levels = [
        [province, 'province'],
        [city, 'city'],
        [county, 'county'],
    ];
    for (const [value, level] of levels) {
        if (!value)
            continue;
        const entries = lookupField(value, level);
        const narrowed = narrow(entries, facts);
        if (narrowed.length)
            facts = mergeFacts(facts, narrowed);
    }
    return facts;
}
/** Fills the levels `primary` does not know from `secondary`, where they do not contradict. */
export function combineFacts(primary, secondary) {
    if (regionConflict(primary, secondary))
        return primary;
    return {
        provinces: primary.provinces ?? secondary.provinces,
        cities: primary.cities ?? secondary.cities,
        counties: primary.counties ?? secondary.counties,
    };
}
function disjoint(a, b) {
    if (!a || !b)
        return false;
    for (const x of a)
        if (b.has(x))
            return false;
    return true;
}
function overlaps(a, b) {
    return a !== null && b !== null && !disjoint(a, b);
}
/** The level at which two places contradict each other, or null. */
export function regionConflict(a, b) {
    if (disjoint(a.provinces, b.provinces))
        return 'province';
    if (disjoint(a.cities, b.cities))
        return 'city';
    if (disjoint(a.counties, b.counties))
        return 'county';
    return null;
}
/** The most specific level at which two places agree, or null. */
export function regionAgreement(a, b) {
    if (regionConflict(a, b))
        return null;
    if (overlaps(a.counties, b.counties))
        return 'county';
    if (overlaps(a.cities, b.cities))
        return 'city';
    if (overlaps(a.provinces, b.provinces))
        return 'province';
    return null;
}
export function hasRegion(facts) {
    return facts.provinces !== null || facts.cities !== null || facts.counties !== null;
}
/** Short names of the most specific places a fact names (`武汉`, `江岸`): extra search grams. */
export function regionShortNames(facts) {
    const { byCode } = regionIndex();
    const codes = facts.counties ?? facts.cities ?? facts.provinces;
    if (!codes || codes.size > 3)
        return [];
    const names = [];
    for (const code of codes) {
        const entry = byCode.get(code);
        if (entry)
            names.push(shortRegionName(entry));
    }
    return names;
}
//# sourceMappingURL=region-facts.js.map