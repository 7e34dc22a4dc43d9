import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTED_MONTHS_TABLE } from '../../../src/stages/attribute/attributed-months.js';
import { REP_PERFORMANCE_MONTHS_TABLE } from '../../../src/stages/attribute/rep-performance-months.js';
import { CLASSIFIED_TABLES } from '../../../src/stages/classify/classify-sql.js';
import { CLASSIFIED_MONTHS_TABLE } from '../../../src/stages/classify/classified-months.js';
import { confirmPeriod } from '../../../src/stages/confirm/period-locks.js';
import { LISTED_MONTHS_TABLE } from '../../../src/stages/listings/listed-months.js';
import { RECONCILED_MONTHS_TABLE } from '../../../src/stages/reconcile/reconciled-months.js';
import { copyDemoWorkspace, query, runQuietly, withWorkspaceDb } from '../../helpers/workspace.js';

const demoCopy = (): string => copyDemoWorkspace('drugflow-kept-months-');

/** The tables whose months a run keeps: classify's (and the locks stage's adjustments), reconcile's, attribute's, and the listings' sums, with what is made from them. */
const KEPT_TABLES: Record<string, string> = {
  ...Object.fromEntries(CLASSIFIED_TABLES.map((t) => [t, `SELECT * FROM ${t} ORDER BY ALL`])),
  adjustments: 'SELECT * FROM adjustments ORDER BY ALL',
  flow_terminal_attributed: 'SELECT * FROM flow_terminal_attributed ORDER BY period, rid',
  reassignment_adjustments: 'SELECT * FROM reassignment_adjustments ORDER BY ALL',
  unassigned_volume: 'SELECT * FROM unassigned_volume ORDER BY ALL',
  rep_month_sales: 'SELECT * FROM rep_month_sales ORDER BY ALL',
  rebate_month_sales: 'SELECT * FROM rebate_month_sales ORDER BY ALL',
  distributor_rebates: 'SELECT * FROM distributor_rebates ORDER BY ALL',
  rep_group_performance: 'SELECT * FROM rep_group_performance ORDER BY ALL',
  rep_performance: 'SELECT * FROM rep_performance ORDER BY ALL',
  hospital_sku_months: 'SELECT * FROM hospital_sku_months ORDER BY ALL',
  hospital_listings: 'SELECT * FROM hospital_listings ORDER BY ALL',
  new_listings: 'SELECT * FROM new_listings ORDER BY ALL',
  inventory_reconciliation: 'SELECT * FROM inventory_reconciliation ORDER BY ALL',
  cross_tier_check: 'SELECT * FROM cross_tier_check ORDER BY ALL',
  terminal_inventory: 'SELECT * FROM terminal_inventory ORDER BY ALL',
};

async function keptTables(ws: string): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(KEPT_TABLES)) tables[table] = await query(ws, sql);
  return tables;
}

/** The tables the export writes each month of as stored, without sorting, are stored in export order within each month. */
async function expectStoredInExportOrder(ws: string): Promise<void> {
  const stored = await query<{ period: string; rid: number }>(ws, 'SELECT period, rid FROM flow_terminal_attributed');
  const last = new Map<string, number>();
  for (const r of stored) {
    expect(Number(r.rid), `${r.period} rid ${r.rid}`).toBeGreaterThan(last.get(r.period) ?? -1);
    last.set(r.period, Number(r.rid));
  }
  const key = 'period, buyer_code, seller_code, sku, rep_code, assignment_rule';
  const asStored = await query<{ period: string; k: string }>(ws, `SELECT period, concat_ws('|', ${key}) AS k FROM unassigned_volume`);
  const sorted = await query<{ period: string; k: string }>(ws, `SELECT period, concat_ws('|', ${key}) AS k FROM unassigned_volume ORDER BY ${key}`);
  expect(asStored.length).toBeGreaterThan(0);
  for (const period of new Set(asStored.map((r) => r.period))) {
    expect(asStored.filter((r) => r.period === period).map((r) => r.k), period).toEqual(sorted.filter((r) => r.period === period).map((r) => r.k));
  }
}

/** The same tables as a run that rebuilds every month would write (the records dropped, then run again). */
async function expectSameAsRebuilt(ws: string): Promise<void> {
  await expectStoredInExportOrder(ws);
  const kept = await keptTables(ws);
  await withWorkspaceDb(ws, async (db) => {
    for (const table of [CLASSIFIED_MONTHS_TABLE, RECONCILED_MONTHS_TABLE, ATTRIBUTED_MONTHS_TABLE, REP_PERFORMANCE_MONTHS_TABLE, LISTED_MONTHS_TABLE]) await db.run('drop records', `DROP TABLE ${table}`);
  });
  const rebuilt = await runQuietly(ws);
  expect(rebuilt.classified_months.kept).toBe(0);
  expect(rebuilt.reconciliation.months.kept).toBe(0);
  expect(rebuilt.attribution.months.kept).toBe(0);
  expect(rebuilt.attribution.sku_months.kept).toBe(0);
  expect(rebuilt.listings.months.kept).toBe(0);
  expect(await keptTables(ws)).toEqual(kept);
}

/** One more day file of 玉马's daily feed, copied from `day` with other document numbers and the date `to`. */
function addDayFile(ws: string, day: string, to: string): void {
  const daily = path.join(ws, 'fixtures/玉马医药/直连');
  const text = readFileSync(path.join(daily, `YM_D0003_EDI_${day}.csv`), 'utf8');
  const [from, iso] = [`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)},`, `${to.slice(0, 4)}-${to.slice(4, 6)}-${to.slice(6)},`];
  expect(text).toContain(from);
  writeFileSync(path.join(daily, `YM_D0003_EDI_${to}_补.csv`), text.replaceAll('YM26100', `YM${to.slice(2, 6)}9`).replaceAll(from, iso));
}

/** drugflow.yaml without its allocation rule `rule`: what it caught falls to the next rule. */
function dropAllocationRule(ws: string, rule: string): void {
  const config = path.join(ws, 'drugflow.yaml');
  const before = readFileSync(config, 'utf8');
  expect(before).toContain(rule);
  writeFileSync(config, before.replace(rule, ''));
}

const months = async (ws: string) => {
  const summary = await runQuietly(ws);
  return { classified: summary.classified_months, reconciled: summary.reconciliation.months, attributed: summary.attribution.months, listed: summary.listings.months };
};

const count = async (ws: string, sql: string): Promise<number> => Number((await query<{ n: number }>(ws, sql))[0]!.n);

/**
 * The demo workspace (September and October) run, then run again: a month whose classified or
 * attributed rows could not come out otherwise keeps them; the others are built again, and the
 * tables are what rebuilding every month would have written.
 */
describe('drugflow run keeps the classified and attributed rows and the listing sums of months that are as they were', () => {
  it('a second run with nothing new keeps every month, and a late October file builds October alone', async () => {
    const ws = demoCopy();
    // Sichuan's unassigned terminals fall to the last resort: September has unassigned volume too, not only October.
    dropAllocationRule(ws, '  - { match: { province: 四川省 }, rep_code: R901, rep_name: 四川公共, territory: 四川公共, manager: 刘志强 }\n');
    expect(await months(ws)).toEqual({ classified: { classified: 2, kept: 0 }, reconciled: { reconciled: 2, kept: 0 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 2, kept: 0 } });
    const unassignedSeptember = "SELECT * FROM unassigned_volume WHERE period = '2026-09' ORDER BY ALL";
    const unassigned = await query(ws, unassignedSeptember);
    expect(unassigned.length).toBeGreaterThan(0);
    expect(await months(ws)).toEqual({ classified: { classified: 0, kept: 2 }, reconciled: { reconciled: 0, kept: 2 }, attributed: { attributed: 0, kept: 2 }, listed: { summed: 0, kept: 2 } });
    expect(await query(ws, unassignedSeptember)).toEqual(unassigned);
    const september = await query(ws, "SELECT * FROM flow_terminal_attributed WHERE period = '2026-09' ORDER BY rid");
    const terminal = await count(ws, "SELECT count(*) AS n FROM flow_terminal WHERE period = '2026-10'");
    addDayFile(ws, '20261010', '20261011');
    expect(await months(ws)).toEqual({ classified: { classified: 1, kept: 1 }, reconciled: { reconciled: 1, kept: 1 }, attributed: { attributed: 1, kept: 1 }, listed: { summed: 1, kept: 1 } });
    expect(await count(ws, "SELECT count(*) AS n FROM flow_terminal WHERE period = '2026-10'")).toBeGreaterThan(terminal);
    expect(await query(ws, "SELECT * FROM flow_terminal_attributed WHERE period = '2026-09' ORDER BY rid")).toEqual(september);
    expect(await query(ws, unassignedSeptember)).toEqual(unassigned);
    expect(await count(ws, "SELECT count(*) AS n FROM flow_terminal_attributed WHERE source_file LIKE '%20261011_补.csv'")).toBeGreaterThan(0);
    await expectSameAsRebuilt(ws);
  }, 180_000);

  it('a late September file attributes October too: its rows come after September in rid order', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const october = await query(ws, "SELECT min(rid) AS first FROM flow_terminal_attributed WHERE period = '2026-10'");
    addDayFile(ws, '20261010', '20260929');
    // October's classified rows have no row number: they stay; its attributed rows are renumbered.
    expect(await months(ws)).toEqual({ classified: { classified: 1, kept: 1 }, reconciled: { reconciled: 2, kept: 0 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 2, kept: 0 } });
    expect(await query(ws, "SELECT min(rid) AS first FROM flow_terminal_attributed WHERE period = '2026-10'")).not.toEqual(october);
    await expectSameAsRebuilt(ws);
  }, 180_000);

  it('a confirmed alias classifies again the months whose rows it resolves', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const alias = '四川省人民医院(城东院区)';
    const unresolved = `SELECT count(*) AS n FROM unresolved_rows WHERE customer = '${alias}' AND reason LIKE 'customer%'`;
    expect(await count(ws, unresolved)).toBeGreaterThan(0);
    appendFileSync(path.join(ws, 'mappings/customer_aliases.csv'), `D0001,${alias},H00002\n`);
    const after = await months(ws);
    expect(after.classified.classified).toBeGreaterThan(0);
    expect(await count(ws, unresolved)).toBe(0);
    await expectSameAsRebuilt(ws);
  }, 180_000);

  it('a master edit classifies again the months whose rows it changes, and attributes every month', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    // 重庆市红十字会医院 buys in October only; filed as a pharmacy now, its rows are OTC, not Rx.
    const customers = path.join(ws, 'mappings/customers.csv');
    const row = 'H00038,重庆市红十字会医院（江北区人民医院）,hospital,';
    expect(readFileSync(customers, 'utf8')).toContain(row);
    writeFileSync(customers, readFileSync(customers, 'utf8').replace(row, row.replace('hospital', 'pharmacy')));
    // The masters are part of every month's attribution: both months are attributed again.
    expect(await months(ws)).toEqual({ classified: { classified: 1, kept: 1 }, reconciled: { reconciled: 1, kept: 1 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 2, kept: 0 } });
    expect(await query(ws, "SELECT DISTINCT channel FROM flow_terminal WHERE buyer_code = 'H00038'")).toEqual([{ channel: 'OTC' }]);
    await expectSameAsRebuilt(ws);
  }, 180_000);

  it('a commission rate splits again the months whose group commission it changes, though no month is attributed again', async () => {
    const ws = demoCopy();
    const first = await runQuietly(ws);
    // Four months: September and October's sales, and the Q4 quota's November and December.
    expect(first.attribution.sku_months).toEqual({ split: 4, kept: 0 });
    expect((await runQuietly(ws)).attribution.sku_months).toEqual({ split: 0, kept: 4 });
    const commission = "SELECT period, rep_code, sku, commission FROM rep_performance WHERE commission <> 0 ORDER BY ALL";
    const before = await query(ws, commission);
    const bands = path.join(ws, 'mappings/commission.yaml');
    const text = readFileSync(bands, 'utf8');
    writeFileSync(bands, text.replace('    - rate: 0.035\n', '    - rate: 0.025\n')); // 心血管代谢 above 100%
    expect(readFileSync(bands, 'utf8')).not.toBe(text);
    const summary = await runQuietly(ws);
    expect(summary.attribution.months).toEqual({ attributed: 0, kept: 2 });
    expect(summary.listings.months).toEqual({ summed: 0, kept: 2 });
    expect(summary.attribution.sku_months.split).toBeGreaterThan(0);
    expect(await query(ws, commission)).not.toEqual(before);
    await expectSameAsRebuilt(ws);
  }, 180_000);

  it('a confirmed month keeps its confirmed flows, adjustments, reps and reassignments while later months are built again', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    await withWorkspaceDb(ws, (db) => confirmPeriod(db, '2026-09', '财务-王芳', new Date('2026-10-08T09:00:00Z')));
    expect(await months(ws)).toEqual({ classified: { classified: 2, kept: 0 }, reconciled: { reconciled: 2, kept: 0 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 2, kept: 0 } }); // the confirmed months changed
    const confirmedRows = await count(ws, "SELECT count(*) AS n FROM flow_terminal WHERE period = '2026-09'");

    // A late file of September: its rows become adjustments booked in October, September's flows stay as confirmed.
    addDayFile(ws, '20261010', '20260929');
    expect((await months(ws)).classified).toEqual({ classified: 1, kept: 1 });
    const adjustments = await query(ws, "SELECT * FROM adjustments WHERE period = '2026-09' ORDER BY ALL");
    expect(adjustments.length).toBeGreaterThan(0);
    expect(await count(ws, "SELECT count(*) AS n FROM flow_terminal WHERE period = '2026-09'")).toBe(confirmedRows);

    // 北京协和医院 moves from R101 to R102 from January on: September's rows stay R101's, as confirmed.
    const assignments = path.join(ws, 'mappings/assignments.csv');
    const before = readFileSync(assignments, 'utf8');
    writeFileSync(assignments, before.replace('H00001,*,R101,王建华,成都一区,刘志强,2026-01,', 'H00001,*,R102,李晓燕,成都二区,刘志强,2026-01,'));
    expect(readFileSync(assignments, 'utf8')).not.toBe(before);
    expect(await months(ws)).toEqual({ classified: { classified: 0, kept: 2 }, reconciled: { reconciled: 0, kept: 2 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 2, kept: 0 } });
    const moved = await query(ws, "SELECT * FROM reassignment_adjustments WHERE period = '2026-09' ORDER BY ALL");
    expect(moved.length).toBeGreaterThan(0);

    addDayFile(ws, '20261010', '20261011');
    expect(await months(ws)).toEqual({ classified: { classified: 1, kept: 1 }, reconciled: { reconciled: 1, kept: 1 }, attributed: { attributed: 1, kept: 1 }, listed: { summed: 1, kept: 1 } });
    expect(await query(ws, "SELECT * FROM adjustments WHERE period = '2026-09' ORDER BY ALL")).toEqual(adjustments);
    expect(await query(ws, "SELECT * FROM reassignment_adjustments WHERE period = '2026-09' ORDER BY ALL")).toEqual(moved);
    const september = await query<{ rep_code: string; rule: string }>(
      ws,
      "SELECT DISTINCT rep_code, assignment_rule AS rule FROM flow_terminal_attributed WHERE period = '2026-09' AND buyer_code = 'H00001'",
    );
    expect(september.map((r) => r.rep_code)).toEqual(['R101']);
    expect(september[0]!.rule).toMatch(/^confirmed 2026-09: /);
    await expectSameAsRebuilt(ws);
  }, 300_000);

  it('a run stopped before classify recorded its months: the next run attributes again the months it classifies again, reps filled', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    // classify wrote every month and committed; the run stopped before the locks stage recorded them
    await withWorkspaceDb(ws, async (db) => db.run('no classify records', `DROP TABLE ${CLASSIFIED_MONTHS_TABLE}`));
    // classify writes both months again, with the fingerprints the attribution was recorded with
    expect(await months(ws)).toEqual({ classified: { classified: 2, kept: 0 }, reconciled: { reconciled: 0, kept: 2 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 0, kept: 2 } });
    expect(await count(ws, 'SELECT count(*) AS n FROM flow_terminal WHERE rep_code IS NOT NULL')).toBeGreaterThan(0);
    await expectSameAsRebuilt(ws);
  }, 180_000);

  it('records another build wrote differently are none: every month is built, and the next run keeps them', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    await withWorkspaceDb(ws, async (db) => {
      for (const table of [CLASSIFIED_MONTHS_TABLE, ATTRIBUTED_MONTHS_TABLE]) await db.run('other records', `CREATE OR REPLACE TABLE ${table} (month INTEGER)`);
    });
    // The listings' own records still stand: the months are attributed again from the same inputs, so their sums are kept.
    expect(await months(ws)).toEqual({ classified: { classified: 2, kept: 0 }, reconciled: { reconciled: 0, kept: 2 }, attributed: { attributed: 2, kept: 0 }, listed: { summed: 0, kept: 2 } });
    expect(await months(ws)).toEqual({ classified: { classified: 0, kept: 2 }, reconciled: { reconciled: 0, kept: 2 }, attributed: { attributed: 0, kept: 2 }, listed: { summed: 0, kept: 2 } });
    await expectSameAsRebuilt(ws);
  }, 180_000);
});
