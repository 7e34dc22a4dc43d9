/**
 * Loads the drugflow engine (src/match/{customer,product}-matcher.ts) if it exists yet, and adapts
 * whatever it returns (a function, or an object with match/matchOne) to a per-query Matcher.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MatchResult } from '../../src/match/types.js';
import type { Matcher } from './baselines.js';
import type { Outcome } from './metrics.js';

const SRC = fileURLToPath(new URL('../../src/match/', import.meta.url));
/** The built engine, what `drugflow` itself runs (npm run bench builds first); the sources only when there is no build. */
const DIST = fileURLToPath(new URL('../../dist/match/', import.meta.url));

export function toOutcome(r: MatchResult): Outcome {
  return {
    status: r.status, code: r.code, candidates: (r.candidates ?? []).map((c) => c.code), score: r.score,
    matchedName: r.matchedName, method: r.method, reason: r.reason,
  };
}

type Factory = (master: unknown) => unknown;

export async function loadEngine<Q>(file: 'customer-matcher' | 'product-matcher', factoryName: string)
  : Promise<((master: unknown) => Promise<Matcher<Q>>) | string> {
  const sub = `${file === 'product-matcher' ? 'product/' : ''}${file}`;
  const built = `${DIST}${sub}.js`;
  const path = process.env.DRUGFLOW_BENCH_SOURCES !== '1' && existsSync(built) ? built : `${SRC}${sub}.ts`;
  if (!existsSync(path)) return `engine not available yet (src/match/${file}.ts missing)`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    return `engine failed to load: ${(e as Error).message.split('\n')[0]}`;
  }
  const factory = mod[factoryName] as Factory | undefined;
  if (typeof factory !== 'function') return `engine not available yet (${file}.ts has no ${factoryName})`;
  return async (master) => {
    const m = (await factory(master)) as unknown;
    const call =
      typeof m === 'function' ? (m as (q: Q) => MatchResult | Promise<MatchResult>)
      : m && typeof (m as { match?: unknown }).match === 'function' ? (q: Q) => (m as { match: (q: Q) => MatchResult | Promise<MatchResult> }).match(q)
      : m && typeof (m as { matchOne?: unknown }).matchOne === 'function' ? (q: Q) => (m as { matchOne: (q: Q) => MatchResult | Promise<MatchResult> }).matchOne(q)
      : null;
    if (!call) throw new Error(`${factoryName}() returned neither a function nor an object with match()`);
    return (q: Q) => {
      const r = call(q);
      return r instanceof Promise ? r.then(toOutcome) : toOutcome(r);
    };
  };
}
