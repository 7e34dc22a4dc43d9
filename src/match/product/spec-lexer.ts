/**
 * Spec text normalisation and tokenising: the lexical half of spec-parse.ts.
 *
 * Public, stable:
 *   normaliseSpecText(raw: string): string   NFKC, lower case, × → *, noise removed
 *   tokenizeSpec(text: string): SpecToken[]   quantities, counts and `/unit` markers in order
 *   type SpecToken, TokenKind
 *   LATIN_UNIT_PATTERN, CJK_UNIT_PATTERN    unit alternations, for finding a spec inside a name
 *
 * Every regex here is linear: no nested or adjacent unbounded quantifiers over the same
 * characters, so untrusted input cannot cause catastrophic backtracking.
 */

export type TokenKind =
  | 'mass' // value in mg
  | 'volume' // value in ml
  | 'iu'
  | 'pct'
  | 'mmol'
  | 'dim' // cm / mm: plaster sizes, ignored
  | 'count' // 24片, 30s, 3板
  | 'dose' // 200揿, 60喷
  | 'bare' // a number with no unit
  | 'per'; // `/片`, `/盒`, `/ml`: a unit with no number after a slash

export interface SpecToken {
  kind: TokenKind;
  value: number; // canonical value (mg, ml, iu …); 0 for 'per'
  unit: string; // canonical unit ('mg', 'ml', '片', 's' …)
  sep: string; // the text between the previous token (or start) and this one
  raw: string;
  start: number;
}

/** NFKC (full-width → ASCII), lower case, × ✕ → *, whitespace collapsed, noise removed. */
export function normaliseSpecText(raw: string): string {
  let s = raw.normalize('NFKC').toLowerCase();
  s = s.replace(/[×✕╳]/gu, '*').replace(/[’‘`´]/gu, "'");
  s = s.replace(/[\s\u3000]+/gu, ' ').trim();
  // Each noise pattern needs a literal word; a spec without it skips the (lookbehind) regex scan.
  // Age ranges: (0-1岁), 1-3岁, 3岁以上.
  const age = s.includes('岁');
  if (age || s.includes('月')) s = s.replace(/\(?(?<![\d.])\d+(?:\.\d+)? ?[-~至到] ?\d+(?:\.\d+)? ?(?:周岁|岁|个月|月龄)\)?/gu, ' ');
  if (age) s = s.replace(/\(?(?<![\d.])\d+(?:\.\d+)? ?(?:周岁|岁)(?:以上|以下)?\)?/gu, ' ');
  // Plaster sizes written as (1.5*2.3)cm.
  if (s.includes(')')) s = s.replace(/\((?<![\d.])\d+(?:\.\d+)? ?\* ?\d+(?:\.\d+)?\) ?(?:cm|mm|厘米|毫米)/gu, ' ');
  // "相当于饮片10g" restates the crude-drug equivalent, not the product.
  if (s.includes('相当于')) s = s.replace(/相当于[^,;，；)）]*/gu, ' ');
  return s.replace(/ {2,}/gu, ' ').trim();
}

interface UnitDef {
  kind: Exclude<TokenKind, 'bare' | 'per'>;
  factor: number;
  canonical: string;
}

const MASS: Record<string, number> = {
  kg: 1e6, 千克: 1e6, g: 1000, 克: 1000, mg: 1, 毫克: 1, mcg: 0.001, μg: 0.001, ug: 0.001, 微克: 0.001,
};
const VOLUME: Record<string, number> = { l: 1000, 升: 1000, ml: 1, 毫升: 1, μl: 0.001, ul: 0.001 };
const IU = ['国际单位', '单位', 'iu', 'u'];
const DIM = ['cm', 'mm', '厘米', '毫米'];
const DOSE = ['揿', '撳', '喷', '吸', '次'];
/** Count units; multi-character ones first. 'T' (tablet) reads as 片, 's'/'pcs' as 's'. */
const COUNT_CJK = [
  '人份', '小袋', '大袋', '小盒', '中盒', '大盒', '安瓿', '片', '粒', '支', '袋', '瓶', '丸', '贴', '帖',
  '板', '盒', '包', '枚', '锭', '颗', '条', '块', '张', '只', '卷', '管', '罐', '听', '桶', '套', '盘',
];
const COUNT_LATIN: Record<string, string> = {
  tabs: '片', tab: '片', caps: '粒', cap: '粒', pcs: 's', pc: 's', "'s": 's', s: 's', t: '片',
};

const UNIT_TABLE = new Map<string, UnitDef>();
for (const [u, f] of Object.entries(MASS)) UNIT_TABLE.set(u, { kind: 'mass', factor: f, canonical: 'mg' });
for (const [u, f] of Object.entries(VOLUME)) UNIT_TABLE.set(u, { kind: 'volume', factor: f, canonical: 'ml' });
for (const u of IU) UNIT_TABLE.set(u, { kind: 'iu', factor: 1, canonical: 'iu' });
for (const u of DIM) UNIT_TABLE.set(u, { kind: 'dim', factor: 1, canonical: u });
for (const u of DOSE) UNIT_TABLE.set(u, { kind: 'dose', factor: 1, canonical: u === '撳' ? '揿' : u });
for (const u of COUNT_CJK) UNIT_TABLE.set(u, { kind: 'count', factor: 1, canonical: u });
for (const [u, c] of Object.entries(COUNT_LATIN)) UNIT_TABLE.set(u, { kind: 'count', factor: 1, canonical: c });
UNIT_TABLE.set('%', { kind: 'pct', factor: 1, canonical: '%' });
UNIT_TABLE.set('mmol', { kind: 'mmol', factor: 1, canonical: 'mmol' });
UNIT_TABLE.set('毫摩尔', { kind: 'mmol', factor: 1, canonical: 'mmol' });

const escape = (u: string): string => u.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length;
const LATIN_UNITS = [...UNIT_TABLE.keys()].filter((u) => /^[a-zμ'%]/u.test(u)).sort(byLength);
const CJK_UNITS = [...UNIT_TABLE.keys()].filter((u) => !/^[a-zμ'%]/u.test(u)).sort(byLength);
const LATIN_ALT = LATIN_UNITS.map(escape).join('|');
const CJK_ALT = CJK_UNITS.map(escape).join('|');
/** Regex alternations of every unit spelling (lower-case Latin; CJK), longest first. */
export const LATIN_UNIT_PATTERN = LATIN_ALT;
export const CJK_UNIT_PATTERN = CJK_ALT;

/**
 * A number (not glued to a preceding letter or digit: `B1片`, `H2003…` are names, not specs),
 * optional 万/亿, optional unit; or a slash followed directly by a unit (`/片`, `/ml`).
 * Latin units must not run into further letters (except x, the multiplication sign).
 */
const TOKEN_RE = new RegExp(
  `(?<![a-wyzα-ω0-9.])(\\d+(?:\\.\\d+)?)(?!\\.?\\d) ?(万|亿)? ?(?:(${LATIN_ALT})(?![a-wyz])|(${CJK_ALT})装?)?` +
    `|\\/ ?(?:(${LATIN_ALT})(?![a-wyz])|(${CJK_ALT}))`,
  'gu',
);

const MULTIPLIER: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Round away binary noise: 0.3 * 1000 → 300, not 300.00000000000006. */
export function roundQty(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Tokens in text order. `text` should come from normaliseSpecText. */
export function tokenizeSpec(text: string): SpecToken[] {
  const out: SpecToken[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    const sep = text.slice(last, start);
    last = start + m[0].length;
    const perUnit = m[5] ?? m[6];
    if (perUnit !== undefined) {
      const def = UNIT_TABLE.get(perUnit);
      out.push({ kind: 'per', value: 0, unit: def?.canonical ?? perUnit, sep, raw: m[0], start });
      continue;
    }
    const num = Number(m[1]);
    const unitText = m[3] ?? m[4];
    const def = unitText === undefined ? undefined : UNIT_TABLE.get(unitText);
    const mult = m[2] === undefined ? 1 : (MULTIPLIER[m[2]] ?? 1);
    if (def === undefined) {
      // A bare 万/亿 count in a drug spec is units of activity: `10万*5瓶` = 10万iu.
      const kind = m[2] === undefined ? 'bare' : 'iu';
      out.push({ kind, value: roundQty(num * mult), unit: kind === 'iu' ? 'iu' : '', sep, raw: m[0], start });
      continue;
    }
    out.push({ kind: def.kind, value: roundQty(num * mult * def.factor), unit: def.canonical, sep, raw: m[0], start });
  }
  return out;
}

/** True for a unit that names one dose (per-unit strength) rather than a container. */
export function isDoseUnit(unit: string): boolean {
  return ['片', '粒', '丸', '贴', '帖', '锭', '枚', '颗', 's', 'mg', 'g', 'ml'].includes(unit);
}
