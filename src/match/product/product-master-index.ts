/**
 * The product master, prepared once: every SKU's keys, parsed spec and manufacturer, plus the
 * lookups candidate generation needs (name keys, brands, a bigram index over distinct products)
 * and the facts the auto rules need (SKUs per product, makers per generic or brand).
 * Building costs O(master); a query touches only the entries its keys or rare bigrams reach.
 */
import { NgramIndex } from '../ngram-index.js';
import type { ProductMasterEntry } from '../types.js';
import { normaliseBrand } from './brands.js';
import { detectDosageForm } from './dosage-form.js';
import { manufacturerMatch, normalisedManufacturer } from './manufacturer.js';
import { baseKey, nameKey, saltlessKey, saltOf, specTextKey, variantTags } from './product-keys.js';
import { specCompareFacts, type CompareFacts } from './spec-compare.js';
import { hasSpecInfo, parseSpec, type ParsedSpec } from './spec-parse.js';

export interface PreparedEntry {
  id: number;
  entry: ProductMasterEntry;
  /** generic + brand + spec, for candidates and reasons. */
  display: string;
  key: string;
  base: string;
  saltless: string;
  salt?: string;
  form?: string;
  brand?: string;
  variants: string[];
  spec: ParsedSpec;
  specInfo: boolean;
  /** The spec as written (specTextKey), for the 'exact' method. */
  specKey: string;
  specFacts: CompareFacts;
  manufacturer: string;
  /** generic + form + manufacturer: SKUs of one product differ only by spec. */
  product: string;
}

export interface ProductMasterIndex {
  entries: PreparedEntry[];
  byKey: Map<string, number[]>;
  byBase: Map<string, number[]>;
  bySaltless: Map<string, number[]>;
  byBrand: Map<string, number[]>;
  /** Distinct brand lengths, longest first, for the substring scan. */
  brandLengths: number[];
  byProduct: Map<string, number[]>;
  /** Distinct makers (manufacturerMatch-distinct) per saltless generic, and per brand. */
  makersByGeneric: Map<string, number>;
  makersByBrand: Map<string, number>;
  ngram: NgramIndex;
  /** ngram key → entry ids (one key per distinct generic + brand). */
  ngramEntries: number[][];
  /** Cached manufacturerMatch: aliases repeat a few hundred maker spellings. */
  sameMaker(a: string | undefined, b: string | undefined): 'same' | 'different' | 'unknown';
  /** The alias's maker against a master maker, finer than sameMaker (cached). */
  makerRelation(alias: string, master: string): MakerRelation;
}

/**
 * exact: the same company core; same: one group or one name inside the other (拜耳 ↔ 拜耳医药保健);
 * partial: manufacturerMatch says different, but the alias is a cut of the master's name
 * (`dr.` of `Dr. Gerhard Mann …`, `医药新昌` of `浙江医药股份有限公司新昌制药厂`): too little to pay
 * on, too much to call another company; unknown: no relation decidable (Chinese vs Latin).
 */
export type MakerRelation = 'exact' | 'same' | 'partial' | 'different' | 'unknown';

const foldMaker = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^a-z0-9\u3400-\u9fff]/gu, '');

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

function relateMakers(alias: string, master: string, same: ProductMasterIndex['sameMaker']): MakerRelation {
  const m = same(alias, master);
  if (m === 'same') {
    const a = normalisedManufacturer(alias);
    const b = normalisedManufacturer(master);
    return a.core === b.core || foldMaker(alias) === foldMaker(master) ? 'exact' : 'same';
  }
  const fa = foldMaker(alias);
  const fb = foldMaker(master);
  if (fa === fb && fa !== '') return 'exact';
  if (m === 'unknown') return 'unknown';
  const cjk = /[\u3400-\u9fff]/u.test(fa);
  if (fa.length >= 1 && fb.startsWith(fa)) return 'partial';
  if (cjk && fa.length >= 3 && isSubsequence(fa, fb)) return 'partial';
  return 'different';
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function countMakers(ids: number[], entries: PreparedEntry[], same: ProductMasterIndex['sameMaker']): number {
  const reps: string[] = [];
  for (const id of ids) {
    const m = entries[id]?.manufacturer ?? '';
    if (m === '' || reps.some((r) => r === m || same(r, m) === 'same')) continue;
    reps.push(m);
  }
  return reps.length;
}

export function buildProductMasterIndex(master: readonly ProductMasterEntry[]): ProductMasterIndex {
  const makerCache = new Map<string, 'same' | 'different' | 'unknown'>();
  const sameMaker = (a: string | undefined, b: string | undefined): 'same' | 'different' | 'unknown' => {
    if (!a || !b) return 'unknown';
    const k = `${a}\u0000${b}`;
    let v = makerCache.get(k);
    if (v === undefined) makerCache.set(k, (v = manufacturerMatch(a, b)));
    return v;
  };
  // alias maker → master maker → relation: nested maps, so the hot path builds no key string.
  const relationCache = new Map<string, Map<string, MakerRelation>>();
  const makerRelation = (a: string, b: string): MakerRelation => {
    let row = relationCache.get(a);
    if (row === undefined) relationCache.set(a, (row = new Map()));
    let v = row.get(b);
    if (v === undefined) row.set(b, (v = relateMakers(a, b, sameMaker)));
    return v;
  };
  const entries: PreparedEntry[] = master.map((entry, id) => {
    const key = nameKey(entry.name);
    const base = baseKey(key);
    const spec = parseSpec(entry.spec ?? '');
    const brand = entry.brand ? nameKey(normaliseBrand(entry.brand)) : undefined;
    const manufacturer = (entry.manufacturer ?? '').trim();
    const form = detectDosageForm(entry.name);
    const salt = saltOf(base);
    return {
      id, entry, key, base, saltless: saltlessKey(base), variants: variantTags(entry.name), spec,
      specInfo: hasSpecInfo(spec), specKey: specTextKey(entry.spec), specFacts: specCompareFacts(spec), manufacturer,
      display: [entry.name, entry.brand, entry.spec].filter((x) => x).join(' '),
      product: `${key}|${normalisedManufacturer(manufacturer).core}`,
      ...(brand && brand.length >= 2 ? { brand } : {}),
      ...(form ? { form } : {}),
      ...(salt ? { salt } : {}),
    };
  });
  const byKey = new Map<string, number[]>();
  const byBase = new Map<string, number[]>();
  const bySaltless = new Map<string, number[]>();
  const byBrand = new Map<string, number[]>();
  const byProduct = new Map<string, number[]>();
  const byNgramText = new Map<string, number[]>();
  for (const e of entries) {
    push(byKey, e.key, e.id);
    push(byBase, e.base, e.id);
    push(bySaltless, e.saltless, e.id);
    push(byProduct, e.product, e.id);
    if (e.brand) push(byBrand, e.brand, e.id);
    push(byNgramText, `${e.base}\u0000${e.brand ?? ''}`, e.id);
  }
  const makersByGeneric = new Map<string, number>();
  for (const [k, ids] of bySaltless) makersByGeneric.set(k, countMakers(ids, entries, sameMaker));
  const makersByBrand = new Map<string, number>();
  for (const [k, ids] of byBrand) makersByBrand.set(k, countMakers(ids, entries, sameMaker));
  const ngramKeys = [...byNgramText.keys()];
  const ngram = new NgramIndex(
    ngramKeys.map((k) => k.split('\u0000')[0] ?? ''),
    ngramKeys.map((k) => [k.split('\u0000')[1] ?? '']),
  );
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
export function brandsInText(index: ProductMasterIndex, text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length - 1) {
    let hit: string | undefined;
    for (const len of index.brandLengths) {
      if (i + len > text.length) continue;
      const piece = text.slice(i, i + len);
      if (index.byBrand.has(piece)) {
        hit = piece;
        break;
      }
    }
    if (hit) {
      if (!found.includes(hit)) found.push(hit);
      i += hit.length;
    } else i++;
  }
  return found;
}
