import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mappings, Workspace } from '../../../src/config/workspace.js';
import { appendRow, Database } from '../../../src/db/database.js';
import { stagedText } from '../../../src/io/staged-text.js';
import { silentLogger } from '../../../src/log.js';
import { buildMatcher } from '../../../src/match/matcher-spec.js';
import { openMatchPool } from '../../../src/match/match-pool.js';
import { chunkCount, sharedChunks } from '../../../src/match/shared-chunks.js';
import type { CustomerQuery, ProductQuery } from '../../../src/match/types.js';
import { toUpdate, withFactor, type ProductsBySku } from '../../../src/stages/resolve/answer-update.js';
import { earlyAnswerLine } from '../../../src/stages/resolve/early/early-answer-file.js';
import { writeMappingTables } from '../../../src/stages/resolve/mapping-tables.js';
import { startEarlyMatching, type EarlyAnswers, type EarlyMatching } from '../../../src/stages/resolve/early/early-matching.js';
import { customerMatcherSpec, productMatcherSpec } from '../../../src/stages/resolve/matcher-specs.js';
import { answerFingerprint, REMEMBERED_TABLE } from '../../../src/stages/resolve/remembered-answers.js';
import { evalProductAliases, evalProductMaster } from '../../unit/match/product/eval-product-set.js';

const DEV = fileURLToPath(new URL('../../../bench/eval/data/dev', import.meta.url));
const readDev = (file: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(DEV, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
const orUndefined = (s: string | undefined): string | undefined => (s ? s : undefined);

/** bench/eval's dev set (real names from ../shared/data/reference, with distributor-style noise). */
const customers = readDev('customers_master.csv').map((r) => ({ code: r.code!, name: r.name!, type: r.type!, tier: 1, province: orUndefined(r.province), city: orUndefined(r.city) }));
const customerNames = readDev('customer_names.csv').slice(0, 1500).map((r) => ({ name: r.name!, province: orUndefined(r.province), city: orUndefined(r.city) }));
const products = evalProductMaster();
const productNames = evalProductAliases().slice(0, 1500);
const DISTRIBUTOR = customers.find((c) => c.type === 'distributor')!;

const ws = {
  mappings: { customers, products: products.map((p) => ({ ...p, product_group: undefined })) },
  matching: { customers: {}, products: {} },
} as unknown as Workspace;

/** Just the columns of std_rows and the mapping tables the early questions read. */
async function openDb(): Promise<Database> {
  const db = await Database.open(':memory:');
  await db.run(
    'std_rows',
    `CREATE TABLE std_rows (file_id INTEGER, kind VARCHAR, seller_code VARCHAR, customer VARCHAR, customer_province VARCHAR, customer_city VARCHAR,
       store VARCHAR, product VARCHAR, spec VARCHAR, unit VARCHAR, manufacturer VARCHAR, qty DOUBLE, amount DOUBLE)`,
  );
  // the customer master only, as a run writes it: the products table stays empty here
  await writeMappingTables(db, { customers, products: [], customerAliases: [], productAliases: [], notOurs: [] } as unknown as Mappings);
  return db;
}

/** One sales row per customer name and per product name, in file `fileId`; the rows added. */
async function addFile(db: Database, fileId: number, names: Array<{ name: string; province?: string; city?: string }>, items: ProductQuery[]): Promise<number> {
  const appender = await db.appender('std_rows');
  const rows = Math.max(names.length, items.length);
  for (let i = 0; i < rows; i++) {
    const c = names[i];
    const p = items[i];
    appendRow(appender, [fileId, 'sales', DISTRIBUTOR.code, c?.name ?? null, c?.province ?? null, c?.city ?? null, null, p?.name ?? null, p?.spec ?? null, p?.unit ?? null, p?.manufacturer ?? null, 1, 1]);
  }
  appender.closeSync();
  return rows;
}

/** Every batch asked about as it commits, however few its rows. */
const EVERY_BATCH = { startAt: 1, askAtRows: 0 };

interface Line extends Record<string, unknown> {
  name: string;
}
const readLines = (file: string): Line[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

describe('early matching (matching aliases while the files load)', () => {
  let answers: EarlyAnswers | null;
  let early: EarlyMatching;
  let customerLines: Line[];
  let productLines: Line[];
  const dictionaryName = customerNames[0]!.name;
  // a master name as a loaded cell holds it (this one is published with full-width brackets)
  const exactName = stagedText(customers[5]!.name);

  beforeAll(async () => {
    const db = await openDb();
    await db.run('a dictionary alias', `INSERT INTO customer_aliases VALUES ('*', $name, $code)`, { name: dictionaryName, code: customers[0]!.code });
    early = startEarlyMatching(ws, mkdtempSync(path.join(os.tmpdir(), 'drugflow-early-')), silentLogger(), EVERY_BATCH);
    try {
      // Two batches; the second repeats half of the first's names and adds an exact master name.
      await early.askAbout(db, [1], await addFile(db, 1, customerNames.slice(0, 1000), productNames.slice(0, 1000)));
      await early.askAbout(db, [2], await addFile(db, 2, [...customerNames.slice(500), { name: exactName }], productNames.slice(500)));
      answers = await early.handOver({ drain: true });
      customerLines = readLines(answers!.files.customer);
      productLines = readLines(answers!.files.product);
    } finally {
      db.close();
    }
  }, 120_000);
  afterAll(() => early.discard());

  it('answers every new question of each batch once, and not what the dictionary or an exact name answers', () => {
    const keys = customerLines.map((l) => JSON.stringify([l.name, l.province, l.city]));
    expect(answers!.answered.customer).toBe(customerLines.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(customerLines.length).toBeGreaterThan(1000);
    expect(customerLines.some((l) => l.name === dictionaryName)).toBe(false);
    expect(customerLines.some((l) => l.name === exactName)).toBe(false);
    expect(new Set(productLines.map((l) => JSON.stringify([l.name, l.spec, l.unit, l.manufacturer]))).size).toBe(productLines.length);
    expect(productLines.length).toBeGreaterThan(1000);
  });

  it('writes the resolution row the resolve stage would write for each question', () => {
    const matchCustomer = buildMatcher(customerMatcherSpec(ws));
    for (const line of customerLines) {
      const query: CustomerQuery = {
        name: line.name,
        province: (line.province as string | null) ?? undefined,
        city: (line.city as string | null) ?? undefined,
        contextProvince: DISTRIBUTOR.province,
        contextCity: DISTRIBUTOR.city,
      };
      expect(`${JSON.stringify(line)}\n`).toBe(earlyAnswerLine('customer', query, toUpdate({}, matchCustomer(query))));
    }
    const matchProduct = buildMatcher(productMatcherSpec(ws));
    const bySku: ProductsBySku = new Map(products.map((p) => [p.sku, p]));
    for (const line of productLines) {
      const query: ProductQuery = {
        name: line.name,
        spec: (line.spec as string | null) ?? undefined,
        unit: (line.unit as string | null) ?? undefined,
        manufacturer: (line.manufacturer as string | null) ?? undefined,
      };
      const result = matchProduct(query);
      expect(`${JSON.stringify(line)}\n`).toBe(earlyAnswerLine('product', query, withFactor(toUpdate({}, result), query.unit ?? null, result, bySku)));
    }
    expect(productLines.some((l) => l.status === 'auto' && typeof l.factor === 'number')).toBe(true);
  });

  it('shares a batch with the calling thread, and is not posted one while it answers the rest', async () => {
    const items = productNames.slice(0, 600);
    const single = items.map(buildMatcher(productMatcherSpec(ws)));
    const helper = answers!.helper('product');
    // Busy with the customer rest: a batch asked meanwhile gets nothing from it, at once, and no
    // chunk of it is claimed (the calling thread answers them all).
    const rest = customerNames.slice(0, 800).map((n) => ({ ...n, contextProvince: DISTRIBUTOR.province, contextCity: DISTRIBUTOR.city }));
    const answering = answers!.matchRest('customer', rest);
    const whileBusy = sharedChunks(items, 16);
    expect((await helper.take(whileBusy)).size).toBe(0);
    expect(Atomics.load(whileBusy.counter, 0)).toBe(0);
    expect(await answering).toHaveLength(rest.length);
    // Idle: it claims chunks from the shared counter; here the calling thread takes none, so all.
    const idle = sharedChunks(items, 16);
    const taken = await helper.take(idle);
    expect(taken.size).toBe(chunkCount(idle));
    expect([...taken.keys()].sort((a, b) => a - b).flatMap((chunk) => taken.get(chunk)!)).toEqual(single);
    // As a match pool's helper: the single-thread answers, in order, whoever took each chunk.
    const shares: Array<{ chunks: number; byWorkers: number }> = [];
    const pool = openMatchPool(productMatcherSpec(ws), { minParallel: 1, chunkSize: 16, helpers: [helper], onShared: (s) => shares.push(s) });
    expect(await pool.matchAll(items)).toEqual(single);
    await pool.close(); // leaves the early worker running: it is not the pool's
    expect(shares).toEqual([{ chunks: chunkCount(idle), byWorkers: expect.any(Number) }]);
    expect(await answers!.matchRest('product', items.slice(0, 3))).toEqual(single.slice(0, 3));
  }, 60_000);

  it('answers the rest of the questions directly, in their order, as the engine does; nothing once it is stopped', async () => {
    const names = [...customerNames.slice(1000, 1200), customerNames[1000]!];
    const queries: CustomerQuery[] = names.map((n) => ({ ...n, contextProvince: DISTRIBUTOR.province, contextCity: DISTRIBUTOR.city }));
    const match = buildMatcher(customerMatcherSpec(ws));
    expect(await answers!.matchRest('customer', queries)).toEqual(queries.map(match));
    // A kind it is done with is matched again if asked after all (its matcher is built anew).
    answers!.doneWith('customer');
    expect(await answers!.matchRest('customer', queries.slice(0, 5))).toEqual(queries.slice(0, 5).map(match));
    const items = productNames.slice(1000, 1100);
    expect(await answers!.matchRest('product', items)).toEqual(items.map(buildMatcher(productMatcherSpec(ws))));
    await early.discard();
    expect(await answers!.matchRest('customer', queries)).toBeNull();
  }, 60_000);
});

describe('early matching stopped before it is done', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
  });
  afterAll(() => db?.close());

  it('stops at once when asked, and leaves whole lines for what it answered', async () => {
    const rows = await addFile(db, 1, customerNames, []);
    const early = startEarlyMatching(ws, mkdtempSync(path.join(os.tmpdir(), 'drugflow-early-')), silentLogger(), EVERY_BATCH);
    await early.askAbout(db, [1], rows);
    const answers = await early.handOver();
    expect(answers).not.toBeNull();
    const lines = readLines(answers!.files.customer);
    expect(lines.length).toBe(answers!.answered.customer);
    expect(lines.length).toBeLessThan(customerNames.length);
    await early.discard();
  }, 60_000);

  it('starts no worker below its threshold: nothing is answered early', async () => {
    const early = startEarlyMatching(ws, mkdtempSync(path.join(os.tmpdir(), 'drugflow-early-')), silentLogger(), { askAtRows: 0 });
    await early.askAbout(db, [1], customerNames.length);
    expect(await early.handOver()).toBeNull();
    await early.discard();
  });
});

describe('early matching of batches with few rows', () => {
  let db: Database;
  const few = { startAt: 1, askAtRows: 150 };
  const fileOne = customerNames.slice(0, 100);
  const fileTwo = customerNames.slice(100, 200);
  beforeAll(async () => {
    db = await openDb();
    await addFile(db, 1, fileOne, []);
    await addFile(db, 2, fileTwo, []);
  });
  afterAll(() => db?.close());
  const start = (logLines: string[] = []) =>
    startEarlyMatching(ws, mkdtempSync(path.join(os.tmpdir(), 'drugflow-early-')), pino({ level: 'debug' }, new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) })), few);

  it('asks nothing until the files committed since the last question loaded enough rows', async () => {
    const early = start();
    await early.askAbout(db, [1], fileOne.length);
    // one question would have started the worker (startAt 1): nothing was asked
    expect(await early.handOver()).toBeNull();
    await early.discard();
  });

  it('then asks about every file committed since, at once', async () => {
    const logLines: string[] = [];
    const early = start(logLines);
    await early.askAbout(db, [1], fileOne.length);
    await early.askAbout(db, [2], fileTwo.length);
    expect(await early.handOver()).not.toBeNull();
    await early.discard();
    // the worker started with the first questions asked: more than the second file's 100 names
    const started = logLines.map((l) => JSON.parse(l) as { msg: string; questions?: number }).find((l) => l.msg === 'early matching started');
    expect(started?.questions).toBeGreaterThan(fileTwo.length);
  }, 60_000);

  it('asks about the files left over when every answer is wanted (drain)', async () => {
    const early = start();
    await early.askAbout(db, [1], fileOne.length);
    const answers = await early.handOver({ drain: true });
    const asked = readLines(answers!.files.customer).map((l) => l.name);
    // every name but those a deterministic tier answers (an exact master name)
    expect(asked.length).toBeGreaterThan(fileOne.length * 0.8);
    expect(fileOne.map((n) => n.name)).toEqual(expect.arrayContaining(asked));
    await early.discard();
  }, 60_000);
});

describe('early matching on a night after the first', () => {
  it('does not ask what the last run\'s engine answered, for the same question and matcher spec', async () => {
    const db = await openDb();
    const names = customerNames.slice(0, 50);
    const items = productNames.slice(0, 50);
    const [c, p] = [names[0]!, items[0]!];
    const answer = `'S1' AS code, 'auto' AS status, 'fuzzy' AS method, 0.9 AS score, 'x' AS matched_name, NULL AS runner_up_code,
      NULL::DOUBLE AS runner_up_score, 'remembered' AS reason, '[]' AS candidates`;
    await db.run(
      'remembered customer answer',
      `CREATE TABLE ${REMEMBERED_TABLE.customer} AS SELECT $name AS name, $province::VARCHAR AS province, $city::VARCHAR AS city,
         $ctxProvince::VARCHAR AS ctx_province, $ctxCity::VARCHAR AS ctx_city, ${answer}, NULL::DOUBLE AS factor, $fingerprint AS fingerprint`,
      { name: c.name, province: c.province ?? null, city: c.city ?? null, ctxProvince: DISTRIBUTOR.province ?? null, ctxCity: DISTRIBUTOR.city ?? null, fingerprint: answerFingerprint(ws, 'customer') },
    );
    // a product answer remembered under another spec (a master since changed) is asked again
    await db.run(
      'stale product answer',
      `CREATE TABLE ${REMEMBERED_TABLE.product} AS SELECT $name AS name, $spec::VARCHAR AS spec, $unit::VARCHAR AS unit,
         $maker::VARCHAR AS manufacturer,
         ${answer}, 1.0 AS factor, 'another spec' AS fingerprint`,
      { name: p.name, spec: p.spec ?? null, unit: p.unit ?? null, maker: p.manufacturer ?? null },
    );
    const night = startEarlyMatching(ws, mkdtempSync(path.join(os.tmpdir(), 'drugflow-early-')), silentLogger(), EVERY_BATCH);
    try {
      await night.askAbout(db, [1], await addFile(db, 1, names, items));
      const answered = await night.handOver({ drain: true });
      const customerNamesAsked = readLines(answered!.files.customer).map((l) => l.name);
      expect(customerNamesAsked).not.toContain(c.name);
      expect(customerNamesAsked).toContain(names[1]!.name);
      expect(readLines(answered!.files.product).map((l) => l.name)).toContain(p.name);
    } finally {
      db.close();
      await night.discard();
    }
  }, 120_000);
});
