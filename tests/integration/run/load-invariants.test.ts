import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { addFile, makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const SALES_PIPELINE = `distributor: D0001
kind: sales
files: "bek/*.csv"
`;

const header = '销售日期,客户名称,产品名称,产品规格,批号,数量,单位,单价,金额';
const october = [
  '四川贝尔康医药有限公司销售流向表 2026年10月',
  header,
  '2026-10-01,北京协和医院,阿卡波糖片,50mg*30片,L2601,10,盒,45.5,455',
  '2026/10/2,北京市和平里医院,阿卡波糖片,50mg*30片,L2601,"1,200",盒,45.5,"54,600"',
  '20261003,广州市振康医药有限公司,阿奇霉素干混悬剂,0.1g*6袋,B77,５,盒,30,150',
  '2026年10月4日,北京协和医院,阿卡波糖片,50mg*30片,L2601,(3),盒,45.5,(136.5)',
  '2026-10-05,北京协和医院,阿卡波糖片,50mg*30片,L2601,abc,盒,45.5,0',
  '',
  '合计,,,,,1212,,,',
].join('\r\n');

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function exportHashes(outDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) {
        if (name !== 'runs') walk(abs);
      // The manifest and the run report are run metadata (run id, times); data exports must not change.
      } else if (name !== 'manifest.json' && name !== 'report.html') out[path.relative(outDir, abs)] = sha(abs);
    }
  };
  walk(outDir);
  return out;
}

describe('drugflow run on a small workspace', () => {
  it('accounts for every row: read = loaded + rejected + skipped, and the loaded quantity is the valid quantity', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': SALES_PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk') });
    const summary = await runQuietly(ws);
    expect(summary.files.loaded).toBe(1);
    const [file] = summary.inputs;
    expect(file?.rows).toEqual({ read: 7, loaded: 4, rejected: 1, skipped: 2, outOfPeriod: 0 });
    const [f] = await query<{ qty_loaded: number; encoding: string }>(ws, 'SELECT qty_loaded, encoding FROM files');
    expect(f?.qty_loaded).toBe(10 + 1200 + 5 - 3);
    expect(f?.encoding).toBe('gb18030');
    const rejects = await query<{ source_row: number; reason: string }>(ws, 'SELECT source_row, reason FROM rejects');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]?.source_row).toBe(7);
    expect(rejects[0]?.reason).toContain('abc');
  });

  it('sends terminal sales to flow_terminal and a sale to a distributor to flow_secondary', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': SALES_PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk') });
    const summary = await runQuietly(ws);
    expect(summary.tables.flow_terminal?.rows).toBe(3);
    expect(summary.tables.flow_secondary?.rows).toBe(1);
    const secondary = await query<{ buyer_code: string; sku: string; qty: number }>(ws, 'SELECT buyer_code, sku, qty FROM flow_secondary');
    expect(secondary).toEqual([{ buyer_code: 'D0002', sku: 'SKU002', qty: 5 }]);
    const returns = await query<{ qty: number; is_return: boolean }>(ws, 'SELECT qty, is_return FROM flow_terminal WHERE qty < 0');
    expect(returns).toEqual([{ qty: -3, is_return: true }]);
  });

  it('changes nothing when run twice: same tables, byte-identical exports', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': SALES_PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk') });
    await runQuietly(ws);
    const before = exportHashes(path.join(ws, 'out'));
    const second = await runQuietly(ws);
    expect(second.files).toMatchObject({ loaded: 0, unchanged: 1 });
    expect(exportHashes(path.join(ws, 'out'))).toEqual(before);
    const files = await query(ws, 'SELECT count(*) AS n FROM files');
    expect(files[0]?.n).toBe(1);
  });

  it('skips the same file sent again under a new name', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': SALES_PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk') });
    await runQuietly(ws);
    addFile(ws, 'inbox/bek/SM_D0001_20261031 (1).csv', iconv.encode(october, 'gbk'));
    const second = await runQuietly(ws);
    expect(second.files).toMatchObject({ duplicate: 1, loaded: 0 });
    const [n] = await query<{ n: number }>(ws, 'SELECT count(*) AS n FROM std_rows');
    expect(n?.n).toBe(4);
  });

  it('replaces a restated month instead of adding to it', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': SALES_PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk') });
    await runQuietly(ws);
    const restated = october.replace(',10,盒,45.5,455', ',12,盒,45.5,546');
    addFile(ws, 'inbox/bek/SM_D0001_20261105_补传.csv', iconv.encode(restated, 'gbk'));
    const second = await runQuietly(ws);
    expect(second.inputs.find((i) => i.status === 'loaded')?.restates).toEqual(['bek/SM_D0001_20261031.csv']);
    const [t] = await query<{ qty: number; n: number }>(ws, "SELECT sum(qty) AS qty, count(*) AS n FROM std_rows WHERE period = '2026-10'");
    expect(t).toEqual({ qty: 12 + 1200 + 5 - 3, n: 4 });
    const statuses = await query<{ path: string; status: string }>(ws, 'SELECT path, status FROM files ORDER BY file_id');
    expect(statuses.map((s) => s.status)).toEqual(['superseded', 'loaded']);
  });

  it('keeps a row dated outside the file\'s month, marked out of period', async () => {
    const withStraggler = october.replace('20261003,', '2026-09-30,');
    const ws = makeWorkspace({ 'pipelines/bek.yaml': SALES_PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(withStraggler, 'gbk') });
    const summary = await runQuietly(ws);
    expect(summary.inputs[0]?.rows.outOfPeriod).toBe(1);
    expect(summary.inputs[0]?.periods).toEqual(['2026-10']);
    const rows = await query<{ period: string }>(ws, 'SELECT period FROM std_rows WHERE out_of_period');
    expect(rows).toEqual([{ period: '2026-09' }]);
  });
  // Files are committed in batches: these cases put the related files in one run, so one batch.
  it('restates a month with a file of the same run: the later file replaces the earlier one', async () => {
    const restated = october.replace(',10,盒,45.5,455', ',12,盒,45.5,546');
    const ws = makeWorkspace({
      'pipelines/bek.yaml': SALES_PIPELINE,
      'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk'),
      'inbox/bek/SM_D0001_20261105_补传.csv': iconv.encode(restated, 'gbk'),
    });
    const summary = await runQuietly(ws);
    expect(summary.inputs.map((i) => [i.path, i.status, i.restates])).toEqual([
      ['bek/SM_D0001_20261031.csv', 'loaded', []],
      ['bek/SM_D0001_20261105_补传.csv', 'loaded', ['bek/SM_D0001_20261031.csv']],
    ]);
    const [t] = await query<{ qty: number; n: number }>(ws, "SELECT sum(qty) AS qty, count(*) AS n FROM std_rows WHERE period = '2026-10'");
    expect(t).toEqual({ qty: 12 + 1200 + 5 - 3, n: 4 });
    const files = await query<{ file_id: number; status: string; superseded_by: number | null }>(ws, 'SELECT file_id, status, superseded_by FROM files ORDER BY file_id');
    expect(files).toEqual([
      { file_id: 1, status: 'superseded', superseded_by: 2 },
      { file_id: 2, status: 'loaded', superseded_by: null },
    ]);
    const rejects = await query<{ file_id: number }>(ws, 'SELECT file_id FROM rejects');
    expect(rejects).toEqual([{ file_id: 2 }]);
  });

  it('loads nothing of a bad file between good ones of the same run, and numbers files in inbox order', async () => {
    const november = october.replaceAll('2026-10-0', '2026-11-0').replaceAll('2026/10/', '2026/11/').replace('20261003', '20261103').replace('2026年10月4日', '2026年11月4日');
    const ws = makeWorkspace({
      'pipelines/bek.yaml': SALES_PIPELINE,
      'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk'),
      'inbox/bek/SM_D0001_20261115.csv': Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x00]),
      'inbox/bek/SM_D0001_20261130.csv': iconv.encode(november, 'gbk'),
      'inbox/bek/SM_D0001_20261130(1).csv': iconv.encode(november, 'gbk'),
    });
    const summary = await runQuietly(ws);
    expect(summary.inputs.map((i) => i.status)).toEqual(['loaded', 'unreadable', 'loaded', 'duplicate']);
    const files = await query<{ file_id: number; status: string; rows_loaded: number }>(ws, 'SELECT file_id, status, rows_loaded FROM files ORDER BY file_id');
    expect(files).toEqual([
      { file_id: 1, status: 'loaded', rows_loaded: 4 },
      { file_id: 2, status: 'unreadable', rows_loaded: 0 },
      { file_id: 3, status: 'loaded', rows_loaded: 4 },
      { file_id: 4, status: 'duplicate', rows_loaded: 0 },
    ]);
    const perFile = await query<{ file_id: number; period: string; n: number }>(ws, 'SELECT file_id, period, count(*) AS n FROM std_rows GROUP BY ALL ORDER BY ALL');
    expect(perFile).toEqual([
      { file_id: 1, period: '2026-10', n: 4 },
      { file_id: 3, period: '2026-11', n: 4 },
    ]);
  });
});
