/**
 * The load stage's two scratch tables (staging, work) must hold one batch at a time. A DELETE
 * only marks a temp table's rows deleted: the rows stay in memory, so both tables grew by every
 * row of the run and each batch's scans walked all earlier batches (740 MiB after 1M rows).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csvSalesPipeline, loadTestDatabase } from './csv-pipeline.js';
import type { Database } from '../../../src/db/database.js';
import { DEFAULT_LIMITS } from '../../../src/io/types.js';
import { FileLedger } from '../../../src/stages/load/file-ledger.js';
import { loadBatch, WORK_TABLE, type BatchFile } from '../../../src/stages/load/load-batch.js';
import { stageFile } from '../../../src/stages/load/stage-file.js';
import { STAGING_TABLE } from '../../../src/stages/load/staging-table.js';
import { tempDir, writeFile } from '../io/helpers.js';

const pipeline = csvSalesPipeline('batch-tables', { cadence: 'daily' });

const HEADER = '销售日期,客户名称,商品名称,规格,生产厂家,批号,数量,单价,金额';

let db: Database;
beforeAll(async () => {
  db = await loadTestDatabase();
});
afterAll(() => db.close());

/** Rows a table stores, deleted ones included: what its memory holds. */
async function storedRows(table: string): Promise<number> {
  const n = await db.value<number | null>('stored', `SELECT max(count) FROM pragma_storage_info('${table}')`);
  return Number(n ?? 0);
}

/** A daily file of `rows` sales on its own day: no file restates another. */
async function batchFile(ledger: FileLedger, day: number, rows: number): Promise<BatchFile> {
  const date = `2026-10-${String(day).padStart(2, '0')}`;
  const lines = Array.from({ length: rows }, (_, i) => `${date},华西医院,板蓝根颗粒,10g*20袋,白云山,B${i},2,3,6`);
  const dir = tempDir();
  const absPath = writeFile(dir, `sales-${day}.csv`, `${HEADER}\n${lines.join('\n')}\n`);
  const fileId = ledger.takeFileId();
  const relPath = `sales-${day}.csv`;
  const staged = await stageFile(db, { fileId, relPath, absPath, pipeline, limits: DEFAULT_LIMITS, scratchDir: dir });
  ledger.add({ fileId, feed: pipeline.feed, path: relPath, sha256: `sha-${day}`, sheet: staged.sheet, status: 'loaded', minDate: null, maxDate: null });
  return { record: { fileId, runId: 'r1', pipeline, relPath, sha256: `sha-${day}`, sizeBytes: 1 }, staged, outcome: null };
}

it('a committed batch leaves nothing in the staging and work tables, not even deleted rows', async () => {
  const ledger = await FileLedger.read(db);
  for (const [first, second] of [
    [1, 2],
    [3, 4],
  ] as const) {
    const files = [await batchFile(ledger, first, 300), await batchFile(ledger, second, 200)];
    expect(await storedRows(STAGING_TABLE)).toBe(500);
    const stats = await loadBatch(db, ledger, files);
    expect([...stats.values()].map((s) => s.rowsLoaded)).toEqual([300, 200]);
    expect(await storedRows(STAGING_TABLE)).toBe(0);
    expect(await storedRows(WORK_TABLE)).toBe(0);
  }
  expect(await db.value<number>('loaded', 'SELECT count(*)::INTEGER FROM std_rows')).toBe(1000);
  const order = await db.all<{ file_id: number; n: number; first: number }>(
    'order',
    'SELECT file_id, count(*)::INTEGER AS n, min(source_row) AS first FROM std_rows GROUP BY file_id ORDER BY file_id',
  );
  expect(order).toEqual([
    { file_id: 1, n: 300, first: 2 },
    { file_id: 2, n: 200, first: 2 },
    { file_id: 3, n: 300, first: 2 },
    { file_id: 4, n: 200, first: 2 },
  ]);
});
