/**
 * Shapes of a parsed product specification (规格). See spec-parse.ts for the rules that fill them.
 *
 * Public, stable:
 *   type StrengthUnit, interface Strength, Concentration, PackLevel, ParsedSpec, SpecComparison
 */

/** Canonical units. Mass is always mg, volume ml, units of activity iu. */
export type StrengthUnit = 'mg' | 'ml' | 'iu' | '%' | 'mmol';

export interface Strength {
  value: number;
  unit: StrengthUnit;
}

/**
 * A ratio spec: `2ml:10mg` → 10 mg in 2 ml; `1g:0.1g` → 100 mg in 1000 mg; `5mg/ml` → 5 mg per 1 ml;
 * `0.9%` → 0.9 % (no `per`).
 */
export interface Concentration {
  amount: Strength;
  per?: { value: number; unit: 'ml' | 'mg' };
}

/** One counting level, innermost first: `0.6g*8片*10瓶/盒` → [{8,'片'},{10,'瓶'}]. */
export interface PackLevel {
  count: number;
  /** 片, 粒, 支, 袋, 瓶, 板, 盒, 丸, 贴 … ; 's' for `30s`/`24's`; undefined for a bare `*24`. */
  unit?: string;
}

export interface ParsedSpec {
  /** Active amounts per dose unit (or per fill when a ratio gives one), normalised units. */
  strengths: Strength[];
  concentration?: Concentration;
  /** Liquid fill of one unit: `10ml*6支` → 10; `150ml/瓶` → 150; `2ml:10mg` → 2. */
  volumeMl?: number;
  /**
   * Net fill weight (mg) of one unit for semi-solids, powders, pills sold by weight:
   * a lone mass ≥ 1 g with no count (`20g` ointment, `3g` 锭剂, `1.0g` vial), the fill side of
   * `20g:0.2g`, or a total followed by a count in parentheses (`32克(16粒)`).
   */
  weightMg?: number;
  /** Smallest units per sales pack (product of all levels); null when the spec does not say. */
  packCount: number | null;
  /**
   * True when packCount = 1 was inferred from a lone content spec (`150ml`, `20g`) rather than
   * stated (`150ml/瓶`). An implied count never makes two specs 'different' on its own.
   */
  packCountImplied?: boolean;
  /** Unit of the innermost count: '片' for `10片*3板`; 'T' is read as '片'. */
  packUnit?: string;
  /** The sales pack named after a trailing slash: `…/盒` → '盒'. */
  containerUnit?: string;
  packLevels: PackLevel[];
  /** Metered doses per unit: `200揿` → 200. */
  dosesPerUnit?: number;
  raw: string;
  /** Canonical text for display and exact comparison: '50mg×24', '2ml:10mg×5', '20g×1'. */
  normalised: string;
  /** Guesses made (unit inferred for a bare number, ignored pieces). Empty when clean. */
  warnings: string[];
}

export type SpecComparison = 'same' | 'different' | 'unknown';
