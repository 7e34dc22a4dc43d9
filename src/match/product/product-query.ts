/**
 * One distributor alias, taken apart once: the spec (its own column, else the part glued into the
 * name), the manufacturer (its column, else a company word in the name), the master's brands it
 * mentions, and the master entries whose generic name it spells (exactly, without a variant
 * bracket, without the salt, or as `X针`/`X粉针`).
 */
import type { ProductQuery } from '../types.js';
import { boundedMemo, memoByString } from './pure-memo.js';
import { detectDosageForm } from './dosage-form.js';
import { brandsInText, type ProductMasterIndex } from './product-master-index.js';
import { baseKey, foldedKey, injectionLong, nameKey, saltlessKey, saltOf, specTextKey, variantTags } from './product-keys.js';
import { findSpecSpan, splitProductName } from './product-name.js';
import { specCompareFacts, type CompareFacts } from './spec-compare.js';
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
  /** spec's derivations for compareSpecsWithFacts, made once per distinct spec string. */
  specFacts: CompareFacts;
  specInfo: boolean;
  /** Where the spec came from, for the reason. */
  specSource: 'spec' | 'name' | 'none';
  manufacturer?: string;
}

/** A word as a lookup piece ('' when too short); pure, and the same words recur across names. */
const pieceOf = memoByString((s: string): string => {
  let k = foldedKey(s);
  // A word cut out of a bracket pair (`(华素片)` split on spaces) loses only its unpaired paren.
  if (k.startsWith('(') && !k.includes(')')) k = k.slice(1);
  if (k.endsWith(')') && !k.includes('(')) k = k.slice(0, -1);
  return k.length >= 2 ? k : '';
});

function pieces(rest: string, extra: (string | undefined)[]): string[] {
  const out = new Set<string>();
  const add = (s: string | undefined): void => {
    const k = pieceOf(s ?? '');
    if (k !== '') out.add(k);
  };
  add(rest);
  for (const w of rest.split(/[\s,;/，；、]+/u)) add(w);
  for (const m of rest.matchAll(/[(（]([^()（）]{2,40})[)）]/gu)) add(m[1]);
  add(rest.replace(/[(（][^()（）]*[)）]/gu, ' ').trim());
  for (const w of rest.replace(/[(（][^()（）]*[)）]/gu, ' ').split(/\s+/u)) add(w);
  for (const e of extra) add(e);
  return [...out];
}

type LookupMap = 'byKey' | 'byBase' | 'bySaltless';

/** The keys a piece is looked up under, best rule first; a pure function of the piece, so memoised. */
const lookupKeys = memoByString((piece: string): Array<[LookupMap, string, GenericHit['rule'], number]> => {
  const long = injectionLong(piece);
  const tries: Array<[LookupMap, string, GenericHit['rule'], number]> = [
    ['byKey', piece, 'generic', 1],
    ['byBase', baseKey(piece), 'generic without variant', 0.98],
    ['bySaltless', saltlessKey(baseKey(piece)), 'generic without salt', 0.96],
  ];
  if (long) {
    tries.push(['byBase', baseKey(long), 'injection short name', 0.96]);
    tries.push(['bySaltless', saltlessKey(baseKey(long)), 'injection short name', 0.95]);
  }
  return tries;
});

function lookup(index: ProductMasterIndex, piece: string, hits: Map<number, GenericHit>): boolean {
  let found = false;
  for (const [map, key, rule, score] of lookupKeys(piece)) {
    for (const id of index[map].get(key) ?? []) {
      found = true;
      const prev = hits.get(id);
      if (!prev || prev.score < score) hits.set(id, { score, rule, piece });
    }
  }
  return found;
}

function analyseName(index: ProductMasterIndex, name: string, makerInColumn: boolean): NameFacts {
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

export type ProductQueryPreparer = (q: ProductQuery) => PreparedProductQuery;

/** What a raw name string gives before the maker column is known: its folded text and key. */
interface RawName {
  name: string;
  nameKey: string;
  /** The name's facts once looked up, by where the maker is (saves a map lookup per alias). */
  makerInName?: NameFacts;
  makerInColumn?: NameFacts;
}

/** A spec column, parsed once per distinct string. */
interface SpecFacts {
  spec: ParsedSpec;
  specInfo: boolean;
  specKey: string;
  specFacts: CompareFacts;
}

export function createProductQueryPreparer(index: ProductMasterIndex, cacheSize = 50_000): ProductQueryPreparer {
  // Every step is memoised per distinct string: 100k aliases carry ~14k names, ~37k specs, ~900 makers.
  const rawNames = boundedMemo<RawName>(cacheSize);
  const makerInName = boundedMemo<NameFacts>(cacheSize);
  const makerInColumn = boundedMemo<NameFacts>(cacheSize);
  const specs = boundedMemo<SpecFacts>(cacheSize);
  const specFacts = (raw: string | undefined): SpecFacts =>
    specs.get(raw ?? '', () => {
      const spec = parseSpec(raw ?? '');
      return { spec, specInfo: hasSpecInfo(spec), specKey: specTextKey(raw), specFacts: specCompareFacts(spec) };
    });
  // A maker column changes a name's facts only when the name itself holds a maker: otherwise the
  // facts found for the name under the other setting are the same, and are taken as they are.
  const nameFacts = (name: string, inColumn: boolean): NameFacts =>
    (inColumn ? makerInColumn : makerInName).get(name, () => {
      const other = (inColumn ? makerInName : makerInColumn).peek(name);
      return other && other.splitManufacturer === undefined ? other : analyseName(index, name, inColumn);
    });
  return (q) => {
    const raw = rawNames.get(q.name ?? '', () => ({
      name: (q.name ?? '').slice(0, 500).normalize('NFKC').replace(/\s+/gu, ' ').trim(),
      nameKey: nameKey(q.name ?? ''),
    }));
    const inColumn = !!q.manufacturer?.trim();
    const facts = inColumn ? (raw.makerInColumn ??= nameFacts(raw.name, true)) : (raw.makerInName ??= nameFacts(raw.name, false));
    const column = specFacts(q.spec);
    const useColumn = column.specInfo || facts.splitSpec === undefined;
    const { spec, specInfo, specFacts: compareFacts } = useColumn ? column : specFacts(facts.splitSpec);
    const manufacturer = q.manufacturer?.trim() || facts.splitManufacturer;
    const prepared: PreparedProductQuery = {
      nameKey: raw.nameKey,
      specKey: column.specKey,
      spec,
      specFacts: compareFacts,
      specInfo,
      specSource: !specInfo ? 'none' : useColumn ? 'spec' : 'name',
      core: facts.core,
      variants: facts.variants,
      brands: facts.brands,
      generic: facts.generic,
    };
    if (manufacturer) prepared.manufacturer = manufacturer;
    if (facts.form) prepared.form = facts.form;
    if (facts.salt) prepared.salt = facts.salt;
    return prepared;
  };
}
