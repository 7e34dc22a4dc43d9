/**
 * What a name (or its province/city columns) says about where a customer is, as sets of
 * division codes per level, and whether two such facts agree or contradict.
 *
 * A scan of a name's leading region words is liberal about what it *marks* as a region word
 * (scores treat those characters as droppable) but strict about what it *asserts* (only full
 * names, provinces, cities and counties under an already-named city become facts), because a
 * contradiction is a veto and 和平里医院 must not be read as "a hospital in 和平区".
 */
import { isFullRegionName, lookupRegion, regionIndex, shortRegionName, type RegionEntry, type RegionLevel } from './region.js';

export interface RegionFacts {
  provinces: ReadonlySet<string> | null;
  cities: ReadonlySet<string> | null;
  counties: ReadonlySet<string> | null;
}

export const NO_REGION: RegionFacts = { provinces: null, cities: null, counties: null };

export interface RegionToken {
  text: string;
  /** Short form used for comparison (`湖北省` → `湖北`). */
  short: string;
  start: number;
  end: number;
  level: RegionLevel;
  /** Written in full (`武汉市`, `恩施州`), not a bare short form (`武汉`). */
  full: boolean;
  /** What the scan knows once this token is read. */
  factsAfter: RegionFacts;
}

export interface RegionScan {
  tokens: RegionToken[];
  end: number;
  facts: RegionFacts;
}

function narrow(entries: RegionEntry[], facts: RegionFacts): RegionEntry[] {
  return entries.filter((e) => {
    if (facts.provinces && !facts.provinces.has(e.provinceCode)) return false;
    if (facts.cities && e.level !== 'province' && e.cityCode && !facts.cities.has(e.cityCode)) return false;
    return true;
  });
}

/** Keeps the highest level an ambiguous word names: `吉林` is the province before it is the city. */
function preferLevel(entries: RegionEntry[], facts: RegionFacts): RegionEntry[] {
  const order: RegionLevel[] = facts.provinces ? (facts.cities ? ['county', 'city', 'province'] : ['city', 'county', 'province']) : ['province', 'city', 'county'];
  for (const level of order) {
    const some = entries.filter((e) => e.level === level);
    if (some.length) return some;
  }
  return entries;
}

export function mergeFacts(base: RegionFacts, entries: RegionEntry[]): RegionFacts {
  if (!entries.length) return base;
  const provinces = new Set(entries.map((e) => e.provinceCode));
  const { municipalities } = regionIndex();
  if (entries.every((e) => e.level === 'province' && municipalities.has(e.code))) {
    // 北京 is a province and a city at once.
    const cities = new Set(entries.flatMap((e) => municipalities.get(e.code)!));
    return { provinces, cities: base.cities ?? cities, counties: base.counties };
  }
  const cityEntries = entries.filter((e) => e.level !== 'province' && e.cityCode);
  const countyEntries = entries.filter((e) => e.level === 'county');
  return {
    provinces,
    cities: cityEntries.length === entries.length ? new Set(cityEntries.map((e) => e.cityCode!)) : base.cities,
    counties: countyEntries.length === entries.length ? new Set(countyEntries.map((e) => e.code)) : base.counties,
  };
}

/** Reads the region words at `text[from..]`, longest match first, each narrowed by the ones before. */
export function scanRegionPrefix(text: string, from = 0, context: RegionFacts = NO_REGION): RegionScan {
  const { byName, maxLengthByFirst } = regionIndex();
  const tokens: RegionToken[] = [];
  let facts: RegionFacts = NO_REGION;
  let pos = from;
  while (pos < text.length - 1) {
    let key = '';
    let found: RegionEntry[] | undefined;
    const longest = maxLengthByFirst.get(text[pos]!) ?? 0;
    for (let len = Math.min(longest, text.length - pos); len >= 2; len--) {
      const candidate = text.substr(pos, len);
      const entries = byName.get(candidate);
      if (entries) {
        key = candidate;
        found = entries;
        break;
      }
    }
    if (!found) break;
    const full = isFullRegionName(key);
    // Words after a parent institution are read in the light of the region before it.
    const known = facts.provinces ? facts : context;
    let entries = narrow(found, known);
    // A full name that does not fit (a district renamed since, a typo): a region word, not a fact.
    const fits = entries.length > 0;
    if (!fits) {
      // 东区, 西区, 新区: two-character "full" names that do not fit are ordinary words.
      if (!full || key.length <= 2) break;
      entries = found;
    }
    entries = preferLevel(entries, known);
    const level = entries[0]!.level;
    const parented = known.provinces !== null;
    // A bare county name with no province or city before it is as likely a hospital's own name.
    if (!full && level === 'county' && !parented) break;
    if (fits) facts = mergeFacts(facts, entries);
    tokens.push({ text: key, short: shortRegionName(entries[0]!), start: pos, end: pos + key.length, level, full, factsAfter: facts });
    pos += key.length;
  }
  return { tokens, end: pos, facts };
}

function lookupField(value: string, level: RegionLevel): RegionEntry[] {
  const text = value.trim().replace(/\s+/g, '');
  if (!text) return [];
  let entries = lookupRegion(text);
  if (!entries.length) entries = lookupRegion(text.replace(/(省|市|自治区|自治州|州|地区|盟|区|县)$/, ''));
  const atLevel = entries.filter((e) => e.level === level);
  // A city column holding 仙桃市 (a county-level city) or a county column holding a city.
  return atLevel.length ? atLevel : entries;
}

/** Facts from a row's or a master entry's own province / city / county columns. */
const fieldCache = new Map<string, RegionFacts>();

export function factsFromFields(province?: string | null, city?: string | null, county?: string | null): RegionFacts {
  if (!province && !city && !county) return NO_REGION;
  const key = `${province ?? ''}|${city ?? ''}|${county ?? ''}`;
  let facts = fieldCache.get(key);
  if (!facts) {
    facts = readFields(province, city, county);
    if (fieldCache.size > 50_000) fieldCache.clear();
    fieldCache.set(key, facts);
  }
  return facts;
}

function readFields(province?: string | null, city?: string | null, county?: string | null): RegionFacts {
  let facts: RegionFacts = NO_REGION;
  const levels: Array<[string | null | undefined, RegionLevel]> = [
    [province, 'province'],
    [city, 'city'],
    [county, 'county'],
  ];
  for (const [value, level] of levels) {
    if (!value) continue;
    const entries = lookupField(value, level);
    const narrowed = narrow(entries, facts);
    if (narrowed.length) facts = mergeFacts(facts, narrowed);
  }
  return facts;
}

/** Fills the levels `primary` does not know from `secondary`, where they do not contradict. */
export function combineFacts(primary: RegionFacts, secondary: RegionFacts): RegionFacts {
  if (regionConflict(primary, secondary)) return primary;
  return {
    provinces: primary.provinces ?? secondary.provinces,
    cities: primary.cities ?? secondary.cities,
    counties: primary.counties ?? secondary.counties,
  };
}

function disjoint(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (!a || !b) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

function overlaps(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  return a !== null && b !== null && !disjoint(a, b);
}

/** The level at which two places contradict each other, or null. */
export function regionConflict(a: RegionFacts, b: RegionFacts): RegionLevel | null {
  if (disjoint(a.provinces, b.provinces)) return 'province';
  if (disjoint(a.cities, b.cities)) return 'city';
  if (disjoint(a.counties, b.counties)) return 'county';
  return null;
}

/** The most specific level at which two places agree, or null. */
export function regionAgreement(a: RegionFacts, b: RegionFacts): RegionLevel | null {
  if (regionConflict(a, b)) return null;
  if (overlaps(a.counties, b.counties)) return 'county';
  if (overlaps(a.cities, b.cities)) return 'city';
  if (overlaps(a.provinces, b.provinces)) return 'province';
  return null;
}

export function hasRegion(facts: RegionFacts): boolean {
  return facts.provinces !== null || facts.cities !== null || facts.counties !== null;
}

/** Short names of the most specific places a fact names (`武汉`, `江岸`): extra search grams. */
export function regionShortNames(facts: RegionFacts): string[] {
  const { byCode } = regionIndex();
  const codes = facts.counties ?? facts.cities ?? facts.provinces;
  if (!codes || codes.size > 3) return [];
  const names: string[] = [];
  for (const code of codes) {
    const entry = byCode.get(code);
    if (entry) names.push(shortRegionName(entry));
  }
  return names;
}
