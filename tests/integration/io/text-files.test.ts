import iconv from 'iconv-lite';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/errors.js';
import { open, randomBytes, readSheet, tempDir, writeFile } from './helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TITLE = '国药控股湖北有限公司销售流向表 2026年10月';
const CSV = [
  TITLE,
  '销售日期,产品名称,产品规格,客户名称,数量（盒）,金额',
  '2026-10-01,西地碘含片,1.5mg*15片,北京协和医院,10,"1,234.50"',
  '2026/10/2,西地碘含片,1.5mg*15片,"国药控股(乐山)川药医药有限公司",-2,-246.90',
  '',
  '合计,,,,8,987.60',
  '',
].join('\r\n');
const EXPECTED = [
  { rowNumber: 1, cells: [TITLE] },
  { rowNumber: 2, cells: ['销售日期', '产品名称', '产品规格', '客户名称', '数量（盒）', '金额'] },
  { rowNumber: 3, cells: ['2026-10-01', '西地碘含片', '1.5mg*15片', '北京协和医院', '10', '1,234.50'] },
  { rowNumber: 4, cells: ['2026/10/2', '西地碘含片', '1.5mg*15片', '国药控股(乐山)川药医药有限公司', '-2', '-246.90'] },
  { rowNumber: 5, cells: [''] },
  { rowNumber: 6, cells: ['合计', '', '', '', '8', '987.60'] },
];

describe('openBook: CSV', () => {
  it.each([
    ['GBK with a title row', 'gbk.csv', iconv.encode(CSV, 'gbk'), 'gb18030'],
    ['UTF-8 with BOM', 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), 'utf-8'],
    ['UTF-8 without BOM', 'plain.csv', Buffer.from(CSV), 'utf-8'],
    ['UTF-16LE with BOM', 'wide.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]), 'utf-16le'],
    ['GB18030 named .xls', 'sales.xls', iconv.encode(CSV, 'gb18030'), 'gb18030'],
  ])('%s', async (_label, name, bytes, encoding) => {
    const book = await open(writeFile(dir, name, bytes));
    expect(book.format).toBe('csv');
    expect(book.encoding).toBe(encoding);
    expect(book.sheets.map((s) => [s.name, s.index])).toEqual([['Sheet1', 0]]);
    expect(await readSheet(book)).toEqual(EXPECTED);
  });

  it('a header-only CSV returns its one row', async () => {
    const book = await open(writeFile(dir, 'header.csv', '客户名称,数量\n'));
    expect(await readSheet(book)).toEqual([{ rowNumber: 1, cells: ['客户名称', '数量'] }]);
  });

  it('tab-separated GBK with quoted newlines keeps record numbers', async () => {
    const text = '客户名称\t地址\n北京协和医院\t"北京市东城区\n帅府园1号"\n同仁医院\t东交民巷\n';
    const book = await open(writeFile(dir, 'tab.txt', iconv.encode(text, 'gbk')));
    expect(await readSheet(book)).toEqual([
      { rowNumber: 1, cells: ['客户名称', '地址'] },
      { rowNumber: 2, cells: ['北京协和医院', '北京市东城区\n帅府园1号'] },
      { rowNumber: 3, cells: ['同仁医院', '东交民巷'] },
    ]);
  });
});

describe('openBook: HTML "xls"', () => {
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>
<table border="1">
<tr><td colspan="4"><b>${TITLE}</b></td></tr>
<tr><th>销售日期</th><th>产品名称</th><th>客户名称</th><th>数量</th></tr>
<tr><td>2026-10-01</td><td>西地碘含片 <span>1.5mg*15片</span></td><td>北京协和医院&nbsp;</td><td>10</td></tr>
<tr><td>2026-10-02</td><td>西地碘含片</td><td>A&amp;B药房&#12288;</td><td>-2</td>
<tr><td>合计</td><td colspan=2></td><td>8</td></tr>
</table></body></html>`;

  it('a GBK page with a meta charset, colspan and entities', async () => {
    const book = await open(writeFile(dir, '销售流向.xls', iconv.encode(html, 'gbk')));
    expect(book.format).toBe('html');
    expect(book.encoding).toBe('gb18030');
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(await readSheet(book)).toEqual([
      { rowNumber: 1, cells: [TITLE, '', '', ''] },
      { rowNumber: 2, cells: ['销售日期', '产品名称', '客户名称', '数量'] },
      { rowNumber: 3, cells: ['2026-10-01', '西地碘含片 1.5mg*15片', '北京协和医院', '10'] },
      { rowNumber: 4, cells: ['2026-10-02', '西地碘含片', 'A&B药房\u3000', '-2'] },
      { rowNumber: 5, cells: ['合计', '', '', '8'] },
    ]);
  });

  it('several tables are sheets table1, table2', async () => {
    const two = '<table><tr><td>进</td></tr></table><table><tr><td>销</td></tr></table>';
    const book = await open(writeFile(dir, 'two.xls', two));
    expect(book.sheets.map((s) => s.name)).toEqual(['table1', 'table2']);
    expect(await readSheet(book, 1)).toEqual([{ rowNumber: 1, cells: ['销'] }]);
  });

  it('a page without tables is unreadable', async () => {
    await expect(open(writeFile(dir, 'empty.xls', '<html><body>无数据</body></html>'))).rejects.toThrow(
      /empty\.xls: HTML file contains no table rows/,
    );
  });
});

describe('openBook: bad text input', () => {
  const cases: [string, string, Buffer | string, Record<string, string>, Record<string, number>, RegExp][] = [
    ['empty file', 'empty.csv', '', {}, {}, /empty\.csv: file is empty/],
    ['random bytes named .csv', 'random.csv', randomBytes(10_000), {}, {}, /random\.csv: not a text file or workbook/],
    [
      'GBK declared utf-8',
      'declared.csv',
      iconv.encode(CSV, 'gbk'),
      { encoding: 'utf-8' },
      {},
      /declared\.csv: not valid UTF-8 \(first invalid byte at offset 0\).*gb18030/,
    ],
    [
      'explicit format contradicting the bytes',
      'really-html.xls',
      '<html><table><tr><td>1</td></tr></table></html>',
      { format: 'xls' },
      {},
      /really-html\.xls: format is declared xls but the file is an HTML table/,
    ],
    ['file over the size limit', 'big.csv', 'a,b\n'.repeat(1000), {}, { maxFileBytes: 1000 }, /big\.csv: file has 4000 bytes \(limit 1000\)/],
  ];
  it.each(cases)('%s', async (_label, name, bytes, options, limits, message) => {
    const path = writeFile(dir, name, bytes);
    const error = await open(path, options, limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).file).toBe(path);
    expect((error as Error).message).toMatch(message);
  });

  it('a missing file', async () => {
    await expect(open(`${dir}/nope.csv`)).rejects.toThrow(/nope\.csv: file not found/);
  });

  it.each([
    ['a 100,000-character cell', `客户,备注\n协和,${'药'.repeat(100_000)}\n`, {}, /row 2, column 2: cell has 100000 characters \(limit 32767\)/],
    ['too many rows', 'a\n1\n2\n3\n4\n', { maxRows: 3 }, /row 4: more than 3 rows \(limit 3\)/],
    ['too many columns', `${'x,'.repeat(600)}x\n`, {}, /row 1: 601 columns \(limit 512\)/],
  ])('%s fails while streaming rows', async (_label, text, limits, message) => {
    const book = await open(writeFile(dir, 'limits.csv', text), {}, limits);
    await expect(readSheet(book)).rejects.toThrow(InputFileError);
    await expect(readSheet(await open(writeFile(dir, 'limits.csv', text), {}, limits))).rejects.toThrow(message);
  });

  it('UTF-8 that turns into GBK deep in the file fails while streaming, not with mojibake', async () => {
    const head = Buffer.from('客户,数量\n'.repeat(100_000));
    const path = writeFile(dir, 'mixed.csv', Buffer.concat([head, iconv.encode('北京协和医院,5\n', 'gbk')]));
    const book = await open(path);
    expect(book.encoding).toBe('utf-8');
    await expect(readSheet(book)).rejects.toThrow(`first invalid byte at offset ${head.length}`);
  });
});
