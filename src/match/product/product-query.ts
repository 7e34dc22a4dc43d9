/**
 * One distributor alias, taken apart once: the spec (its own column, else the part glued into the
 * name), the manufacturer (its column, else a company word in the name), the master's brands it
 * mentions, and the master entries whose generic name it spells (exactly, without a variant
 * bracket, without the salt, or as `X针`/`X粉针`).
 */
import type { ProductQuery } from '../types.js';
import { detectDosageForm } from './dosage-form.js';
import { brandsInText, type ProductMasterIndex } from './product-master-index.js';
import { baseKey, foldedKey, injectionLong, nameKey, saltlessKey, saltOf, specTextKey, variantTags } from './product-keys.js';
import { findSpecSpan, splitProductName } from './product-name.js';
import { hasSpecInfo, parseSpec, type ParsedSpec } from './spec-parse.js';

export interface GenericHit {
  score: number;
  rule: 'generic' | 'generic without variant' | 'generic without salt' | 'injection short name';
  piece: string;
}

/** What a name says, whatever spec and maker columns come with it (memoised per name). */
interface NameFacts {
  splitSpec?: string;
  splitManufacturer?: string;
  /** The name without spec and manufacturer: what the bigram index and fuzzy score see. */
  core: string;
  form?: string;
  salt?: string;
  variants: string[];
  brands: string[];
  generic: Map<number, GenericHit>;
}

/** A query ready to score: the name's facts plus its spec and maker, from the columns or the name. */
export interface PreparedProductQuery extends Omit<NameFacts, 'splitSpec' | 'splitManufacturer'> {
  nameKey: string;
  specKey: string;
  spec: ParsedSpec;
  specInfo: boolean;
  /** Where the spec came from, for the reason. */
  specSource: 'spec' | 'name' | 'none';
  manufacturer?: string;
}

function pieces(rest: string, extra: (string | undefined)[]): string[] {
  const out = new Set<string>();
  const add = (s: string | undefined): void => {
    let k = foldedKey(s ?? '');
    // A word cut out of a bracket pair (`(华素片)` split on spaces) loses only its unpaired paren.
    if (k.startsWith('(') && !k.includes(')')) k = k.slice(1);
    if (k.endsWith(')') && !k.includes('(')) k = k.slice(0, -1);
    if (k.length >= 2) out.add(k);
  };
  add(rest);
  for (const w of rest.split(/[\s,;/，；、]+/u)) add(w);
  for (const m of rest.matchAll(/[(（]([^()（）]{2,40})[)）]/gu)) add(m[1]);
  add(rest.replace(/[(（][^()（）]*[)）]/gu, ' ').trim());
  for (const w of rest.replace(/[(（][^()（）]*[)）]/gu, ' ').split(/\s+/u)) add(w);
  for (const e of extra) add(e);
  return [...out];
}

function lookup(index: ProductMasterIndex, piece: string, hits: Map<number, GenericHit>): boolean {
  const long = injectionLong(piece);
  const tries: Array<[Map<string, number[]>, string, GenericHit['rule'], number]> = [
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
      if (!prev || prev.score < score) hits.set(id, { score, rule, piece });
    }
  }
  return found;
}

export const PM7 = { names: 0, specs: 0 };
function analyseName(index: ProductMasterIndex, name: string, makerInColumn: boolean): NameFacts {
  PM7.names++;
  const split = splitProductName(name);
  let rest = name;
  const span = findSpecSpan(rest);
  // A spec glued into a name follows the generic; a name that starts with a number (`10%脂肪乳…`) keeps it.
  if (span && span.start > 0) rest = `${rest.slice(0, span.start)} ${rest.slice(span.end)}`;
  if (split.manufacturer && !makerInColumn) rest = rest.replace(split.manufacturer, ' ');
  rest = rest.replace(/\(\s*\)|（\s*）/gu, ' ').replace(/\s+/gu, ' ').trim();

  const generic = new Map<number, GenericHit>();
  const matchedPieces: string[] = [];
  for (const p of pieces(rest, [split.generic, split.core])) if (lookup(index, p, generic)) matchedPieces.push(p);
  matchedPieces.sort((a, b) => b.length - a.length);

  // Brands are looked for outside the text that already spelled a generic (a brand may hide in one).
  let brandText = foldedKey(rest);
  for (const p of matchedPieces) brandText = brandText.split(baseKey(p)).join('|');
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
function memo<V>(limit: number): (key: string, make: () => V) => V {
  const map = new Map<string, V>();
  return (key, make) => {
    let v = map.get(key);
    if (v === undefined) {
      if (map.size >= limit) map.clear();
      map.set(key, (v = make()));
    }
    return v;
  };
}

export type ProductQueryPreparer = (q: ProductQuery) => PreparedProductQuery;

export function createProductQueryPreparer(index: ProductMasterIndex, cacheSize = 50_000): ProductQueryPreparer {
  const names = memo<NameFacts>(cacheSize);
  const specs = memo<ParsedSpec>(cacheSize);
  return (q) => {
    const name = (q.name ?? '').slice(0, 500).normalize('NFKC').replace(/\s+/gu, ' ').trim();
    const makerInColumn = !!q.manufacturer?.trim();
    const facts = names(`${makerInColumn ? 1 : 0}${name}`, () => analyseName(index, name, makerInColumn));
    const columnSpec = specs(q.spec ?? "", () => (PM7.specs++, parseSpec(q.spec ?? "")));
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
