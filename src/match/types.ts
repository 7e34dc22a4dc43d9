/**
 * The alias resolver's public shapes. The engine is pure TypeScript (DuckDB's string distances
 * count bytes, not characters); `drugflow run` feeds it the distinct unresolved aliases only.
 */
export type MatchStatus = 'auto' | 'review' | 'unmatched';

export interface CustomerMasterEntry {
  code: string;
  name: string;
  type: string; // distributor | hospital | pharmacy | clinic | other
  province?: string;
  city?: string;
}

export interface ProductMasterEntry {
  sku: string;
  name: string; // generic name (通用名)
  brand?: string;
  spec?: string;
  unit?: string;
  manufacturer?: string;
}

export interface CustomerQuery {
  name: string;
  province?: string;
  city?: string;
  /** The reporting distributor's province/city: a hint when the row has none. */
  contextProvince?: string;
  contextCity?: string;
}

export interface ProductQuery {
  name: string;
  spec?: string;
  manufacturer?: string;
  unit?: string;
}

export interface Candidate {
  code: string;
  name: string;
  score: number; // 0..1
}

export interface MatchResult {
  status: MatchStatus;
  code: string | null; // set for auto; the best candidate's code for review; null for unmatched
  matchedName: string | null;
  score: number;
  method: 'exact' | 'normalised' | 'fuzzy' | 'none';
  candidates: Candidate[]; // up to 3, best first
  runnerUp: Candidate | null;
  /** Why: the rule that found the best candidate, score parts, and vetoes applied. */
  reason: string;
}

export interface MatchThresholds {
  auto: number;
  review: number;
  minMargin: number;
}
