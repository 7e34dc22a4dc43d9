import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, quoteLiteral } from '../../../src/db/database.js';
import { periodQuery } from '../../../src/stages/export/export-stage.js';

let db: Database;
let dir: string;

beforeAll(async () => {
  db = await Database.open(':memory:');
  dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-export-order-'));
  // Two periods; 41 files, every third with two named sheets (an .xlsx), the rest without (a CSV);
  // rows stored scattered across files, enough of them that DuckDB works on several threads.
  await db.run(
    'rows',
    `CREATE TABLE flow_terminal AS
     SELECT CASE WHEN i % 2 = 0 THEN '2026-09' ELSE '2026-10' END AS period,
            'inbox/D' || lpad((i * 7919 % 41)::VARCHAR, 2, '0') || '/XS.csv' AS source_file,
            CASE WHEN i * 7919 % 41 % 3 = 0 THEN ['Sheet1', '销售'][i % 7 % 2 + 1] END AS sheet,
            (i * 104729 % 400000)::INTEGER AS source_row, i AS qty, i * 7919 % 41 AS file_id
     FROM range(400000) t(i)`,
  );
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Where the export query and a plain sort by file name, sheet and row disagree on a row's place. */
async function misplaced(period: string): Promise<number> {
  const exported = quoteLiteral(path.join(dir, `${period}.parquet`));
  await db.run('export', `COPY (${periodQuery('flow_terminal', period)}) TO ${exported} (FORMAT parquet)`);
  return Number(
    await db.value(
      'compare',
      `SELECT count(*) FROM read_parquet(${exported}, file_row_number = true) e
       JOIN (SELECT qty, row_number() OVER (ORDER BY source_file, sheet, source_row) - 1 AS place
             FROM flow_terminal WHERE period = ${quoteLiteral(period)}) s USING (qty)
       WHERE e.file_row_number <> s.place`,
    ),
  );
}

describe('a flow table is exported by source file, sheet and row', () => {
  it('whatever order its rows are stored in, with and without sheets', async () => {
    expect(await misplaced('2026-09')).toBe(0);
    expect(await misplaced('2026-10')).toBe(0);
    expect(Number(await db.value('rows', `SELECT count(*) FROM read_parquet(${quoteLiteral(path.join(dir, '2026-10.parquet'))})`))).toBe(200_000);
  });
});
