/**
 * A big CSV file is standardised straight from read_csv into the work table, skipping the
 * staging table. What it loads must be exactly what staging then standardising loads: the same
 * std_rows, rejects and counts, title, totals, bad and return rows included; and a file
 * read_csv cannot take goes the JavaScript way and still loads the same.
 */
import { afterAll, expect, it } from 'vitest';
import { csvSalesPipeline, loadTestDatabase } from './csv-pipeline.js';
import type { Database } from '../../../src/db/database.js';
import { DEFAULT_LIMITS } from '../../../src/io/types.js';
import { FileLedger } from '../../../src/stages/load/file-ledger.js';
import { loadBatch, WORK_TABLE, type BatchFile } from '../../../src/stages/load/load-batch.js';
import { DIRECT_STANDARDISE_MIN_ROWS } from '../../../src/stages/load/stage-csv-fast.js';
import { CSV_FAST_PATH_MIN_BYTES, stageFile } from '../../../src/stages/load/stage-file.js';
import { tempDir, writeFile } from '../io/helpers.js';

const pipeline = csvSalesPipeline('direct', { returnDocTypes: ['退货'] });

/** Every kind of row the standardise SQL judges differently, spread over a big file. */
function row(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const date = i % 101 === 0 ? '' : i % 89 === 0 ? `2026年10月${day}日` : `2026-10-${day}`;
  const qty = i % 97 === 0 ? 'abc' : i % 103 === 0 ? '-2' : i % 107 === 0 ? '１２' : i % 83 === 0 ? '"1,200"' : String((i % 9) + 1);
  const docType = i % 109 === 0 ? '退货' : '销售';
  const customer = i % 113 === 0 ? '  华西医院  东院 ' : `华西医院${i % 50}`;
  return `${date},${customer},板蓝根颗粒,10g*20袋,白云山,B${i},${qty},3.5,${docType}`;
}

const rows = DIRECT_STANDARDISE_MIN_ROWS + 1000;
const dir = tempDir();

function bigFile(name: string, lineAt?: { row: number; text: string }): string {
  const lines = ['某某医药有限公司销售流向表 2026年10月', '销售日期,客户名称,商品名称,规格,生产厂家,批号,数量（盒）,单价,单据类型'];
  for (let i = 0; i < rows; i++) lines.push(lineAt?.row === i ? lineAt.text : row(i));
  lines.push('合计,,,,,,99999,,');
  const text = `${lines.join('\n')}\n`;
  expect(text.length).toBeGreaterThan(CSV_FAST_PATH_MIN_BYTES);
  return writeFile(dir, name, text);
}

const opened: Database[] = [];
afterAll(() => opened.forEach((db) => db.close()));

async function load(absPath: string, direct: boolean) {
  const db = await loadTestDatabase();
  opened.push(db);
  const ledger = await FileLedger.read(db);
  const fileId = ledger.takeFileId();
  const staged = await stageFile(db, {
    fileId,
    relPath: 'sales.csv',
    absPath,
    pipeline,
    limits: DEFAULT_LIMITS,
    scratchDir: dir,
    standardiseInto: direct ? WORK_TABLE : undefined,
  });
  ledger.add({ fileId, feed: pipeline.feed, path: 'sales.csv', sha256: 'sha', sheet: staged.sheet, status: 'loaded', minDate: null, maxDate: null });
  const file: BatchFile = { record: { fileId, runId: 'r1', pipeline, relPath: 'sales.csv', sha256: 'sha', sizeBytes: 1 }, staged, outcome: null };
  const stats = await loadBatch(db, ledger, [file]);
  // Whole tables compared by a fingerprint of their rows in order: 2 × 21k row objects made
  // vitest's deep equality the slowest part of the test.
  const fingerprint = async (table: string) =>
    (await db.one<{ n: number; h: string }>('fingerprint', `SELECT count(*)::INTEGER AS n, hash(list(t ORDER BY t.source_row))::VARCHAR AS h FROM ${table} t`)) as { n: number; h: string };
  return {
    staged,
    stats: stats.get(fileId),
    tables: { stdRows: await fingerprint('std_rows'), rejects: await fingerprint('rejects') },
    rejectColumns: await db.all<{ column: string; n: number }>('rejects', 'SELECT "column", count(*)::INTEGER AS n FROM rejects GROUP BY ALL ORDER BY 1'),
    returns: await db.value<number>('returns', 'SELECT count(*)::INTEGER FROM std_rows WHERE is_return'),
    folded: await db.value<number>('folded', 'SELECT qty FROM std_rows WHERE source_row = 110'),
  };
}

it('a big CSV file standardised straight from read_csv loads exactly what staging loads', async () => {
  const absPath = bigFile('sales.csv');
  const staged = await load(absPath, false);
  const direct = await load(absPath, true);
  expect(staged.staged.standardised).toBe(false);
  expect(direct.staged.standardised).toBe(true);
  expect({ ...direct.staged, standardised: false }).toEqual(staged.staged);
  expect(direct.stats).toEqual(staged.stats);
  expect(direct.tables).toEqual(staged.tables);
  // The file holds what the comparison is about: rejects, returns, folded and skipped rows.
  expect(staged.staged.rowsSkipped).toBe(1);
  expect(staged.rejectColumns.map((r) => r.column)).toEqual(['date', 'qty']);
  expect(staged.returns).toBeGreaterThan(100);
  // Line 110 is row 107: a full-width １２.
  expect(staged.folded).toBe(12);
  expect(staged.tables.stdRows.n + staged.tables.rejects.n).toBe(rows);
});

it('a big file with a line read_csv cannot take goes the JavaScript way and loads the same', async () => {
  // A quote inside a field: papaparse reads it, read_csv would not read it the same way.
  const absPath = bigFile('stray-quote.csv', { row: rows - 100, text: '2026-10-03,华西"医院,板蓝根颗粒,10g*20袋,白云山,BX,3,3.5,销售' });
  const staged = await load(absPath, false);
  const direct = await load(absPath, true);
  expect(direct.staged.standardised).toBe(false);
  expect(direct.stats).toEqual(staged.stats);
  expect(direct.tables).toEqual(staged.tables);
  expect(direct.tables.stdRows.n + direct.tables.rejects.n).toBe(rows);
});
