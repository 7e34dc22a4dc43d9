import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(repo, 'bin/drugflow');

type BySku = Record<string, Record<string, number>>;
interface FlowTotals {
  primary: BySku;
  secondary: BySku;
  terminal: BySku;
  tier2_purchases_from_tier1: { seller: string; buyer: string } & Record<string, unknown>;
  resent_daily_and_monthly: { distributor: string; period: string; lines_in_monthly_xlsx: number; lines_in_daily_edi_csvs: number; counted: number };
}

/** fixtures/expected/flow_totals.json was summed by hand from the fixture files (fixtures/README.md). */
const expected = JSON.parse(readFileSync(path.join(repo, 'fixtures/expected/flow_totals.json'), 'utf8')) as FlowTotals;

describe('drugflow run on the demo workspace, both months: flows equal the hand-checked totals', () => {
  let db: Database;
  const sums = async (table: string, where = 'TRUE'): Promise<BySku> => {
    const rows = await db.all<{ sku: string; period: string; qty: number }>('sums', `SELECT sku, period, sum(qty) AS qty FROM ${table} WHERE ${where} GROUP BY ALL ORDER BY sku, period`);
    const out: BySku = {};
    for (const r of rows) (out[r.sku] ??= {})[r.period] = Math.round(Number(r.qty) * 1e6) / 1e6;
    return out;
  };

  beforeAll(async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-totals-'));
    for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(ws, item), { recursive: true });
    const run = spawnSync(process.execPath, [bin, 'run', '--workspace', ws, '--json'], { encoding: 'utf8', env: { ...process.env, DRUGFLOW_LOG_LEVEL: 'warn' } });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { periods: string[] }).periods).toEqual(expect.arrayContaining(['2026-09', '2026-10']));
    db = await Database.open(path.join(ws, 'drugflow.duckdb'));
  }, 300_000);
  afterAll(() => db?.close());

  it.each(['primary', 'secondary', 'terminal'] as const)('flow_%s by SKU × month', async (level) => {
    expect(await sums(`flow_${level}`)).toEqual(expected[level]);
  });

  it("a tier-2's purchases from a tier-1 appear once: in flow_secondary from the seller's rows, never as terminal", async () => {
    const { seller, buyer, note: _note, ...bySku } = expected.tier2_purchases_from_tier1;
    expect(await sums('flow_secondary', `seller_code = '${seller}' AND buyer_code = '${buyer}'`)).toEqual(bySku);
    expect(await db.value('tier-2 as terminal', `SELECT count(*) FROM flow_terminal WHERE buyer_code = '${buyer}' OR buyer_type = 'distributor'`)).toBe(0);
    // its own purchase report is kept apart (flow_purchases), never a flow level
    expect(Number(await db.value('purchase report rows', `SELECT count(*) FROM flow_purchases WHERE buyer_code = '${buyer}' AND supplier_code = '${seller}'`))).toBeGreaterThan(0);
  });

  it('the month sent daily (EDI) and again as the month-end Excel counts once', async () => {
    const { distributor, period, lines_in_monthly_xlsx, lines_in_daily_edi_csvs, counted } = expected.resent_daily_and_monthly;
    const byFeed = await db.all<{ feed: string; n: number }>(
      'by feed',
      `SELECT feed, count(*) AS n FROM std_rows WHERE seller_code = '${distributor}' AND period = '${period}' GROUP BY feed ORDER BY feed`,
    );
    expect(byFeed.map((r) => [r.feed, Number(r.n)])).toEqual([['ym-edi', lines_in_daily_edi_csvs], ['ym-sales', lines_in_monthly_xlsx]]);
    const inFlows = Number(await db.value('in flows', `SELECT count(*) FROM flow_terminal WHERE seller_code = '${distributor}' AND period = '${period}'`));
    const flagged = Number(await db.value('flagged', `SELECT count(*) FROM suspected_duplicates WHERE seller_code = '${distributor}' AND period = '${period}'`));
    expect(inFlows).toBe(counted);
    expect(flagged).toBe(lines_in_monthly_xlsx + lines_in_daily_edi_csvs - counted);
  });
});
