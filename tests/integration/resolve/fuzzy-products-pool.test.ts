import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/config/workspace.js';
import { appendRow, Database } from '../../../src/db/database.js';
import { distinctBy } from '../../../src/match/distinct.js';
import { createProductMatcher, productQueryKey } from '../../../src/match/product/product-matcher.js';
import { resolveProductsFuzzy } from '../../../src/stages/resolve/fuzzy-products.js';
import { PRODUCT_RESOLUTIONS_DDL } from '../../../src/stages/resolve/resolution-tables.js';
import { evalProductAliases, evalProductMaster } from '../../unit/match/product/eval-product-set.js';

interface Row {
  distributor: string;
  raw_name: string;
  raw_spec: string | null;
  raw_unit: string | null;
  raw_manufacturer: string | null;
  code: string | null;
  status: string;
  method: string;
  score: number;
  matched_name: string | null;
  runner_up_code: string | null;
  reason: string;
  candidates: string;
}

/**
 * The product fuzzy tier with its worker thread, on the real-name eval set: every distinct question
 * from eight distributors, so the same question sits in adjacent rows and the pending aliases span
 * two 20k-row chunks. Each row must carry the answer one thread gives its question.
 */
describe('resolveProductsFuzzy on two threads', () => {
  const master = evalProductMaster();
  const questions = distinctBy(evalProductAliases(), productQueryKey).distinct;
  const distributors = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'];
  const ws = {
    mappings: { products: master.map((p) => ({ ...p, product_group: undefined })) },
    matching: { products: {} },
  } as unknown as Workspace;
  let db: Database;
  let rows: Row[];
  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }));

  beforeAll(async () => {
    db = await Database.open(':memory:');
    await db.run('setup', PRODUCT_RESOLUTIONS_DDL);
    const appender = await db.appender('product_resolutions');
    for (const d of distributors) {
      for (const q of questions) {
        // distributor, raw_*, rows, qty, amount, factor, code, status, method, score, …: a pending alias.
        appendRow(appender, [d, q.name, q.spec, q.unit, q.manufacturer, 1, 1, 1, null, null, 'unmatched', 'none', null, null, null, null, null, null]);
      }
    }
    appender.closeSync();
    await resolveProductsFuzzy(db, ws, log);
    rows = await db.all<Row>('result', 'SELECT * FROM product_resolutions ORDER BY ALL');
  }, 120_000);
  afterAll(() => db?.close());

  it('spans more than one chunk of pending aliases', () => {
    expect(rows.length).toBe(questions.length * distributors.length);
    expect(rows.length).toBeGreaterThan(20_000);
  });

  it('had its worker thread: no worker problem was logged', () => {
    expect(logLines.some((l) => l.includes('product aliases matched'))).toBe(true);
    expect(logLines.filter((l) => l.includes('match worker'))).toEqual([]);
  });

  it('gives every row the single-thread answer to its question', () => {
    const single = createProductMatcher(master);
    const expected = new Map(questions.map((q) => [productQueryKey(q), single.match(q)]));
    const mismatches = rows.filter((r) => {
      const want = expected.get(productQueryKey({ name: r.raw_name, spec: r.raw_spec ?? undefined, unit: r.raw_unit ?? undefined, manufacturer: r.raw_manufacturer ?? undefined }))!;
      return !(
        r.status === want.status && r.code === want.code && r.score === want.score && r.matched_name === want.matchedName &&
        r.runner_up_code === (want.runnerUp?.code ?? null) && r.candidates === JSON.stringify(want.candidates.slice(0, 3)) &&
        // An auto answer's reason goes on with the unit factor's rule.
        (r.reason === want.reason || r.reason.startsWith(`${want.reason}; factor: `))
      );
    });
    expect(mismatches).toEqual([]);
    expect(rows.filter((r) => r.status === 'auto').length).toBeGreaterThan(rows.length / 2);
  });
});
