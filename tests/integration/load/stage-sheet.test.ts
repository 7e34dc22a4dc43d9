/**
 * A sheet read by JavaScript (a .xlsx book, most of all) is parsed while the previous batch still
 * commits, and waits for the database only to append: the two used to take turns. The rows
 * parsed ahead are held up to ROWS_PARSED_AHEAD, so a large book does not sit in memory whole.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csvSalesPipeline, loadTestDatabase } from './csv-pipeline.js';
import type { Database } from '../../../src/db/database.js';
import type { OpenedBook, RawRow, SheetSource } from '../../../src/io/types.js';
import { ROWS_PARSED_AHEAD, stageSheet } from '../../../src/stages/load/stage-sheet.js';
import { STAGING_TABLE } from '../../../src/stages/load/staging-table.js';

const pipeline = { ...csvSalesPipeline('stage-sheet'), files: '*.xlsx', format: 'xlsx' as const };
const HEADER = ['销售日期', '客户名称', '商品名称', '规格', '生产厂家', '批号', '数量', '单价', '金额'];

let db: Database;
beforeAll(async () => {
  db = await loadTestDatabase();
});
afterAll(() => db.close());

/** A sheet of a header and `rows` sales (every 10th row blank), counting the rows it has yielded. */
function countingSheet(rows: number): { sheet: SheetSource; yielded: () => number } {
  let yielded = 0;
  async function* produce(): AsyncGenerator<RawRow> {
    yield { rowNumber: 1, cells: HEADER };
    for (let i = 0; i < rows; i++) {
      yielded++;
      const blank = i % 10 === 9;
      yield { rowNumber: i + 2, cells: blank ? [] : ['2026-10-08', '\uff08华西医院\uff09', '板蓝根颗粒', '10g*20袋', '白云山', `B${i}`, '２', '3', '6'] };
    }
  }
  return { sheet: { name: '销售明细', index: 0, rows: produce }, yielded: () => yielded };
}

async function stage(fileId: number, rows: number) {
  const { sheet, yielded } = countingSheet(rows);
  const book: OpenedBook = { format: 'xlsx', sheets: [sheet] };
  let yieldedAtWait = -1;
  const staged = await stageSheet(db, {
    fileId,
    relPath: `book-${fileId}.xlsx`,
    pipeline,
    sheet,
    book,
    beforeDatabase: async () => {
      yieldedAtWait = yielded();
      // the previous batch's commit, still running: the reader must not need it to parse
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  });
  const inTable = await db.value<number>('staged', `SELECT count(*)::INTEGER FROM ${STAGING_TABLE} WHERE file_id = ${fileId}`);
  return { staged, yieldedAtWait, inTable };
}

it('a sheet is parsed whole before it waits for the database, then appended in full', async () => {
  const { staged, yieldedAtWait, inTable } = await stage(1, 500);
  expect(yieldedAtWait).toBe(500);
  expect(staged).toMatchObject({ rowsRead: 500, rowsSkipped: 50, rowsStaged: 450, standardised: false });
  expect(inTable).toBe(450);
  const first = await db.one<Record<string, unknown>>('first', `SELECT source_row, sheet, customer, qty FROM ${STAGING_TABLE} WHERE file_id = 1 ORDER BY source_row LIMIT 1`);
  // NFKC and trimming happen before the wait, as they did when rows went straight to the appender
  expect(first).toEqual({ source_row: 2, sheet: '销售明细', customer: '(华西医院)', qty: '2' });
});

it('a sheet larger than the rows parsed ahead waits once it holds that many, and loses none', async () => {
  const rows = Math.ceil((ROWS_PARSED_AHEAD * 10) / 9) + 100; // one staged row in ten is blank
  const { staged, yieldedAtWait, inTable } = await stage(2, rows);
  expect(yieldedAtWait).toBeLessThan(rows);
  expect(yieldedAtWait).toBeGreaterThanOrEqual(ROWS_PARSED_AHEAD);
  expect(staged.rowsRead).toBe(rows);
  expect(inTable).toBe(staged.rowsStaged);
  const span = await db.one<{ lo: number; hi: number }>('span', `SELECT min(source_row) AS lo, max(source_row) AS hi FROM ${STAGING_TABLE} WHERE file_id = 2`);
  expect(span).toEqual({ lo: 2, hi: rows + 1 - (rows % 10 === 0 ? 1 : 0) });
});
