import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const good = ['销售日期,客户名称,产品名称,产品规格,数量', '2026-10-01,北京协和医院,阿卡波糖片,50mg*30片,10', '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,20'].join('\n');

async function xlsxBuffer(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('销售明细');
  ws.addRow(['销售日期', '客户名称', '产品名称', '数量']);
  for (let i = 0; i < 200; i++) ws.addRow([new Date(Date.UTC(2026, 9, 1 + (i % 28))), '北京协和医院', '阿卡波糖片', i + 1]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function pipeline(name: string, files: string, extra = ''): Record<string, string> {
  return { [`pipelines/${name}.yaml`]: `distributor: D0001\nkind: sales\nfiles: "${files}"\n${extra}` };
}

const longCell = ['销售日期,客户名称,产品名称,数量', `2026-10-01,${'北'.repeat(100_000)},阿卡波糖片,10`].join('\n');

describe('bad input: each bad file is reported by name, nothing of it is loaded, the others load', () => {
  it.each([
    ['an empty file', 'bad.csv', Buffer.alloc(0), '', /empty/i],
    ['a header only', 'bad.csv', Buffer.from('销售日期,客户名称,产品名称,数量\n'), '', null],
    ['random bytes named .csv', 'bad.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), '', /binary|not a text|not text|cannot/i],
    ['a GBK file declared UTF-8', 'bad.csv', iconv.encode(good, 'gbk'), 'encoding: utf-8\n', /utf-8/i],
    ['a sheet that does not exist', 'bad.csv', Buffer.from(good), 'sheet: 库存\n', /sheet/i],
    ['a column mapped to a missing header', 'bad.csv', Buffer.from(good), 'columns:\n  qty: 数量（盒）\n', /数量（盒）|数量\(盒\)/],
    ['a 100,000-character cell', 'bad.csv', Buffer.from(longCell), '', /100000|32767|characters/],
  ])('%s', async (_label, name, content, extra, expected) => {
    const ws = makeWorkspace({
      ...pipeline('good', 'good/*.csv'),
      ...pipeline('bad', `bad/*`, extra as string),
      'inbox/good/good.csv': good,
      [`inbox/bad/${name}`]: content as Buffer,
    });
    const summary = await runQuietly(ws);
    const good1 = summary.inputs.find((i) => i.feed === 'good');
    expect(good1?.status).toBe('loaded');
    expect(good1?.rows.loaded).toBe(2);
    const bad = summary.inputs.find((i) => i.feed === 'bad');
    if (expected === null) {
      // A header with no rows is a valid, empty report: loaded with zero rows.
      expect(bad?.status).toBe('loaded');
      expect(bad?.rows.read).toBe(0);
      return;
    }
    expect(bad?.status).toBe('unreadable');
    expect(bad?.reason).toMatch(expected as RegExp);
    const rows = await query<{ n: number }>(ws, "SELECT count(*) AS n FROM std_rows JOIN files USING (file_id) WHERE files.feed = 'bad'");
    expect(rows[0]?.n).toBe(0);
    expect(summary.exit_code).toBe(3);
  });

  it('a truncated .xlsx is reported and loads nothing', async () => {
    const full = await xlsxBuffer();
    const ws = makeWorkspace({
      ...pipeline('good', 'good/*.csv'),
      ...pipeline('bad', 'bad/*.xlsx'),
      'inbox/good/good.csv': good,
      'inbox/bad/cut.xlsx': full.subarray(0, Math.floor(full.length / 2)),
    });
    const summary = await runQuietly(ws);
    const bad = summary.inputs.find((i) => i.feed === 'bad');
    expect(bad?.status).toBe('unreadable');
    expect(bad?.reason).toMatch(/xlsx|zip|corrupt|truncated/i);
    expect(summary.inputs.find((i) => i.feed === 'good')?.rows.loaded).toBe(2);
  });
});
