import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmPeriod } from '../../../src/stages/confirm/period-locks.js';
import { ATTRIBUTED_MONTHS_TABLE } from '../../../src/stages/attribute/attributed-months.js';
import { copyDemoWorkspace, query, runQuietly, withWorkspaceDb } from '../../helpers/workspace.js';

const demoCopy = (): string => copyDemoWorkspace('drugflow-kept-attribution-');

/** What the attribute stage keeps for a month: its attributed rows and its reassignments. */
async function attributed(ws: string): Promise<{ rows: unknown[]; reassigned: unknown[] }> {
  return {
    rows: await query(ws, 'SELECT * FROM flow_terminal_attributed ORDER BY period, rid'),
    reassigned: await query(ws, 'SELECT * FROM reassignment_adjustments ORDER BY ALL'),
  };
}

/** The rows as stored (what the export writes each month from, without sorting) are in rid order within each month. */
async function expectStoredInRidOrder(ws: string): Promise<void> {
  const stored = await query<{ period: string; rid: number }>(ws, 'SELECT period, rid FROM flow_terminal_attributed');
  const last = new Map<string, number>();
  for (const r of stored) {
    expect(Number(r.rid), `${r.period} rid ${r.rid}`).toBeGreaterThan(last.get(r.period) ?? -1);
    last.set(r.period, Number(r.rid));
  }
}

/** The same tables as a run that attributes every month would write (the records dropped, then run again). */
async function expectSameAsFullAttribution(ws: string): Promise<void> {
  await expectStoredInRidOrder(ws);
  const kept = await attributed(ws);
  await withWorkspaceDb(ws, (db) => db.run('drop records', `DROP TABLE ${ATTRIBUTED_MONTHS_TABLE}`));
  const full = await runQuietly(ws);
  expect(full.attribution.months.kept).toBe(0);
  expect(await attributed(ws)).toEqual(kept);
}

/** One more day file of 玉马's daily feed, copied from `day` with other document numbers and the date `to`. */
function addDayFile(ws: string, day: string, to: string): void {
  const daily = path.join(ws, 'fixtures/玉马医药/直连');
  const text = readFileSync(path.join(daily, `YM_D0003_EDI_${day}.csv`), 'utf8');
  const [from, iso] = [`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)},`, `${to.slice(0, 4)}-${to.slice(4, 6)}-${to.slice(6)},`];
  expect(text).toContain(from);
  writeFileSync(path.join(daily, `YM_D0003_EDI_${to}_补.csv`), text.replaceAll('YM26100', 'YM26990').replaceAll(from, iso));
}

/**
 * The demo workspace (September and October) run, then run again: a month whose terminal rows,
 * config, masters and confirmations are as they were keeps its attributed rows; the others are
 * attributed again, and the tables are what attributing every month would have written.
 */
describe('drugflow run keeps the attributed rows of months that are as they were', () => {
  it('a second run with nothing new keeps every month, and a late October file attributes October alone', async () => {
    const ws = demoCopy();
    expect((await runQuietly(ws)).attribution.months).toEqual({ attributed: 2, kept: 0 });
    expect((await runQuietly(ws)).attribution.months).toEqual({ attributed: 0, kept: 2 });
    const september = await query(ws, "SELECT * FROM flow_terminal_attributed WHERE period = '2026-09' ORDER BY rid");
    addDayFile(ws, '20261010', '20261011');
    const late = await runQuietly(ws);
    expect(late.files.loaded).toBeGreaterThan(0);
    expect(late.attribution.months).toEqual({ attributed: 1, kept: 1 });
    expect(await query(ws, "SELECT * FROM flow_terminal_attributed WHERE period = '2026-09' ORDER BY rid")).toEqual(september);
    expect(Number((await query<{ n: number }>(ws, "SELECT count(*) AS n FROM flow_terminal_attributed WHERE source_file LIKE '%20261011_补.csv'"))[0]!.n)).toBeGreaterThan(0);
    await expectSameAsFullAttribution(ws);
  }, 180_000);

  it('a late September file attributes October too: its rows come after September in rid order', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const octoberRids = await query(ws, "SELECT min(rid) AS first FROM flow_terminal_attributed WHERE period = '2026-10'");
    addDayFile(ws, '20261010', '20260929');
    const late = await runQuietly(ws);
    expect(late.attribution.months).toEqual({ attributed: 2, kept: 0 });
    expect(await query(ws, "SELECT min(rid) AS first FROM flow_terminal_attributed WHERE period = '2026-10'")).not.toEqual(octoberRids);
    await expectSameAsFullAttribution(ws);
  }, 180_000);

  it('an assignment edit attributes every month; a confirmed month is kept with its confirmed reps and reassignments', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    await withWorkspaceDb(ws, (db) => confirmPeriod(db, '2026-09', '财务-王芳', new Date('2026-10-08T09:00:00Z')));
    expect((await runQuietly(ws)).attribution.months).toEqual({ attributed: 2, kept: 0 }); // the confirmed months changed
    // 北京协和医院 moves from R101 to R102 from January on: September's rows stay R101's, as confirmed.
    const assignments = path.join(ws, 'mappings/assignments.csv');
    const before = readFileSync(assignments, 'utf8');
    writeFileSync(assignments, before.replace('H00001,*,R101,王建华,成都一区,刘志强,2026-01,', 'H00001,*,R102,李晓燕,成都二区,刘志强,2026-01,'));
    expect(readFileSync(assignments, 'utf8')).not.toBe(before);
    expect((await runQuietly(ws)).attribution.months).toEqual({ attributed: 2, kept: 0 });
    const moved = await query<{ rep_code: string }>(ws, "SELECT rep_code FROM reassignment_adjustments WHERE period = '2026-09' ORDER BY ALL");
    expect(moved.length).toBeGreaterThan(0);
    addDayFile(ws, '20261010', '20261011');
    const late = await runQuietly(ws);
    expect(late.attribution.months).toEqual({ attributed: 1, kept: 1 });
    expect(await query(ws, "SELECT rep_code FROM reassignment_adjustments WHERE period = '2026-09' ORDER BY ALL")).toEqual(moved);
    const september = await query<{ rep_code: string; rule: string }>(
      ws,
      "SELECT DISTINCT rep_code, assignment_rule AS rule FROM flow_terminal_attributed WHERE period = '2026-09' AND buyer_code = 'H00001'",
    );
    expect(september.map((r) => r.rep_code)).toEqual(['R101']);
    expect(september[0]!.rule).toMatch(/^confirmed 2026-09: /);
    await expectSameAsFullAttribution(ws);
  }, 240_000);

  it('records another build wrote differently are none: every month is attributed, and the next run keeps them', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    await withWorkspaceDb(ws, (db) => db.run('other records', `CREATE OR REPLACE TABLE ${ATTRIBUTED_MONTHS_TABLE} (month INTEGER)`));
    expect((await runQuietly(ws)).attribution.months).toEqual({ attributed: 2, kept: 0 });
    expect((await runQuietly(ws)).attribution.months).toEqual({ attributed: 0, kept: 2 });
  }, 180_000);
});
