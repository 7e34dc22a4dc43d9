import type { MatchPool } from '../../../match/match-pool.js';
import type { CustomerQuery, MatchResult, ProductQuery } from '../../../match/types.js';
import type { EarlyKind } from './early-answer-file.js';
import type { EarlyAnswers } from './early-matching.js';

/**
 * A match pool that asks the early-match worker (its matcher built during the load) while it
 * answers, and from the first time it cannot (it never ran, or is gone) the pool `cold()` opens:
 * the same answers either way, as both build their matchers from the same spec. `cold` is called
 * only then, so whatever it prepares for building matchers is not paid while the worker answers.
 */
export function earlyWorkerFirst<Q extends CustomerQuery | ProductQuery>(
  early: EarlyAnswers | null,
  kind: EarlyKind,
  cold: () => Promise<MatchPool<Q>>,
): MatchPool<Q> {
  let fallback: Promise<MatchPool<Q>> | undefined;
  return {
    matchAll: async (queries: Q[]): Promise<MatchResult[]> => {
      if (!fallback) {
        const answers = early ? await early.matchRest(kind, queries) : null;
        if (answers) return answers;
        fallback = cold();
      }
      return (await fallback).matchAll(queries);
    },
    close: async () => (await fallback)?.close(),
  };
}
