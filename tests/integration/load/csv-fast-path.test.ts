/**
 * The CSV fast path (DuckDB's read_csv) must stage exactly what the JavaScript path stages: the
 * same rows, row numbers, cells and counts, on the demo's CSV files and on tricky hand-made ones,
 * and must hand files it cannot read the same way back to the JavaScript path.
 */
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/load-workspace.js';
import type { Pipeline } from '../../../src/config/workspace.js';
import { csvSalesPipeline } from './csv-pipeline.js';
import { Database } from '../../../src/db/database.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../../../src/io/types.js';
import { discoverFiles } from '../../../src/stages/discover/list-inbox.js';
import { CSV_FAST_PATH_MIN_BYTES, stageFile } from '../../../src/stages/load/stage-file.js';
import { createStagingTableSql, STAGING_TABLE, type StagedFile } from '../../../src/stages/load/staging-table.js';
import { tempDir, writeFile } from '../io/helpers.js';

const REPO = join(__dirname, '../../..');

let db: Database;
let nextId = 1;
/** The scratch folder a workspace gives the loader: read_csv's UTF-8 copies go there. */
const scratchDir = tempDir();
const debugLines: { reader: string; reason?: string }[] = [];
const log = { debug: (o: { reader: string; reason?: string }) => debugLines.push(o) } as never;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.run('staging', createStagingTableSql());
});
afterAll(async () => {
  await db.close();
});

interface Staged {
  file: StagedFile;
  rows: Record<string, unknown>[];
  reader: string;
}

async function stage(absPath: string, pipeline: Pipeline, csvReader: 'read_csv' | 'js', limits: Partial<ReadLimits> = {}): Promise<Staged> {
  const fileId = nextId++;
  debugLines.length = 0;
  const file = await stageFile(db, { fileId, relPath: absPath, absPath, pipeline, limits: { ...DEFAULT_LIMITS, ...limits }, scratchDir, csvReader, log });
  const rows = await db.all(
    'staged rows',
    `SELECT * EXCLUDE (file_id) FROM ${STAGING_TABLE} WHERE file_id = $id ORDER BY source_row`,
    { id: fileId },
  );
  await db.run('clear', `DELETE FROM ${STAGING_TABLE} WHERE file_id = $id`, { id: fileId });
  return { file: { ...file, fileId: 0 }, rows, reader: csvReader === 'js' ? 'js' : (debugLines[0]?.reader ?? 'none') };
}

it('auto takes read_csv only for big files', async () => {
  const small = writeFile(tempDir(), 'small.csv', Buffer.from(`${HEADER}\n2026-10-01,华西医院,板蓝根颗粒,10g*20袋,白云山,B9,2,3,6\n`));
  debugLines.length = 0;
  await stageFile(db, { fileId: nextId++, relPath: small, absPath: small, pipeline, limits: DEFAULT_LIMITS, scratchDir, log });
  expect(debugLines).toEqual([]);
  // Every line is over 50 bytes: this file is over the threshold.
  const rows = Array.from({ length: Math.ceil(CSV_FAST_PATH_MIN_BYTES / 50) }, (_, i) => `2026-10-01,华西医院,板蓝根颗粒,10g*20袋,白云山,B${i},2,3,6`);
  const big = writeFile(tempDir(), 'big.csv', Buffer.from(`${HEADER}\n${rows.join('\n')}\n`));
  const staged = await stageFile(db, { fileId: nextId++, relPath: big, absPath: big, pipeline, limits: DEFAULT_LIMITS, scratchDir, log });
  expect(debugLines.map((l) => l.reader)).toEqual(['read_csv']);
  expect(staged.rowsStaged).toBe(rows.length);
  await db.run('clear', `DELETE FROM ${STAGING_TABLE}`);
});

async function bothPaths(absPath: string, pipeline: Pipeline) {
  const slow = await stage(absPath, pipeline, 'js');
  const fast = await stage(absPath, pipeline, 'read_csv');
  return { slow, fast };
}

describe('demo CSV files: read_csv stages what papaparse stages', () => {
  const ws = loadWorkspace(REPO);
  const files = discoverFiles(ws.inboxDir, ws.pipelines).filter((f) => f.relPath.toLowerCase().endsWith('.csv'));

  it('finds the demo CSV files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((f) => [f.relPath, f] as const))('%s', async (_name, f) => {
    const { slow, fast } = await bothPaths(f.absPath, f.pipeline);
    expect(fast.reader).toBe('read_csv');
    expect(fast.file).toEqual(slow.file);
    expect(fast.rows).toEqual(slow.rows);
    expect(slow.rows.length).toBeGreaterThan(0);
  });
});

const pipeline = csvSalesPipeline('tricky');

const HEADER = '销售日期,客户名称,商品名称,规格,生产厂家,批号,数量,单价,金额';

const TRICKY = [
  '国药控股某某有限公司销售流向表 2026年10月',
  ',,,,',
  HEADER,
  '2026-10-01,北京协和医院,西地碘含片,1.5mg*15片,华润,B1,"1,200",1.5,"1,800.00"',
  '2026-10-02,"北京协和医院（西院）, 门诊",阿莫西林胶囊,0.25g*24粒,联邦,B2,10,2,20',
  '2026-10-03,四川省人民医院，东院,头孢克肟片,１００ｍｇ＊６片,白云山,B3,５,3,15',
  '2026-10-03,成都＂康泰＂大药房,布洛芬缓释胶囊,0.3g*20粒,中美史克,B4,7,4,28',
  '2026-10-04,"他说""好""药房",维生素C片,0.1g*100片,华中,B5,1,1,1',
  ',,,,,,,,',
  '   ,\u3000,,,,,,,',
  '2026-10-05,\u3000成都市第一人民医院\u3000,连花清瘟胶囊,0.35g*24粒,以岭,B6,-3,5,-15',
  '合  计,,,,,,"1,217",,"1,849.00"',
  '',
  '制表人：张三,,审核：李四',
  '2026-10-06,ＴＯＴＡＬ药房,板蓝根颗粒,10g*20袋,白云山,B7,2,3,6,extra,cells,beyond,the,header',
  '2026-10-07,TOTAL,板蓝根颗粒,10g*20袋,白云山,B8,2,3,6',
  '2026-10-08,华西医院,板蓝根颗粒,"",白云山, B9 ,2,3,6',
  '本页小计：1200,,,',
  '2026-10-09,华西医院,"",10g*20袋,白云山,B10,2,3,6',
].join('\r\n');

describe('tricky files', () => {
  const dir = tempDir();

  it.each([
    ['GBK', (text: string) => iconv.encode(text, 'gbk')],
    ['UTF-8 with BOM', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-8, LF line breaks, a final one', (text: string) => Buffer.from(`${text.replaceAll('\r\n', '\n')}\n`)],
    ['UTF-16LE', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ] as const)('%s: the same staged rows and counts by both paths', async (name, encode) => {
    const path = writeFile(dir, `tricky-${name}.csv`, encode(TRICKY));
    const { slow, fast } = await bothPaths(path, pipeline);
    expect(fast.reader).toBe('read_csv');
    expect(fast.file).toEqual(slow.file);
    expect(fast.rows).toEqual(slow.rows);
    expect(slow.file.rowsSkipped).toBeGreaterThanOrEqual(5);
    // Spot checks that the comparison compares something real.
    const byRow = new Map(fast.rows.map((r) => [r.source_row, r]));
    expect(byRow.get(4)?.qty).toBe('1,200');
    expect(byRow.get(5)?.customer).toBe('北京协和医院(西院), 门诊');
    expect(byRow.get(6)?.customer).toBe('四川省人民医院,东院');
    expect(byRow.get(6)?.qty).toBe('5');
    expect(byRow.get(7)?.customer).toBe('成都"康泰"大药房');
    expect(byRow.get(8)?.customer).toBe('他说"好"药房');
    expect(byRow.get(11)?.customer).toBe('成都市第一人民医院');
    expect(byRow.has(12)).toBe(false); // 合计
    expect(byRow.has(15)).toBe(true); // ＴＯＴＡＬ药房 is a name, not a marker
    expect(byRow.has(16)).toBe(false); // TOTAL in the first cells
    expect(byRow.get(17)?.customer).toBe('华西医院');
    expect(byRow.get(17)?.spec).toBe(null);
    expect(byRow.get(17)?.lot).toBe('B9');
    expect(byRow.get(19)?.product).toBe(null); // a quoted empty cell, no whitespace on the line
  });

  it.each([
    ['a quoted line break', `${HEADER}\n2026-10-01,"北京协和\n医院",西地碘含片,1.5mg*15片,华润,B1,1,1,1\n2026-10-02,华西医院,西地碘含片,1.5mg*15片,华润,B1,2,1,2\n`],
    ['a quote inside a field', `${HEADER}\n2026-10-01,北京"协和"医院,西地碘含片,1.5mg*15片,华润,B1,1,1,1\n`],
    ['an unclosed quote', `${HEADER}\n2026-10-01,"北京协和医院,西地碘含片,1.5mg*15片,华润,B1,1,1,1\n`],
  ])('%s: falls back to the JavaScript path with the same result', async (name, text) => {
    const path = writeFile(dir, `fallback-${name}.csv`, Buffer.from(text));
    const slow = await stage(path, pipeline, 'js').catch((e: Error) => e.message);
    const fast = await stageOrMessage(path);
    expect(fast.reader).toBe('papaparse');
    if (typeof slow === 'string') expect(fast.result).toBe(slow);
    else expect(fast.result).toEqual(slow);
  });
});

describe('limits', () => {
  const dir = tempDir();
  // 80 lines: past the 50 the header search reads, so the transcoder meets the limits first.
  const rows = Array.from({ length: 60 }, (_, i) => `2026-10-09,华西医院,板蓝根颗粒,10g*20袋,白云山,L${i},2,3,6`);
  const tail = [`2026-10-10,${'长'.repeat(40)},板蓝根颗粒,10g*20袋,白云山,L,2,3,6${',x'.repeat(10)}`];
  const path = writeFile(dir, 'limits.csv', iconv.encode([TRICKY, ...rows, ...tail].join('\r\n'), 'gbk'));

  it('the file itself is within the default limits and takes the fast path', async () => {
    const { slow, fast } = await bothPaths(path, pipeline);
    expect(fast.reader).toBe('read_csv');
    expect(fast.rows).toEqual(slow.rows);
  });

  it.each<[string, Partial<ReadLimits>]>([
    ['rows', { maxRows: 70 }],
    ['columns', { maxColumns: 16 }],
    ['cell characters', { maxCellChars: 39 }],
  ])('too many %s: the file fails as on the JavaScript path, staging nothing', async (_what, limits) => {
    const slow = await stage(path, pipeline, 'js', limits).then(() => 'staged', (e: Error) => e.message);
    const fast = await stageOrMessage(path, limits);
    expect(slow).toMatch(/limit/);
    expect(fast.result).toBe(slow);
    const left = await db.value<bigint>('left', `SELECT count(*) FROM ${STAGING_TABLE}`);
    expect(Number(left)).toBe(0);
  });
});

async function stageOrMessage(path: string, limits: Partial<ReadLimits> = {}): Promise<{ result: Staged | string; reader: string }> {
  try {
    const staged = await stage(path, pipeline, 'read_csv', limits);
    return { result: { ...staged, reader: 'js' }, reader: staged.reader };
  } catch (error) {
    return { result: (error as Error).message, reader: debugLines[0]?.reader ?? 'none' };
  }
}
