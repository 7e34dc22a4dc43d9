/**
 * Lookup keys for product names (通用名). Distributors write the same generic with or without its
 * salt (盐酸…), with a variant bracket ((Ⅱ), (18AA-Ⅰ)) or without, and injections as `X针` /
 * `X粉针`; each spelling folds to a few keys so a name is found by a map lookup, not a scan.
 *
 *   nameKey(raw)        NFKC, no spaces, lower case, marks (®™☆) dropped: `阿卡波糖片` (foldedKey: no NFKC)
 *   baseKey(key)        bracketed parts removed: `碳酸钙d3咀嚼片(iii)` → `碳酸钙d3咀嚼片`
 *   saltlessKey(key)    a leading salt (after an optional 注射用/吸入用) dropped: 盐酸二甲双胍片 → 二甲双胍片
 *   injectionLong(key)  `X粉针` → `注射用X`, `X针` → `X注射液` (undefined when neither)
 *   variantTags(raw)    bracketed variant marks (roman numerals, digits, 18AA-Ⅰ) for a conflict check
 *   specTextKey(raw)    NFKC, lower case, no spaces: the spec as written, for the 'exact' method
 *   dice(a, b)          character-bigram Dice similarity 0..1
 */

const SALT_RE =
  /^(注射用|吸入用)?(对甲苯磺酸|甲苯磺酸|苯磺酸|甲磺酸|盐酸|硫酸|枸橼酸|马来酸|琥珀酸|富马酸|酒石酸|醋酸|磷酸|氢溴酸|苯甲酸|草酸|乳酸|门冬氨酸|乙磺酸|萘磺酸)(?=.{3,})/u;

export function nameKey(raw: string): string {
  return foldedKey((raw ?? '').normalize('NFKC'));
}

/** nameKey for text already NFKC-folded (the per-alias hot path folds once). */
export function foldedKey(nfkc: string): string {
  // One pass over the text (this runs for every word of every alias), not three replaces.
  return nfkc.toLowerCase().replace(FOLD_RE, foldChar);
}

const FOLD_RE = /[\s®™©☆★*"“”'‘’【[〔】\]〕]/gu;
const foldChar = (c: string): string => (c === '【' || c === '[' || c === '〔' ? '(' : c === '】' || c === ']' || c === '〕' ? ')' : '');

export function specTextKey(raw: string | undefined): string {
  return (raw ?? '').normalize('NFKC').toLowerCase().replace(/\s/gu, '');
}

export function baseKey(key: string): string {
  const out = key.replace(/\([^()]*\)/gu, '');
  return out === '' ? key : out;
}

/** The salt word at the start of a key, if any (`盐酸`), for the salt-conflict veto. */
export function saltOf(key: string): string | undefined {
  return SALT_RE.exec(key)?.[2];
}

export function saltlessKey(key: string): string {
  return key.replace(SALT_RE, (_m, prefix: string | undefined) => prefix ?? '');
}

export function injectionLong(key: string): string | undefined {
  if (key.endsWith('粉针') && key.length > 3) return `注射用${key.slice(0, -2)}`;
  if (key.endsWith('针剂') && key.length > 3) return `${key.slice(0, -2)}注射液`;
  if (key.endsWith('针') && !key.endsWith('注射针') && key.length > 2) return `${key.slice(0, -1)}注射液`;
  return undefined;
}

const VARIANT_RE = /^[0-9a-z\-.ivx+]+$/u;

/** Variant marks in brackets: `复方氨基酸注射液(18AA-Ⅰ)` → ['18aa-i']. Brands and words are not marks. */
export function variantTags(raw: string): string[] {
  const tags: string[] = [];
  for (const m of nameKey(raw).matchAll(/\(([^()]{1,12})\)/gu)) {
    const t = m[1] ?? '';
    if (VARIANT_RE.test(t)) tags.push(t);
  }
  return tags;
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  if (s.length === 1) out.set(s, 1);
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

export function dice(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const [g, n] of gb) {
    total += n;
    shared += Math.min(n, ga.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}
