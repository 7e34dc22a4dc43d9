/**
 * Small CSV files pooled into one read_csv per delimiter and rules (csv-pool.ts) must load exactly
 * what the JavaScript path loads file by file: the same std_rows, rejects and counts, across
 * layouts, delimiters, encodings, feeds with other rules, a file read_csv cannot take, and a
 * pooled statement that fails.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, expect, it } from 'vitest';
import type { Pipeline } from '../../../src/config/workspace.js';
import type { Database } from '../../../src/db/database.js';
import { DEFAULT_LIMITS } from '../../../src/io/types.js';
import { CsvPool } from '../../../src/stages/load/csv-pool.js';
import { FileLedger } from '../../../src/stages/load/file-ledger.js';
import { loadBatch, WORK_TABLE, type BatchFile } from '../../../src/stages/load/load-batch.js';
import { stageFile } from '../../../src/stages/load/stage-file.js';
import { tempDir, writeFile } from '../io/helpers.js';
import { csvSalesPipeline, loadTestDatabase } from './csv-pipeline.js';

const dir = tempDir();
// A feed per file: files of one feed covering the same month would restate each other.
const sales = (feed: string) => csvSalesPipeline(feed);
const withReturns = csvSalesPipeline('pool-returns', { returnDocTypes: ['退货'] });

const HEADER = ['销售日期', '客户名称', '商品名称', '规格', '生产厂家', '批号', '数量', '单价', '金额'];

function rows(n: number, from: number): string[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const qty = i % 7 === 0 ? 'abc' : i % 11 === 0 ? '１２' : i % 13 === 0 ? '1,200' : String((i % 9) + 1);
    const date = i % 17 === 0 ? '' : `2026-10-${String((i % 28) + 1).padStart(2, '0')}`;
    return [date, i % 5 === 0 ? ` 华西医院（东院）${i} ` : `华西医院${i}`, '板蓝根颗粒', '10g*20袋', '白云山', `B${i}`, qty, '3', '6'];
  });
}

/** Cells quoted where they must be, in the delimiter given, columns in the order given. */
function csv(header: string[], order: number[], delimiter: string, body: string[][], extra: string[] = []): string {
  const line = (cells: string[]) =>
    order.map((c) => cells[c] ?? '').map((cell) => (cell.includes(delimiter) ? `"${cell}"` : cell)).join(delimiter);
  return ['某某医药有限公司销售流向表', line(header), ...body.map(line), line(['合计', '', '', '', '', '', '99', '', '']), ...extra].join('\r\n');
}

const BIG = 16_000;
const natural = HEADER.map((_, i) => i);
const reordered = [...natural].reverse();
const withDocType = [...HEADER, '单据类型'];
const FILES: [string, Pipeline, Buffer][] = [
  ['a.csv', sales('pool-a'), iconv.encode(csv(HEADER, natural, ',', rows(40, 0)), 'gbk')],
  ['b.csv', sales('pool-b'), Buffer.from(`\ufeff${csv(HEADER, reordered, ',', rows(30, 100))}\r\n`)],
  ['c.csv', sales('pool-c'), Buffer.from(csv(HEADER, natural, '\t', rows(25, 200)))],
  ['d.csv', withReturns, Buffer.from(csv(withDocType, [...natural, 9], ',', rows(20, 300).map((r, i) => [...r, i % 3 === 0 ? '退货' : '销售'])))],
  // A quote inside a field: read_csv would read it otherwise, so this one goes the JavaScript way.
  ['e.csv', sales('pool-e'), Buffer.from(csv(HEADER, natural, ',', rows(10, 400), ['2026-10-03,华西"医院,板蓝根颗粒,10g*20袋,白云山,BX,3,3,9']))],
  ['f.csv', sales('pool-f'), Buffer.from(`${HEADER.join(',')}\n`)],
  // Past a decoded chunk (1 MB), so the second one is refused after the first chunk was pooled.
  ['g.csv', sales('pool-g'), Buffer.from(csv(HEADER, natural, ',', rows(BIG, 1000)))],
  ['h.csv', sales('pool-h'), Buffer.from(csv(HEADER, natural, ',', rows(BIG, 1000), ['2026-10-03,华西"医院,板蓝根颗粒,10g*20袋,白云山,BX,3,3,9']))],
];
const paths = FILES.map(([name, pipeline, bytes]) => ({ name, pipeline, absPath: writeFile(dir, name, bytes) }));

const opened: Database[] = [];
afterAll(() => opened.forEach((db) => db.close()));

async function loadAll(pooled: boolean, beforeFlush?: () => void) {
  const db = await loadTestDatabase();
  opened.push(db);
  const ledger = await FileLedger.read(db);
  const pool = new CsvPool(dir);
  const readers: string[] = [];
  const log = { debug: (o: { reader: string }) => readers.push(o.reader) } as never;
  const files: BatchFile[] = [];
  for (const { name, pipeline, absPath } of paths) {
    const fileId = ledger.takeFileId();
    const staged = await stageFile(db, {
      fileId,
      relPath: name,
      absPath,
      pipeline,
      limits: DEFAULT_LIMITS,
      scratchDir: dir,
      csvReader: pooled ? 'auto' : 'js',
      standardiseInto: WORK_TABLE,
      csvPool: pooled ? pool : undefined,
      log,
    });
    ledger.add({ fileId, feed: pipeline.feed, path: name, sha256: name, sheet: staged.sheet, status: 'loaded', minDate: null, maxDate: null });
    files.push({ record: { fileId, runId: 'r1', pipeline, relPath: name, sha256: name, sizeBytes: 1 }, staged, outcome: null });
  }
  beforeFlush?.();
  await pool.flush(db);
  const stats = await loadBatch(db, ledger, files);
  return {
    readers,
    staged: files.map((f) => ({ ...f.staged, standardised: undefined })),
    stats: [...stats.entries()],
    stdRows: await db.all('std_rows', 'SELECT rowid AS rid, * FROM std_rows ORDER BY rowid'),
    rejects: await db.all('rejects', 'SELECT rowid AS rid, * FROM rejects ORDER BY rowid'),
  };
}

it('pooled small CSV files load exactly what the JavaScript path loads', async () => {
  // h.csv must span more than one decoded chunk (1 MiB): refused after its first chunk was pooled.
  expect(FILES.find(([name]) => name === 'h.csv')?.[2].length).toBeGreaterThan(1 << 20);
  const js = await loadAll(false);
  const pooled = await loadAll(true);
  const pooledReader = 'read_csv (pooled)';
  expect(pooled.readers).toEqual([pooledReader, pooledReader, pooledReader, pooledReader, 'papaparse', pooledReader, pooledReader, 'papaparse']);
  expect(pooled.staged).toEqual(js.staged);
  expect(pooled.stats).toEqual(js.stats);
  expect(pooled.stdRows).toEqual(js.stdRows);
  expect(pooled.rejects).toEqual(js.rejects);
  // What the comparison is about: every file loaded rows but the header-only one, some rejected.
  const loaded = new Set(js.stdRows.map((r) => r.file_id));
  expect(loaded.size).toBe(7);
  expect(js.rejects.length).toBeGreaterThan(10);
  expect(js.stdRows.some((r) => r.is_return === true)).toBe(true);
  expect(js.stdRows.length + js.rejects.length).toBe(40 + 30 + 25 + 20 + 11 + BIG + BIG + 1);
  // Scratch files are gone once the pool is flushed.
  expect(readdirSync(dir).filter((f) => f.includes('-pool-'))).toEqual([]);
});

it('a pooled statement that fails restages its files the JavaScript way, losing nothing', async () => {
  const js = await loadAll(false);
  // read_csv finds no file: the pool must fall back rather than drop the files' rows.
  let removed = 0;
  const pooled = await loadAll(true, () => {
    for (const f of readdirSync(dir).filter((n) => n.includes('-pool-'))) {
      rmSync(join(dir, f));
      removed++;
    }
  });
  // Two delimiters, and the returns feed has rules of its own: three pooled statements.
  expect(removed).toBe(3);
  expect(pooled.stats).toEqual(js.stats);
  expect(pooled.stdRows).toEqual(js.stdRows);
  expect(pooled.rejects).toEqual(js.rejects);
});
