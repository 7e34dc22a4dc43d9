/**
 * Manufacturer (生产厂家) names: normalising to a core and deciding whether two names are the same.
 *
 * Public, stable:
 *   normaliseManufacturer(raw: string): NormalisedManufacturer
 *   normalisedManufacturer(raw: string): NormalisedManufacturer   the same, memoised and shared (read-only)
 *   manufacturerMatch(a: string | undefined, b: string | undefined): 'same' | 'different' | 'unknown'
 *   manufacturerGroups(raw: string): string[]   short names (拜耳, 辉瑞 …) the table links it to
 *   isKnownManufacturerName(word: string): boolean   the word's core is exactly a table entry
 *   looksLikeManufacturer(word: string): boolean     a table entry, or ends like a company (公司, 厂, 药业 …)
 *
 * Core: NFKC, a few traditional characters folded (製藥廠 → 制药厂), bracketed parts dropped
 * ((中国), (天津), (集团)), a branch after the company (…有限公司启东分公司, …公司苏州制药厂) split
 * off, then legal and trade words stripped from the end (股份有限公司, 有限公司, 集团, 制药, 药业,
 * 医药, 保健, 生物, 科技 …) and one or two region prefixes (江苏, 吉林省, 广东省阳春市) split off
 * into `region`, never leaving a core shorter than two characters. Latin names: lower case,
 * punctuation gone, legal words (gmbh, ag, inc, ltd, s.a. …) and generic trade words dropped.
 *
 * manufacturerMatch:
 *   '' or missing on either side → 'unknown';
 *   equal cores, or one core inside the other (拜耳 ⊂ 拜耳医药保健, 益普生 ⊂ 博福-益普生) → 'same';
 *   both linked by the short-name table to one short name (强生 ↔ 西安杨森制药, 拜耳 ↔ Bayer S.A.) → 'same';
 *   both Chinese or both Latin and otherwise unrelated → 'different';
 *   Chinese against Latin with no table link → 'unknown' (a translation may still be the same firm),
 *   unless both are in the table under different short names → 'different'.
 * Region and branch are ignored: subsidiaries of one group compare 'same'; the spec and the
 * product name carry the discrimination.
 */
import { MANUFACTURER_SHORT_NAMES } from './manufacturer-short-names.js';
import { memoByString } from './pure-memo.js';
import { REGION_NAMES } from './region-names.js';

export interface NormalisedManufacturer {
  raw: string;
  core: string;
  region?: string;
  branch?: string;
  latin: boolean;
}

const TRAD: Record<string, string> = {
  製: '制', 藥: '药', 廠: '厂', 業: '业', 團: '团', 醫: '医', 華: '华', 東: '东', 學: '学', 國: '国',
  際: '际', 聯: '联', 灣: '湾', 發: '发', 實: '实', 體: '体', 興: '兴', 億: '亿', 樂: '乐',
  盧: '卢', 葯: '药', 們: '们', 貿: '贸', 廣: '广', 臺: '台', 門: '门',
};

const CN_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '股份公司', '公司', '总厂', '分厂', '制药厂', '药厂', '厂',
  '股份', '集团', '控股', '生物制药', '化学制药', '制药', '药业', '医药', '药品', '生物科技', '生物技术',
  '生物工程', '生物', '科技发展', '科技', '发展', '实业', '保健品', '保健', '化学', '生化', '制品', '工业',
  '中药饮片', '中药', '国际', '日化', '日用化学品', '化妆品', '保健食品', '食品', '药物研究所', '研究所',
];

const TRAD_RE = new RegExp(`[${Object.keys(TRAD).join('')}]`, 'gu');

const LATIN_DROP = new Set([
  'gmbh', 'ag', 'inc', 'ltd', 'limited', 'co', 'company', 'corp', 'corporation', 'sa', 's', 'a', 'nv', 'bv',
  'b', 'v', 'llc', 'srl', 'r', 'l', 'spa', 'p', 'pty', 'plc', 'kg', 'kk', 'ab', 'as', 'aps', 'dac', 'uc',
  'eeig', 'sas', 'the', 'and', 'of', 'de', 'cv', 'sdn', 'bhd', 'ehf', 'publ', 'pharma', 'pharmaceutical',
  'pharmaceuticals', 'pharm', 'laboratories', 'laboratory', 'laboratoires', 'laboratoire', 'laboratorios',
  'labs', 'healthcare', 'international', 'holding', 'holdings', 'industries', 'industrie', 'chemical',
  'chemicals', 'trading', 'services', 'group', 'gx', 'registration', 'europe', 'europharm', 'ireland', 'uk',
  'france', 'italia', 'deutschland', 'schweiz', 'nederland', 'australia', 'singapore', 'korea', 'us', 'usa',
]);

const REGION_SET = new Set(REGION_NAMES);
const SUFFIX_SET = new Set(CN_SUFFIXES);
const REGION_SUFFIX_RE = /^(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)/u;

function fold(raw: string): string {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(TRAD_RE, (c) => TRAD[c] ?? c);
  return s.replace(/\s+/gu, ' ');
}

function isRegion(s: string): boolean {
  const bare = s.replace(/(省|市|自治区)$/u, '');
  return REGION_SET.has(bare) || bare === '中国';
}

function isLatin(s: string): boolean {
  return !/[\u3400-\u9fff]/u.test(s);
}

/** A region at the start of s (longest first): returns [region, rest] or undefined. */
function splitRegion(s: string): [string, string] | undefined {
  for (let len = Math.min(8, s.length - 2); len >= 2; len--) {
    const head = s.slice(0, len);
    if (!REGION_SET.has(head) && head !== '中国') continue;
    const suffix = REGION_SUFFIX_RE.exec(s.slice(len))?.[0] ?? '';
    const rest = s.slice(len + suffix.length);
    if (rest.length >= 2 && !SUFFIX_SET.has(rest)) return [head, rest];
  }
  return undefined;
}

function normaliseLatin(raw: string, s: string): NormalisedManufacturer {
  const tokens = s.toLowerCase().replace(/[^a-z0-9\u00c0-\u024f]+/gu, ' ').trim().split(' ');
  const kept = tokens.filter((t) => t !== '' && !LATIN_DROP.has(t));
  return { raw, core: (kept.length > 0 ? kept : tokens).join(' '), latin: true };
}

export function normaliseManufacturer(raw: string): NormalisedManufacturer {
  // A copy: the memo's object is shared by every caller inside this module.
  return { ...normalisedManufacturer(raw) };
}

/**
 * normaliseManufacturer memoised, the object shared (read it, never change it): alias lists name
 * the same few hundred makers in every row, and each name costs a pass over the suffix table.
 */
export function normalisedManufacturer(raw: string): NormalisedManufacturer {
  return typeof raw === 'string' ? normaliseMemo(raw) : normaliseUncached('');
}

function normaliseUncached(source: string): NormalisedManufacturer {
  let s = fold(source.slice(0, 300)); // no company name is longer; keeps scans cheap
  if (s === '') return { raw: source, core: '', latin: false };
  if (isLatin(s)) return normaliseLatin(source, s);
  let region: string | undefined;
  let branch: string | undefined;
  // Bracketed parts: a region ((中国), (天津)) is kept aside, anything else ((集团)) dropped.
  s = s.replace(/\(([^()]{0,20})\)/gu, (_m, inner: string) => {
    if (region === undefined && (REGION_SET.has(inner) || inner === '中国')) region = inner;
    return '';
  });
  s = s.replace(/[()]/gu, '').replace(/ /gu, '');
  const firstCompany = s.indexOf('公司');
  if (firstCompany > 0 && firstCompany + 2 < s.length) {
    branch = s.slice(firstCompany + 2);
    s = s.slice(0, firstCompany + 2);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of CN_SUFFIXES) {
      // Never strip down to a bare region: 浙江医药 stays 浙江医药.
      if (s.endsWith(suf) && s.length - suf.length >= 2 && !isRegion(s.slice(0, -suf.length))) {
        s = s.slice(0, -suf.length);
        changed = true;
      }
    }
  }
  if (s.length > 4) s = s.replace(/集团/gu, '');
  for (let i = 0; i < 2; i++) {
    const split = splitRegion(s);
    if (!split) break;
    if (region === undefined || region === '中国') region = split[0];
    s = split[1];
  }
  return {
    raw: source,
    core: s,
    latin: false,
    ...(region !== undefined ? { region } : {}),
    ...(branch ? { branch } : {}),
  };
}

const normaliseMemo = memoByString(normaliseUncached);

/** core → short names, built once from the generated table. */
const GROUPS_BY_CORE: Map<string, Set<string>> = (() => {
  const map = new Map<string, Set<string>>();
  const add = (core: string, short: string): void => {
    if (core === '') return;
    let set = map.get(core);
    if (!set) map.set(core, (set = new Set()));
    set.add(short);
  };
  for (const [short, fulls] of MANUFACTURER_SHORT_NAMES) {
    add(normaliseManufacturer(short).core, short);
    for (const f of fulls) add(normaliseManufacturer(f).core, short);
  }
  return map;
})();

function containsTokens(longer: string, shorter: string): boolean {
  return ` ${longer} `.includes(` ${shorter} `);
}

function related(a: NormalisedManufacturer, b: NormalisedManufacturer): boolean {
  if (a.core === b.core) return true;
  const [short, long] = a.core.length <= b.core.length ? [a.core, b.core] : [b.core, a.core];
  if (a.latin && b.latin) return containsTokens(long, short) && short.length >= 3;
  return !a.latin && !b.latin && short.length >= 2 && long.includes(short);
}

function groupsOfNormalised(n: NormalisedManufacturer): Set<string> {
  const exact = GROUPS_BY_CORE.get(n.core);
  if (exact) return exact;
  const out = new Set<string>();
  // An unlisted affiliate (Bayer Consumer Care AG, 拜耳医药保健有限公司广州分公司) joins the group of
  // a listed core it contains.
  for (const [core, shorts] of GROUPS_BY_CORE) {
    if (related(n, { raw: core, core, latin: isLatin(core) })) for (const s of shorts) out.add(s);
  }
  return out;
}

export function manufacturerGroups(raw: string): string[] {
  return [...groupsOfNormalised(normalisedManufacturer(raw))].sort();
}

export function manufacturerMatch(
  a: string | undefined | null,
  b: string | undefined | null,
): 'same' | 'different' | 'unknown' {
  const na = normalisedManufacturer(a ?? '');
  const nb = normalisedManufacturer(b ?? '');
  if (na.core === '' || nb.core === '') return 'unknown';
  if (related(na, nb)) return 'same';
  const ga = groupsOfNormalised(na);
  const gb = groupsOfNormalised(nb);
  for (const g of ga) if (gb.has(g)) return 'same';
  if (na.latin === nb.latin) return 'different';
  return ga.size > 0 && gb.size > 0 ? 'different' : 'unknown';
}

export function isKnownManufacturerName(word: string): boolean {
  const core = normalisedManufacturer(word).core;
  return core !== '' && GROUPS_BY_CORE.has(core);
}

const COMPANY_END_RE = /(公司|厂|药业|制药|集团|药房|医药|生物|科技|实业|株式会社|gmbh|inc\.?|ltd\.?|limited|ag|s\.?a\.?|llc|co\.?)$/iu;

// Asked of every word of every alias name: the same few thousand words recur across aliases.
const looksLikeMemo = memoByString((word: string): boolean => {
  const w = fold(word);
  return w.length >= 2 && (COMPANY_END_RE.test(w) || isKnownManufacturerName(w));
});

export function looksLikeManufacturer(word: string): boolean {
  return looksLikeMemo(word);
}
