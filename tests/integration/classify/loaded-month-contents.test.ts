import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { periodContents, type RowsContent } from '../../../src/db/rows-content.js';
import {
  LOADED_CUSTOMER_KEYS,
  LOADED_FILE_MONTHS,
  LOADED_PRODUCT_KEYS,
  loadedMonthContents,
} from '../../../src/stages/classify/loaded-month-contents.js';
import { loadedRows, resolvedRowsSelect } from '../../../src/stages/classify/resolved-rows-sql.js';
import { copyDemoWorkspace, runQuietly, withWorkspaceDb } from '../../helpers/workspace.js';

/** The rows as classify reads them, hashed whole: what the records must tell apart, without reading them. */
const resolvedContents = (db: Database) =>
  periodContents(db, 'resolved rows', `SELECT * EXCLUDE (rid) FROM (${resolvedRowsSelect(loadedRows('true'))})`);

/** The months whose content differs between two readings. */
function changed(before: Map<string, RowsContent>, after: Map<string, RowsContent>): string[] {
  const months = new Set([...before.keys(), ...after.keys()]);
  return [...months].filter((m) => JSON.stringify(before.get(m)) !== JSON.stringify(after.get(m))).sort();
}

/** Both readings of the months before and after `edit`, and the months each says changed. */
async function afterEdit(db: Database, edit: () => Promise<void>) {
  const [records, resolved] = [await loadedMonthContents(db), await resolvedContents(db)];
  await edit();
  const [records2, resolved2] = [await loadedMonthContents(db), await resolvedContents(db)];
  return { byRecords: changed(records, records2), byRows: changed(resolved, resolved2), contents: records2 };
}

/** What the records give when taken anew from every row. */
async function fromScratch(db: Database): Promise<Map<string, RowsContent>> {
  for (const table of [LOADED_FILE_MONTHS, LOADED_CUSTOMER_KEYS, LOADED_PRODUCT_KEYS]) await db.run('drop', `DROP TABLE IF EXISTS ${table}`);
  return loadedMonthContents(db);
}

const one = async <T>(db: Database, sql: string): Promise<T> => (await db.all<T>('test', sql))[0]!;

/** The demo workspace, run once (September and October). */
async function withDemo(work: (db: Database) => Promise<void>): Promise<void> {
  const ws = copyDemoWorkspace('drugflow-loaded-months-');
  await runQuietly(ws);
  await withWorkspaceDb(ws, work);
}

describe("classify's fingerprint of the loaded months, from records of each loaded file and its keys", () => {
  it('says a month changed exactly when its rows as classify reads them changed', async () => {
    await withDemo(async (db) => {
      expect([...(await loadedMonthContents(db)).keys()].sort()).toEqual(['2026-09', '2026-10']);
      const nothing = await afterEdit(db, async () => {});
      expect(nothing).toMatchObject({ byRecords: [], byRows: [] });

      // a month restated in part: some of an old file's rows deleted (load-file.ts)
      const file = await one<{ file_id: number; period: string }>(db, "SELECT file_id, period FROM std_rows WHERE period = '2026-09' LIMIT 1");
      const restated = await afterEdit(db, () => db.run('restate', `DELETE FROM std_rows WHERE rowid IN (SELECT rowid FROM std_rows WHERE file_id = ${file.file_id} AND period = '2026-09' LIMIT 1)`));
      expect(restated).toMatchObject({ byRecords: ['2026-09'], byRows: ['2026-09'] });

      // a buyer's resolution changed, for a key only October's rows use
      const key = await one<{ distributor: string; raw_name: string }>(
        db,
        `SELECT cr.distributor, cr.raw_name FROM customer_resolutions cr JOIN std_rows s ON s.seller_code = cr.distributor AND s.customer = cr.raw_name
         GROUP BY ALL HAVING bool_and(s.period = '2026-10') AND bool_and(cr.status = 'auto') LIMIT 1`,
      );
      const resolved = await afterEdit(db, () =>
        db.run('unresolve', `UPDATE customer_resolutions SET status = 'review' WHERE distributor = $d AND raw_name = $n`, { d: key.distributor, n: key.raw_name }),
      );
      expect(resolved).toMatchObject({ byRecords: ['2026-10'], byRows: ['2026-10'] });

      // the master's type of a customer some rows resolve to; a product's unit factor
      const customer = await one<{ code: string }>(db, "SELECT code FROM customer_resolutions WHERE status = 'auto' LIMIT 1");
      const typed = await afterEdit(db, () => db.run('retype', `UPDATE customers SET type = CASE WHEN type = 'clinic' THEN 'pharmacy' ELSE 'clinic' END WHERE code = $c`, { c: customer.code }));
      expect(typed.byRecords).toEqual(typed.byRows);
      expect(typed.byRecords.length).toBeGreaterThan(0);
      const factored = await afterEdit(db, () => db.run('factor', "UPDATE product_resolutions SET factor = factor * 10 WHERE status = 'auto' AND rowid = (SELECT min(rowid) FROM product_resolutions WHERE status = 'auto')"));
      expect(factored.byRecords).toEqual(factored.byRows);
      expect(factored.byRecords.length).toBeGreaterThan(0);

      // a file's path
      const moved = await afterEdit(db, () => db.run('move', `UPDATE files SET path = path || '.moved' WHERE file_id = ${file.file_id}`));
      expect(moved.byRecords).toEqual(moved.byRows);
      expect(moved.byRecords).toContain('2026-09');

      // a file gone whole (superseded), and every month as records taken from scratch give it
      const gone = await afterEdit(db, () => db.run('supersede', `DELETE FROM std_rows WHERE file_id = ${file.file_id}`));
      expect(gone.byRecords).toEqual(gone.byRows);
      expect(gone.byRecords).toContain('2026-09');
      expect(Number((await one<{ n: number }>(db, `SELECT count(*) AS n FROM ${LOADED_FILE_MONTHS} WHERE file_id = ${file.file_id}`)).n)).toBe(0);
      expect(await fromScratch(db)).toEqual(gone.contents);
    });
  }, 60_000);

  it("records a file once: a night reads the records of the files whose rows are as they were, not their rows", async () => {
    await withDemo(async (db) => {
      const honest = await loadedMonthContents(db);
      // A record altered behind its back (its count left right) is what the next reading uses:
      // proof the file was not hashed again.
      await db.run('tamper', `UPDATE ${LOADED_FILE_MONTHS} SET hash_sum = hash_sum + 1 WHERE period = '2026-09' AND file_id = (SELECT min(file_id) FROM ${LOADED_FILE_MONTHS} WHERE period = '2026-09')`);
      expect(changed(honest, await loadedMonthContents(db))).toEqual(['2026-09']);
      expect(await fromScratch(db)).toEqual(honest);
    });
  }, 60_000);

  it('takes every record anew when std_rows has other columns, or another build wrote the records differently', async () => {
    await withDemo(async (db) => {
      const honest = await loadedMonthContents(db);
      await db.run('tamper', `UPDATE ${LOADED_FILE_MONTHS} SET hash_sum = hash_sum + 1`);
      await db.run('new column', 'ALTER TABLE std_rows ADD COLUMN note VARCHAR');
      const widened = await loadedMonthContents(db);
      expect(changed(honest, widened)).toEqual(['2026-09', '2026-10']);
      expect(await fromScratch(db)).toEqual(widened);

      await db.run('other build', `CREATE OR REPLACE TABLE ${LOADED_CUSTOMER_KEYS} (file_id INTEGER, name VARCHAR)`);
      expect(await loadedMonthContents(db)).toEqual(widened);
    });
  }, 60_000);
});
