import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/progress.js';
import { runJob, type RunOptions } from '../../../src/run/run-job.js';
import { copyDemoWorkspace, query, withWorkspaceDb } from '../../helpers/workspace.js';

const demoCopy = (): string => copyDemoWorkspace('drugflow-remembered-');

type LogLine = Record<string, unknown>;

async function run(ws: string, earlyMatching: RunOptions['earlyMatching'] = false, rematch = false): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk)) as LogLine), done()) }));
  await runJob({ workspaceDir: ws, log, progress: silentProgress, earlyMatching, rematch });
  return lines;
}

interface Matched {
  aliases: number;
  early: number;
  remembered: number;
  distinct?: number;
}
const matched = (log: LogLine[], kind: 'customer' | 'product') => log.find((l) => l.msg === `${kind} aliases matched`) as unknown as Matched;

/** The resolutions as the engine and the tiers left them (the sums over rows aside: DuckDB's parallel sums may differ in the last bits). */
const resolutions = (ws: string, table: string) => query(ws, `SELECT * EXCLUDE (qty, amount) FROM ${table} ORDER BY ALL`);

/**
 * The demo workspace run, then run again with nothing new: the second run takes the engine's
 * answers from the first instead of matching every alias again, and must resolve exactly as the
 * first did. What the answers depend on (the master, a dictionary entry) is then changed.
 */
describe('drugflow run remembers the engine answers of the last run', () => {
  const ws = demoCopy();
  let first: LogLine[];
  let second: LogLine[];
  const firstResolutions: Record<string, unknown[]> = {};

  beforeAll(async () => {
    first = await run(ws);
    for (const table of ['customer_resolutions', 'product_resolutions']) firstResolutions[table] = await resolutions(ws, table);
    second = await run(ws);
  }, 300_000);

  it('a first run has nothing to take; the second takes every engine answer and matches nothing', () => {
    for (const kind of ['customer', 'product'] as const) {
      expect(matched(first, kind).remembered).toBe(0);
      expect(matched(first, kind).aliases).toBeGreaterThan(0);
      expect(matched(second, kind).remembered).toBe(matched(first, kind).aliases);
    }
    expect(matched(second, 'product').distinct).toBe(0);
    expect(second.some((l) => l.msg === 'customer aliases matched on two threads')).toBe(false);
  });

  it('resolves every alias exactly as the first run did', async () => {
    for (const table of ['customer_resolutions', 'product_resolutions']) expect(await resolutions(ws, table)).toEqual(firstResolutions[table]);
  });

  it('a changed customer master makes the customer answers stale, not the product answers', async () => {
    appendFileSync(path.join(ws, 'mappings', 'customers.csv'), 'H09901,成都市第七人民医院,hospital,2,四川省,成都市\n');
    const log = await run(ws);
    expect(matched(log, 'customer').remembered).toBe(0);
    expect(matched(log, 'customer').aliases).toBe(matched(first, 'customer').aliases);
    expect(matched(log, 'product').remembered).toBe(matched(first, 'product').aliases);
  }, 120_000);

  it('a dictionary entry added since wins over the answer remembered for that alias', async () => {
    const [fuzzy] = await query<{ distributor: string; raw_name: string; code: string }>(
      ws,
      "SELECT distributor, raw_name, code FROM customer_resolutions WHERE method IN ('fuzzy', 'normalised') AND status = 'auto' ORDER BY ALL LIMIT 1",
    );
    expect(fuzzy).toBeDefined();
    appendFileSync(path.join(ws, 'mappings', 'customer_aliases.csv'), `${fuzzy!.distributor},${fuzzy!.raw_name},${fuzzy!.code}\n`);
    const log = await run(ws);
    expect(matched(log, 'customer').remembered).toBe(matched(first, 'customer').aliases - 1);
    const [now] = await query(ws, `SELECT method, candidates FROM customer_resolutions WHERE distributor = '${fuzzy!.distributor}' AND raw_name = '${fuzzy!.raw_name}'`);
    expect(now).toEqual({ method: 'dictionary', candidates: null });
  }, 120_000);

  it('a remembered table this build cannot read is matched past, and written anew', async () => {
    await withWorkspaceDb(ws, (db) => db.run('an older table', `ALTER TABLE remembered_product_answers DROP COLUMN candidates`));
    const log = await run(ws);
    expect(matched(log, 'product').remembered).toBe(0);
    expect(matched(log, 'product').distinct).toBeGreaterThan(0);
    expect(matched(await run(ws), 'product').remembered).toBe(matched(log, 'product').aliases);
  }, 120_000);

  it('--rematch takes none of them, and remembers the answers it matched', async () => {
    const rematched = await run(ws, false, true);
    expect(matched(rematched, 'product').remembered).toBe(0);
    expect(matched(rematched, 'product').distinct).toBeGreaterThan(0);
    expect(matched(await run(ws), 'product').remembered).toBe(matched(rematched, 'product').aliases);
  }, 120_000);
});

describe('remembered answers beside early matching', () => {
  const ws = demoCopy();
  const alone = demoCopy();
  let second: LogLine[];

  beforeAll(async () => {
    await run(ws, { startAt: 1, drain: true });
    second = await run(ws, { startAt: 1, drain: true });
    await run(alone);
  }, 300_000);

  it('takes the remembered answers, and the early ones only where none is remembered', () => {
    for (const kind of ['customer', 'product'] as const) {
      expect(matched(second, kind).remembered).toBeGreaterThan(0);
      expect(matched(second, kind).remembered + matched(second, kind).early).toBe(matched(second, kind).aliases);
    }
  });

  it('resolves every alias as a run without either does', async () => {
    for (const table of ['customer_resolutions', 'product_resolutions']) expect(await resolutions(ws, table)).toEqual(await resolutions(alone, table));
  });
});
