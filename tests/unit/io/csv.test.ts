import { describe, expect, it } from 'vitest';
import { guessDelimiter, parseCsvChunks } from '../../../src/io/csv.js';
import type { RawRow } from '../../../src/io/types.js';

async function parse(...chunks: string[]): Promise<RawRow[]> {
  async function* source(): AsyncGenerator<string> {
    yield* chunks;
  }
  const rows: RawRow[] = [];
  for await (const row of parseCsvChunks(source(), 'test.csv')) rows.push(row);
  return rows;
}
const cells = (rows: RawRow[]): string[][] => rows.map((r) => r.cells);

describe('parseCsvChunks', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['tab', '产品名称\t数量\n西地碘含片\t10\n', [['产品名称', '数量'], ['西地碘含片', '10']]],
    ['semicolon', 'a;b\n1;2\n', [['a', 'b'], ['1', '2']]],
    ['pipe', 'a|b|c\n1|2|3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF, no final newline', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted comma and quote', '"北京协和医院,东院","说""是"""\n', [['北京协和医院,东院', '说"是"']]],
    ['ragged rows', '标题\na,b,c\n1,2\n1,2,3,4\n', [['标题'], ['a', 'b', 'c'], ['1', '2'], ['1', '2', '3', '4']]],
    ['trailing empty cells kept', 'a,b,,\n', [['a', 'b', '', '']]],
    ['cells untrimmed', ' a , b \n', [[' a ', ' b ']]],
  ])('%s', async (_label, text, expected) => {
    expect(cells(await parse(text))).toEqual(expected);
  });

  it('a quoted field with newlines is one record; numbering counts records', async () => {
    const rows = await parse('客户,地址\n协和,"北京市东城区\n帅府园1号"\n同仁,"东交民巷1号"\n');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['客户', '地址'] },
      { rowNumber: 2, cells: ['协和', '北京市东城区\n帅府园1号'] },
      { rowNumber: 3, cells: ['同仁', '东交民巷1号'] },
    ]);
  });

  it('blank lines are yielded as rows and keep their numbers', async () => {
    const rows = await parse('标题\n\na,b\n1,2\n\n');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['标题'] },
      { rowNumber: 2, cells: [''] },
      { rowNumber: 3, cells: ['a', 'b'] },
      { rowNumber: 4, cells: ['1', '2'] },
      { rowNumber: 5, cells: [''] },
    ]);
  });

  it('records split across chunks, inside quotes and mid-line', async () => {
    const rows = await parse('a,b\n"x\n', 'y",2\n3', ',4\n');
    expect(cells(rows)).toEqual([['a', 'b'], ['x\ny', '2'], ['3', '4']]);
  });

  it('guesses the delimiter past a title row', async () => {
    const text = '国药控股湖北有限公司销售流向表 2026年10月\n销售日期\t产品名称\t数量\n2026-10-01\t西地碘含片\t10\n';
    expect(cells(await parse(text))).toEqual([
      ['国药控股湖北有限公司销售流向表 2026年10月'],
      ['销售日期', '产品名称', '数量'],
      ['2026-10-01', '西地碘含片', '10'],
    ]);
  });

  it('no text at all is an empty file', async () => {
    await expect(parse()).rejects.toThrow(/test\.csv: file is empty/);
  });
});

describe('guessDelimiter', () => {
  it.each([
    ['two columns under a title row', '销售流向表\n客户\t数量\n协和\t5\n同仁\t6\n', '\t'],
    ['commas inside quotes do not count', '"a,b,c";d\n"e,f,g";h\n"i,j";k\n', ';'],
    ['pipes', 'a|b|c\n1|2|3\n', '|'],
    ['single column falls back to comma', '客户\n协和\n', ','],
    ['comma wins over a stray semicolon', 'a,b;c,d\n1,2,3\n4,5,6\n', ','],
  ])('%s', (_label, sample, expected) => {
    expect(guessDelimiter(sample)).toBe(expected);
  });
});
