/**
 * From scored candidates to a decision: auto (the engine is sure), review (a person decides),
 * unmatched. Auto needs a high score, a clear margin over the best *other* entry, and no veto;
 * two equally good entries are never auto, whatever their score.
 */
import type { Candidate, MatchResult, MatchThresholds } from './types.js';

/**
 * Defaults measured with bench/match-smoke.ts (precision of auto ≥ 99.5%, not-in-master names
 * auto-matched ≤ 0.5%); `drugflow.yaml` `matching:` overrides them.
 */
export const DEFAULT_CUSTOMER_THRESHOLDS: MatchThresholds = { auto: 0.9, review: 0.55, minMargin: 0.06 };
// Product defaults live with the product matcher (src/match/product/product-matcher.ts).

export interface ScoredCandidate {
  code: string;
  name: string;
  score: number;
  vetoes: string[];
  /** Score parts, for the reason. */
  parts: string;
  method: 'exact' | 'normalised' | 'fuzzy';
  /** A rule that forbids auto without being a veto of this pair (a generic name with no region). */
  blockAuto?: string;
}

export function resolveThresholds(base: MatchThresholds, override?: Partial<MatchThresholds>): MatchThresholds {
  const t = { ...base, ...(override ?? {}) };
  for (const key of ['auto', 'review', 'minMargin'] as const) {
    const v = t[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new RangeError(`matching threshold ${key} must be a number from 0 to 1, got ${String(v)}`);
  }
  if (t.review > t.auto) throw new RangeError(`matching threshold review (${t.review}) must not exceed auto (${t.auto})`);
  return t;
}

/** Best first; among equal scores, unvetoed first, then the master's order (stable). */
export function rankCandidates(candidates: ScoredCandidate[]): ScoredCandidate[] {
  return [...candidates].sort((a, b) => b.score - a.score || a.vetoes.length - b.vetoes.length);
}

const fmt = (x: number): string => x.toFixed(2);

function toCandidate(c: ScoredCandidate): Candidate {
  return { code: c.code, name: c.name, score: Math.round(c.score * 1000) / 1000 };
}

export function unmatched(reason: string, candidates: ScoredCandidate[] = []): MatchResult {
  const shown = candidates.slice(0, 3).map(toCandidate);
  return { status: 'unmatched', code: null, matchedName: null, score: shown[0]?.score ?? 0, method: 'none', candidates: shown, runnerUp: shown[1] ?? null, reason };
}

/** Decides on candidates already ranked by `rankCandidates` (one per master entry). */
export function decide(ranked: ScoredCandidate[], thresholds: MatchThresholds): MatchResult {
  const best = ranked.find((c) => c.vetoes.length === 0);
  const shownFrom = best ? [best, ...ranked.filter((c) => c !== best)] : ranked;
  const candidates = shownFrom.slice(0, 3).map(toCandidate);
  if (!best) {
    const top = ranked[0];
    const why = top ? `every candidate vetoed; best ${top.name} ${fmt(top.score)} (${top.vetoes.join(', ')})` : 'no candidate shares a rare character pair';
    return { ...unmatched(why, ranked), candidates, runnerUp: candidates[1] ?? null };
  }
  const rival = ranked.find((c) => c !== best && c.vetoes.length === 0 && c.code !== best.code);
  const margin = best.score - (rival?.score ?? 0);
  const runnerUp = rival ? toCandidate(rival) : null;
  const marginText = rival ? `margin ${fmt(margin)} over ${rival.name} ${fmt(rival.score)}` : 'no rival';
  const vetoed = ranked.filter((c) => c.vetoes.length && c.score > best.score).slice(0, 2);
  const vetoText = vetoed.length ? `; vetoed: ${vetoed.map((c) => `${c.name} (${c.vetoes.join(', ')})`).join('; ')}` : '';
  const base = `${best.method} ${best.name} ${fmt(best.score)} [${best.parts}], ${marginText}${vetoText}`;

  let status: MatchResult['status'];
  let why: string;
  if (best.score >= thresholds.auto && margin >= thresholds.minMargin && !best.blockAuto) {
    status = 'auto';
    why = 'auto';
  } else if (best.score >= thresholds.review) {
    status = 'review';
    why = best.blockAuto
      ? `review (${best.blockAuto})`
      : best.score < thresholds.auto
        ? `review (score below ${fmt(thresholds.auto)})`
        : `review (ambiguous: margin below ${fmt(thresholds.minMargin)})`;
  } else {
    return { ...unmatched(`unmatched (best score below ${fmt(thresholds.review)}): ${base}`, ranked), candidates, runnerUp };
  }
  return {
    status,
    code: best.code,
    matchedName: best.name,
    score: Math.round(best.score * 1000) / 1000,
    method: best.method,
    candidates,
    runnerUp,
    reason: `${why}: ${base}`,
  };
}
