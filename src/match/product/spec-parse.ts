/**
 * Product specification (规格) parsing and comparison.
 *
 * Public, stable:
 *   parseSpec(raw: string): ParsedSpec
 *   compareSpecs(a: string | ParsedSpec | undefined, b: …): 'same' | 'different' | 'unknown'
 *   specsEqual(a, b): boolean                      compareSpecs(a, b) === 'same'
 *   hasSpecInfo(spec: ParsedSpec): boolean         a strength, content, concentration or count
 *   types re-exported from spec-types.ts
 *
 * Rules (see spec-types.ts for the fields):
 * - Text: NFKC (full-width `１．５ｍｇ＊１５片` → `1.5mg*15片`), lower case; × x X ＊ multiply.
 * - Units: g/克 → mg ×1000, μg/ug/mcg/微克 → mg ÷1000, L → ml, IU/U/单位 → iu, 万/亿 × 1e4/1e8.
 * - Counts multiply across levels: `0.3g/片*10片/板*3板/盒` → 30; s, 's, T, 片, 粒, 支, 袋 … count.
 * - Ratios `2ml:10mg`, `10mg/2ml`, `1g:0.1g`, `0.1g/1g`: the volume (or the larger mass) is the fill
 *   (volumeMl / weightMg), the other side the strength. `5mg/ml` is a concentration only.
 * - A lone content spec (`150ml`, `20g`, `3g/瓶/盒`) is one unit: packCount 1 — stated when a
 *   container follows the slash (`150ml/瓶`), otherwise packCountImplied. A lone mass ≥ 1 g is a
 *   fill weight (weightMg), below 1 g a strength; compareSpecs reads both as "the mass of one unit".
 * - A lone strength (`50mg`, `0.3g/片`, `80万u`) leaves packCount null: the pack is not stated.
 * - A bare number before a count (`0.5*20粒`, `0.125X20粒`) gets a unit inferred (g below 10, or
 *   for 袋/包; mg otherwise) with a warning. A bare integer after `*` is a count (`50mg*24`).
 * - Noise dropped: age ranges `(0-1岁)`, plaster sizes `7cm*10cm`, `(1.5*2.3)cm`, `相当于…`,
 *   Chinese words between quantities (so a spec glued into a name still parses).
 */
import { isDoseUnit, normaliseSpecText, roundQty, tokenizeSpec, type SpecToken } from './spec-lexer.js';
import { compareParsedSpecs } from './spec-compare.js';
import type { Concentration, PackLevel, ParsedSpec, SpecComparison, Strength, StrengthUnit } from './spec-types.js';

export type * from './spec-types.js';

const MEASURES = new Set(['mass', 'volume', 'iu', 'pct', 'mmol']);
const STRENGTH_UNIT: Record<string, StrengthUnit> = { mass: 'mg', volume: 'ml', iu: 'iu', pct: '%', mmol: 'mmol' };

function toStrength(t: SpecToken): Strength {
  return { value: t.value, unit: STRENGTH_UNIT[t.kind] ?? 'mg' };
}

/** Bare numbers become counts (`50mg*24`) or inferred masses (`0.5*20粒`); others are dropped. */
function resolveBare(tokens: SpecToken[], warnings: string[]): SpecToken[] {
  const out: SpecToken[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'bare') {
      out.push(t);
      return;
    }
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    const multBefore = /[*x]/u.test(t.sep);
    if (prev && multBefore && (MEASURES.has(prev.kind) || prev.kind === 'count') && Number.isInteger(t.value)) {
      out.push({ ...t, kind: 'count', unit: '' });
    } else if (next && next.kind === 'count' && /[*x]/u.test(next.sep) && !out.some((o) => MEASURES.has(o.kind))) {
      const grams = t.value < 10 || next.unit === '袋' || next.unit === '包';
      warnings.push(`unit inferred: ${t.raw.trim()} → ${t.value}${grams ? 'g' : 'mg'}`);
      out.push({ ...t, kind: 'mass', unit: 'mg', value: roundQty(grams ? t.value * 1000 : t.value) });
    } else {
      warnings.push(`ignored number: ${t.raw.trim()}`);
    }
  });
  return out;
}

function isRatio(a: SpecToken, b: SpecToken): boolean {
  if (!MEASURES.has(a.kind) || !MEASURES.has(b.kind)) return false;
  if (/[:含]/u.test(b.sep)) return true;
  if (!b.sep.includes('/')) return false;
  // `0.15g/10g` (ointment): the active mass per the larger fill mass, the same as `10g:0.15g`.
  if (a.kind === 'mass' && b.kind === 'mass') return b.value > a.value;
  return b.kind === 'volume' && a.kind !== 'volume';
}

interface Acc {
  strengths: Strength[];
  concentration?: Concentration;
  volumeMl?: number;
  weightMg?: number;
  warnings: string[];
}

function applyRatio(acc: Acc, a: SpecToken, b: SpecToken): void {
  const vol = a.kind === 'volume' ? a : b.kind === 'volume' ? b : undefined;
  const other = vol === a ? b : a;
  if (vol && other.kind !== 'volume') {
    acc.volumeMl ??= vol.value;
    const s = toStrength(other);
    acc.strengths.push(s);
    acc.concentration = other.kind === 'pct' ? { amount: s } : { amount: s, per: { value: vol.value, unit: 'ml' } };
  } else if (a.kind === 'mass' && b.kind === 'mass') {
    const fill = Math.max(a.value, b.value);
    const active = Math.min(a.value, b.value);
    acc.weightMg ??= fill;
    acc.strengths.push({ value: active, unit: 'mg' });
    acc.concentration = { amount: { value: active, unit: 'mg' }, per: { value: fill, unit: 'mg' } };
  } else if (a.kind === 'mass' || b.kind === 'mass') {
    const mass = a.kind === 'mass' ? a : b;
    acc.weightMg ??= mass.value;
    acc.strengths.push(toStrength(mass === a ? b : a));
  } else {
    acc.strengths.push(toStrength(a), toStrength(b));
  }
}

function fmtNum(n: number): string {
  return String(roundQty(n));
}

export function formatStrength(s: Strength): string {
  if (s.unit === 'mg') return s.value >= 1000 ? `${fmtNum(s.value / 1000)}g` : `${fmtNum(s.value)}mg`;
  return `${fmtNum(s.value)}${s.unit}`;
}

function buildNormalised(p: Omit<ParsedSpec, 'normalised' | 'raw' | 'warnings'>): string {
  const parts: string[] = [];
  if (p.volumeMl !== undefined) parts.push(`${fmtNum(p.volumeMl)}ml`);
  if (p.weightMg !== undefined) parts.push(formatStrength({ value: p.weightMg, unit: 'mg' }));
  if (p.strengths.length > 0) parts.push(p.strengths.map(formatStrength).join('+'));
  else if (p.concentration?.per?.unit === 'ml' && p.concentration.per.value === 1) {
    parts.push(`${formatStrength(p.concentration.amount)}/ml`);
  }
  let out = parts.join(':');
  if (p.dosesPerUnit !== undefined) out += `(${fmtNum(p.dosesPerUnit)}揿)`;
  if (p.packCount !== null) out += `×${fmtNum(p.packCount)}`;
  return out;
}

export function parseSpec(raw: string): ParsedSpec {
  const source = typeof raw === 'string' ? raw : '';
  const warnings: string[] = [];
  // A spec longer than this is not a spec; cutting keeps every scan cheap on hostile input.
  const tokens = resolveBare(tokenizeSpec(normaliseSpecText(source.slice(0, 500))), warnings);
  const acc: Acc = { strengths: [], warnings };
  const levels: PackLevel[] = [];
  const used = new Set<number>();
  let containerUnit: string | undefined;
  let perDoseUnit: string | undefined;
  let dosesPerUnit: number | undefined;
  let ratioSeen = false;

  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1];
    const b = tokens[i];
    if (a && b && !used.has(i - 1) && !used.has(i) && isRatio(a, b)) {
      applyRatio(acc, a, b);
      used.add(i - 1).add(i);
      ratioSeen = true;
    }
  }

  tokens.forEach((t, i) => {
    if (used.has(i)) return;
    const next = tokens[i + 1];
    switch (t.kind) {
      case 'mass':
        // `32克(16粒)`: a mass followed by a bracketed count is the total fill, not a strength.
        if (next?.kind === 'count' && next.sep.includes('(')) acc.weightMg ??= t.value;
        else acc.strengths.push(toStrength(t));
        break;
      case 'iu':
      case 'mmol':
        acc.strengths.push(toStrength(t));
        break;
      case 'pct':
        acc.strengths.push(toStrength(t));
        acc.concentration ??= { amount: toStrength(t) };
        break;
      case 'volume':
        if (acc.volumeMl === undefined) acc.volumeMl = t.value;
        else warnings.push(`second volume ignored: ${t.raw.trim()}`);
        break;
      case 'count':
        levels.push(t.unit === '' ? { count: t.value } : { count: t.value, unit: t.unit });
        break;
      case 'dose':
        dosesPerUnit = t.value;
        break;
      case 'per': {
        const prev = tokens[i - 1];
        if (t.unit === 'ml' && prev && MEASURES.has(prev.kind) && prev.kind !== 'volume' && !ratioSeen) {
          const last = acc.strengths.pop();
          if (last) acc.concentration = { amount: last, per: { value: 1, unit: 'ml' } };
        } else if (isDoseUnit(t.unit) && levels.length === 0) perDoseUnit = t.unit;
        else if (!isDoseUnit(t.unit)) containerUnit = t.unit;
        break;
      }
      default:
        break;
    }
  });

  let packCount: number | null = null;
  let packCountImplied: boolean | undefined;
  let packUnit = levels[0]?.unit ?? perDoseUnit;
  if (levels.length > 0) {
    packCount = roundQty(levels.reduce((p, l) => p * l.count, 1));
  } else {
    const only = acc.strengths[0];
    if (!ratioSeen && acc.strengths.length === 1 && only?.unit === 'mg' && only.value >= 1000 &&
        acc.volumeMl === undefined && acc.weightMg === undefined && perDoseUnit === undefined) {
      acc.weightMg = only.value;
      acc.strengths = [];
    }
    const content = acc.volumeMl !== undefined || acc.weightMg !== undefined;
    if (content || (acc.strengths.length > 0 && containerUnit !== undefined && perDoseUnit === undefined)) {
      packCount = 1;
      if (containerUnit === undefined) packCountImplied = true;
      else packUnit ??= containerUnit;
    }
  }

  // Built field by field, not by spreads: one object per distinct spec of a 100k-alias month.
  const parsed: ParsedSpec = { strengths: acc.strengths, packCount, packLevels: levels } as ParsedSpec;
  if (acc.concentration) parsed.concentration = acc.concentration;
  if (acc.volumeMl !== undefined) parsed.volumeMl = acc.volumeMl;
  if (acc.weightMg !== undefined) parsed.weightMg = acc.weightMg;
  if (packCountImplied) parsed.packCountImplied = packCountImplied;
  if (packUnit) parsed.packUnit = packUnit;
  if (containerUnit) parsed.containerUnit = containerUnit;
  if (dosesPerUnit !== undefined) parsed.dosesPerUnit = dosesPerUnit;
  const normalised = buildNormalised(parsed);
  parsed.raw = source;
  parsed.normalised = normalised;
  parsed.warnings = warnings;
  return parsed;
}

/** True when the spec says anything usable: a strength, content, concentration or count. */
export function hasSpecInfo(spec: ParsedSpec): boolean {
  return spec.strengths.length > 0 || spec.packCount !== null || spec.volumeMl !== undefined ||
    spec.weightMg !== undefined || spec.concentration !== undefined;
}

type SpecInput = string | ParsedSpec | null | undefined;

function toParsed(x: SpecInput): ParsedSpec {
  if (x === null || x === undefined) return parseSpec('');
  return typeof x === 'string' ? parseSpec(x) : x;
}

/**
 * 'same' when every fact both sides state agrees and each side states the same kinds of fact;
 * 'different' when any fact both state conflicts; 'unknown' when one side lacks information the
 * other has (an alias with no spec, `*24片` against `50mg*24片`) or either side is empty.
 */
export function compareSpecs(a: SpecInput, b: SpecInput): SpecComparison {
  return compareParsedSpecs(toParsed(a), toParsed(b));
}

export function specsEqual(a: SpecInput, b: SpecInput): boolean {
  return compareSpecs(a, b) === 'same';
}
