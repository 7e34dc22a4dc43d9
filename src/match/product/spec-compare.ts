/**
 * Comparing two parsed specs. Callers normally use compareSpecs / specsEqual from spec-parse.ts,
 * which accept raw strings too.
 *
 * Public, stable:
 *   compareParsedSpecs(a: ParsedSpec, b: ParsedSpec): 'same' | 'different' | 'unknown'
 *   specCompareFacts(spec) + compareSpecsWithFacts(a, fa, b, fb): the same, with the per-spec
 *   derivations done once (the product matcher compares one spec with many)
 *
 * Facts compared, each only when both sides state it:
 *   strengths (as a multiset; `5%` with a volume or fill weight also compared as mg, so
 *   `5%*250ml` = `250ml:12.5g`), volume, fill weight, per-ml concentration, doses, pack count.
 * A lone mass is "the mass of one unit" whichever slot it landed in: `1.0g` (weightMg) against
 * `1.0g*10支` (strength) compares 1000 mg with 1000 mg.
 * - any conflict → 'different';
 * - a fact on one side only, or an implied pack count against a stated different one → 'unknown';
 * - otherwise 'same' (at least one fact must have matched).
 */
import type { ParsedSpec, SpecComparison, Strength } from './spec-types.js';

const EPS = 1e-6;

function eq(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

function key(s: Strength): string {
  return `${s.unit}:${Math.round(s.value * 1e6) / 1e6}`;
}

/** Percentages converted to mg where a volume (w/v) or fill weight (w/w) makes that possible. */
function asMg(spec: ParsedSpec): Strength[] {
  return spec.strengths.map((s) => {
    if (s.unit !== '%') return s;
    if (spec.volumeMl !== undefined) return { value: (s.value / 100) * spec.volumeMl * 1000, unit: 'mg' };
    if (spec.weightMg !== undefined) return { value: (s.value / 100) * spec.weightMg, unit: 'mg' };
    return s;
  });
}

/** Per-ml concentration in the unit of the amount, when derivable. */
function perMl(spec: ParsedSpec): Strength | undefined {
  const c = spec.concentration;
  if (!c?.per || c.per.unit !== 'ml' || c.per.value <= 0) return undefined;
  return { value: c.amount.value / c.per.value, unit: c.amount.unit };
}

/** The single mass stated for one unit when the spec has exactly one of weight or strength. */
function unitMass(spec: ParsedSpec): number | undefined {
  if (spec.weightMg !== undefined && spec.strengths.length === 0) return spec.weightMg;
  const only = spec.strengths[0];
  if (spec.weightMg === undefined && spec.strengths.length === 1 && only?.unit === 'mg') return only.value;
  return undefined;
}

type Verdict = 'match' | 'conflict' | 'missing' | 'absent';

/**
 * What a comparison reads from one spec, derived once per ParsedSpec (a master SKU's spec is
 * compared with thousands of aliases): the strengths as a sorted multiset key, the same with
 * percentages as mg, the lone unit mass and the per-ml concentration.
 */
export interface CompareFacts {
  strengthKey: string | undefined;
  mgKey: string;
  unitMass: number | undefined;
  perMl: Strength | undefined;
}

// Keys hold only a unit and a number, never '|', so equal joined keys mean equal multisets.
const multisetKey = (list: Strength[]): string => list.map(key).sort().join('|');

export function specCompareFacts(spec: ParsedSpec): CompareFacts {
  return {
    strengthKey: spec.strengths.length > 0 ? multisetKey(spec.strengths) : undefined,
    mgKey: multisetKey(asMg(spec)),
    unitMass: unitMass(spec),
    perMl: perMl(spec),
  };
}

function fact<T>(a: T | undefined, b: T | undefined, same: (x: T, y: T) => boolean): Verdict {
  if (a === undefined && b === undefined) return 'absent';
  if (a === undefined || b === undefined) return 'missing';
  return same(a, b) ? 'match' : 'conflict';
}

function comparePack(a: ParsedSpec, b: ParsedSpec): Verdict {
  if (a.packCount === null && b.packCount === null) return 'absent';
  if (a.packCount === null || b.packCount === null) return 'missing';
  if (eq(a.packCount, b.packCount)) return 'match';
  return a.packCountImplied || b.packCountImplied ? 'missing' : 'conflict';
}

/** Verdicts folded into bits as they come (no array per comparison): conflict, missing, match. */
const CONFLICT = 4;
const MISSING = 2;
const MATCH = 1;
const bit = (v: Verdict): number => (v === 'conflict' ? CONFLICT : v === 'missing' ? MISSING : v === 'match' ? MATCH : 0);

function strengthBits(a: ParsedSpec, b: ParsedSpec, fa: CompareFacts, fb: CompareFacts): number {
  const aHasW = a.weightMg !== undefined;
  const bHasW = b.weightMg !== undefined;
  // One side put its lone mass in weightMg, the other in strengths: compare them as one slot.
  if (fa.unitMass !== undefined && fb.unitMass !== undefined && aHasW !== bHasW) {
    return eq(fa.unitMass, fb.unitMass) ? MATCH : CONFLICT;
  }
  return bit(fact(fa.strengthKey, fb.strengthKey, (x, y) => x === y || fa.mgKey === fb.mgKey)) |
    bit(fact(a.weightMg, b.weightMg, eq));
}

export function compareParsedSpecs(a: ParsedSpec, b: ParsedSpec): SpecComparison {
  return compareSpecsWithFacts(a, specCompareFacts(a), b, specCompareFacts(b));
}

/** compareParsedSpecs with each side's specCompareFacts already derived (the matcher keeps them). */
export function compareSpecsWithFacts(a: ParsedSpec, fa: CompareFacts, b: ParsedSpec, fb: CompareFacts): SpecComparison {
  let flags = strengthBits(a, b, fa, fb) | bit(fact(a.volumeMl, b.volumeMl, eq)) |
    bit(fact(a.dosesPerUnit, b.dosesPerUnit, eq)) | bit(comparePack(a, b));
  // Per-ml concentration matters only when neither side has a total strength to compare.
  if (a.strengths.length === 0 || b.strengths.length === 0) {
    const ca = fa.perMl;
    const cb = fb.perMl;
    if (ca && cb) flags |= ca.unit === cb.unit && eq(ca.value, cb.value) ? MATCH : CONFLICT;
  }
  if (flags & CONFLICT) return 'different';
  if (flags & MISSING) return 'unknown';
  return flags & MATCH ? 'same' : 'unknown';
}
