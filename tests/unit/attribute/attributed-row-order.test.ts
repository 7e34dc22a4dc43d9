import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quoteLiteral, type Database } from '../../../src/db/database.js';
import { runAttributeStage } from '../../../src/stages/attribute/attribute-stage.js';
import { confirmPeriod } from '../../../src/stages/confirm/period-locks.js';
import { periodQuery } from '../../../src/stages/export/export-stage.js';
import { config, flowDb } from './helpers.js';

let db: Database | undefined;
let dir: string | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rows per month: enough row groups that DuckDB scans and joins them on several threads, out of order. */
const ROWS = 150_000;

/** Two months of terminal rows, stored in an order unlike their source order (37 files, rows scattered across them). */
async function scatteredMonths(): Promise<Database> {
  const d = await flowDb({});
  await d.run(
    'rows',
    `INSERT INTO flow_terminal
     SELECT CASE WHEN i % 2 = 0 THEN '2026-09' ELSE '2026-10' END AS period, NULL, 'D' || (i % 3 % 2 + 1), ['H1', 'H2', 'H3', 'C1'][i % 4 + 1], 'hospital',
            ['S1', 'S2'][i % 5 % 2 + 1], 1, 10, 'L1', NULL, false, 'f' || lpad(((i * 7919) % 37)::VARCHAR, 2, '0') || '.csv', NULL, i + 1, 'Rx', (i * 7919) % 37
     FROM range(${2 * ROWS}) t(i)`,
  );
  await d.run('primary', 'CREATE TABLE flow_primary AS SELECT * FROM flow_secondary LIMIT 0');
  return d;
}

const attribution = { attribution: config({ allocation: [{ match: { city: '成都市' }, rep_code: 'R-CD' }, { match: {}, rep_code: 'HOUSE' }] }) };

/** How many of the exported file's rows follow a row with a higher rid (0: the file is in rid order). */
async function exportedOutOfOrder(d: Database, period: string): Promise<number> {
  dir ??= mkdtempSync(path.join(os.tmpdir(), 'drugflow-row-order-'));
  const file = quoteLiteral(path.join(dir, `${period}.parquet`));
  await d.run('export', `COPY (${periodQuery('flow_terminal_attributed', period)}) TO ${file} (FORMAT parquet)`);
  return Number(
    await d.value('order', `SELECT count(*) FROM (SELECT rid, lag(rid) OVER (ORDER BY file_row_number) AS before FROM read_parquet(${file}, file_row_number = true)) WHERE rid < before`),
  );
}

describe('flow_terminal_attributed is stored in rid order, so the export writes it as stored', () => {
  it('in a month attributed now, and in a confirmed month that keeps its attribution', async () => {
    db = await scatteredMonths();
    await runAttributeStage(db, attribution);
    expect(await exportedOutOfOrder(db, '2026-10')).toBe(0);

    await confirmPeriod(db, '2026-09', 'test', new Date('2026-10-05T09:00:00Z'));
    await runAttributeStage(db, attribution);
    expect(Number(await db.value('count', "SELECT count(*) FROM flow_terminal_attributed WHERE assignment_rule LIKE 'confirmed 2026-09%'"))).toBe(ROWS);
    expect(await exportedOutOfOrder(db, '2026-09')).toBe(0);
    expect(await exportedOutOfOrder(db, '2026-10')).toBe(0);
  }, 60_000);
});
