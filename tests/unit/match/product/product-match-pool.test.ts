import { describe, expect, it } from 'vitest';
import { distinctBy } from '../../../../src/match/distinct.js';
import { openMatchPool } from '../../../../src/match/match-pool.js';
import { createProductMatcher, productQueryKey } from '../../../../src/match/product/product-matcher.js';
import type { MatchResult, ProductMasterEntry, ProductQuery } from '../../../../src/match/types.js';
import { evalProductAliases, evalProductMaster } from './eval-product-set.js';

/** A fixed permutation (a stride coprime with the length), so a failure replays. */
function permuted<T>(items: T[], stride: number): T[] {
  return items.map((_, i) => items[(i * stride) % items.length]!);
}

describe('product match pool (a worker that lives across batches)', () => {
  const master = evalProductMaster();
  const questions = distinctBy(evalProductAliases(), productQueryKey).distinct;
  const single = createProductMatcher(master);
  const expected = new Map<string, MatchResult>(questions.map((q) => [productQueryKey(q), single.match(q)]));
  const expectedFor = (qs: ProductQuery[]): MatchResult[] => qs.map((q) => expected.get(productQueryKey(q))!);
  const spec = (m: ProductMasterEntry[]) => ({ kind: 'product' as const, master: m, options: {} });

  it('is a realistic set: thousands of distinct questions, most answered auto, some not', () => {
    expect(questions.length).toBeGreaterThan(2500);
    const statuses = [...expected.values()].map((r) => r.status);
    expect(statuses.filter((s) => s === 'auto').length).toBeGreaterThan(questions.length / 2);
    expect(statuses.filter((s) => s === 'unmatched').length).toBeGreaterThan(100);
  });

  it('answers every batch, in any order, as one thread answers each question', async () => {
    const problems: string[] = [];
    let byWorkers = 0;
    const pool = openMatchPool(spec(master), {
      threads: 2, minParallel: 1, chunkSize: 61,
      onWorkerProblem: (m) => problems.push(m),
      onShared: (share) => (byWorkers += share.byWorkers),
    });
    try {
      // Batch after batch in other orders, until the worker (building its matcher meanwhile) has
      // answered some: the answers never depend on the order or on which thread took a question.
      for (let batch = 0; batch < 40 && byWorkers === 0; batch++) {
        const order = permuted(questions, [1, 7, 11, 13, 17][batch % 5]!).slice(0, 1500 + (batch % 3) * 500);
        expect(await pool.matchAll(order)).toEqual(expectedFor(order));
      }
      expect(byWorkers).toBeGreaterThan(0);
      const last = permuted(questions, 19);
      expect(await pool.matchAll(last)).toEqual(expectedFor(last));
    } finally {
      await pool.close();
    }
    expect(problems).toEqual([]);
  });

  it('falls back to the calling thread when the worker cannot start, with the same answers', async () => {
    // A master entry that cannot be copied to a worker (a function) stops the worker at start.
    const uncopyable = master.map((m, i) => (i === 0 ? { ...m, toJSON: () => m } : m));
    const problems: string[] = [];
    const pool = openMatchPool(spec(uncopyable), { threads: 2, minParallel: 1, onWorkerProblem: (m) => problems.push(m) });
    try {
      expect(await pool.matchAll(questions.slice(0, 1200))).toEqual(expectedFor(questions.slice(0, 1200)));
      expect(await pool.matchAll(questions.slice(1200))).toEqual(expectedFor(questions.slice(1200)));
    } finally {
      await pool.close();
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/product match worker did not start/);
  });

  it('keeps answering on the calling thread after close, and below the parallel threshold', async () => {
    const problems: string[] = [];
    const pool = openMatchPool(spec(master), { threads: 2, minParallel: 1_000, onWorkerProblem: (m) => problems.push(m) });
    const few = questions.slice(0, 999);
    expect(await pool.matchAll(few)).toEqual(expectedFor(few));
    await pool.close();
    const rest = questions.slice(999);
    expect(await pool.matchAll(rest)).toEqual(expectedFor(rest));
    expect(problems).toEqual([]);
  });
});
