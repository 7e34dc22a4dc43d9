import { readFileSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/errors.js';
import { WHOLE_ENTRY_MAX_BYTES } from '../../../src/io/zip-directory.js';
import { buildZip, open, randomBytes, readSheet, sheetXml, tempDir, writeFile, xlsxSkeleton, zipBomb } from './helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TITLE = '国药控股湖北有限公司销售流向表 2026年10月';
const HEADER = ['销售日期', '产品名称', '产品规格', '客户名称', '数量（盒）', '金额'];

async function salesBook(path: string, sheetNames: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const name of sheetNames) {
    const ws = wb.addWorksheet(name);
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = `${TITLE} ${name}`;
    ws.addRow(HEADER);
    ws.addRow([new Date(Date.UTC(2026, 9, 1)), '西地碘含片', '1.5mg*15片', '北京协和医院', 10, 123.45]);
    const r4 = ws.addRow([new Date(Date.UTC(2026, 9, 2, 13, 5, 7)), { richText: [{ text: '西地碘' }, { text: '含片' }] }, '1.5mg*15片', { text: '国控乐山总部', hyperlink: 'http://example.com' }, -2, -24.69]);
    r4.getCell(1).numFmt = 'yyyy-mm-dd hh:mm:ss';
    // Row 5 left out entirely: row numbers must not close the gap.
    ws.getCell('A6').value = '合计';
    ws.getCell('E6').value = { formula: 'SUM(E3:E4)', result: 8 };
    ws.getCell('F6').value = { formula: 'SUM(F3:F4)', result: 98.76 };
    ws.getCell('G6').value = { formula: 'TODAY()', result: 46296 };
    ws.getCell('G6').numFmt = 'yyyy-mm-dd';
    ws.getCell('H6').value = { error: '#N/A' };
    ws.getCell('I6').value = true;
  }
  await wb.xlsx.writeFile(path);
}

const EXPECTED = (name: string): unknown[] => [
  { rowNumber: 1, cells: [`${TITLE} ${name}`] },
  { rowNumber: 2, cells: HEADER },
  { rowNumber: 3, cells: ['2026-10-01', '西地碘含片', '1.5mg*15片', '北京协和医院', '10', '123.45'] },
  { rowNumber: 4, cells: ['2026-10-02 13:05:07', '西地碘含片', '1.5mg*15片', '国控乐山总部', '-2', '-24.69'] },
  { rowNumber: 6, cells: ['合计', '', '', '', '8', '98.76', '2026-10-01', '#N/A', 'TRUE'] },
];

let single = '';
let multi = '';
beforeAll(async () => {
  single = `${dir}/SM_D0012_国药控股湖北_20261031.xlsx`;
  multi = `${dir}/进销存.xlsx`;
  await salesBook(single, ['销售明细']);
  await salesBook(multi, ['进', '销', '存']);
});

describe('openBook: .xlsx', () => {
  it('dates, numbers, rich text, hyperlinks, formulas (cached results), merged title, totals row', async () => {
    const book = await open(single);
    expect(book.format).toBe('xlsx');
    expect(book.encoding).toBeUndefined();
    expect(book.sheets.map((s) => [s.name, s.index])).toEqual([['销售明细', 0]]);
    expect(await readSheet(book)).toEqual(EXPECTED('销售明细'));
  });

  it('a 进/销/存 book: every sheet in workbook order, each readable on its own', async () => {
    const book = await open(multi, { format: 'xlsx' });
    expect(book.sheets.map((s) => [s.name, s.index])).toEqual([['进', 0], ['销', 1], ['存', 2]]);
    expect(await readSheet(book, 2)).toEqual(EXPECTED('存'));
    expect(await readSheet(book, 0)).toEqual(EXPECTED('进'));
  });

  it('a hand-made book: zip order ≠ sheet order, shared strings after sheets, inline strings, formula types', async () => {
    const sheet1 = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>西地碘含片</t></is></c></row>' +
        '<row r="3"><c r="A3" t="str"><f>A1&amp;"x"</f><v>北京协和医院x</v></c><c r="B3" t="b"><v>0</v></c><c r="D3" t="e"><v>#DIV/0!</v></c></row>',
    );
    const sheet2 = sheetXml('<row r="2"><c r="B2"><v>1.5</v></c></row>');
    const [types, rels, workbook, wbRels] = xlsxSkeleton(['销售', '库存']);
    const shared = {
      name: 'xl/sharedStrings.xml',
      data: Buffer.from('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>北京协和医院</t></si></sst>'),
    };
    const bytes = buildZip([types!, rels!, { name: 'xl/worksheets/sheet2.xml', data: sheet2 }, wbRels!, { name: 'xl/worksheets/sheet1.xml', data: sheet1 }, workbook!, shared]);
    const book = await open(writeFile(dir, 'hand.xlsx', bytes));
    expect(book.sheets.map((s) => s.name)).toEqual(['销售', '库存']);
    expect(await readSheet(book, 0)).toEqual([
      { rowNumber: 1, cells: ['北京协和医院', '', '西地碘含片'] },
      { rowNumber: 3, cells: ['北京协和医院x', 'FALSE', '', '#DIV/0!'] },
    ]);
    expect(await readSheet(book, 1)).toEqual([{ rowNumber: 2, cells: ['', '1.5'] }]);
  });

  it('20,000 rows of Chinese text come back exact: no U+FFFD at inflate-chunk boundaries', async () => {
    const names = ['北京协和医院', '国药控股(乐山)川药医药有限公司', '西地碘含片 1.5mg*15片', '中国医学科学院北京协和医院东院'];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('销售');
    for (let i = 0; i < 20_000; i++) ws.addRow([`${names[i % 4]}${i}`, { richText: [{ text: '批号' }, { text: String(i) }] }, i]);
    const path = `${dir}/big.xlsx`;
    await wb.xlsx.writeFile(path);
    const rows = await readSheet(await open(path));
    expect(rows).toHaveLength(20_000);
    rows.forEach((row, i) => expect(row).toEqual({ rowNumber: i + 1, cells: [`${names[i % 4]}${i}`, `批号${i}`, String(i)] }));
  });

  it('a sheet too big to inflate whole is streamed, and its Chinese text still comes back exact', async () => {
    const names = ['北京协和医院', '国药控股(乐山)川药医药有限公司', '西地碘含片 1.5mg*15片', '中国医学科学院北京协和医院东院'];
    const rows: string[] = [];
    for (let r = 1; r <= 75_000; r++) {
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${names[r % 4]}${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`);
    }
    const sheet = sheetXml(rows.join(''));
    expect(sheet.length).toBeGreaterThan(WHOLE_ENTRY_MAX_BYTES);
    const [types, rels, workbook, wbRels] = xlsxSkeleton(['销售']);
    const path = writeFile(dir, 'streamed.xlsx', buildZip([types!, rels!, workbook!, wbRels!, { name: 'xl/worksheets/sheet1.xml', data: sheet }]));
    const read = await readSheet(await open(path));
    expect(read).toHaveLength(75_000);
    read.forEach((row, i) => expect(row).toEqual({ rowNumber: i + 1, cells: [`${names[(i + 1) % 4]}${i + 1}`, String(i + 1)] }));
  });

  it('too many columns fails while streaming, naming the row', async () => {
    const book = await open(single, {}, { maxColumns: 5 });
    await expect(readSheet(book)).rejects.toThrow(/row 2: a cell in column 6 \(limit 5 columns\)/);
  });
});

describe('openBook: legacy .xls (BIFF8)', () => {
  it('dates, numbers, booleans, errors, gaps and several sheets', async () => {
    const wb = XLSX.utils.book_new();
    const sales = XLSX.utils.aoa_to_sheet(
      [
        [TITLE],
        HEADER,
        [new Date(Date.UTC(2026, 9, 1)), '西地碘含片', '1.5mg*15片', '北京协和医院', 10, 123.45],
        [new Date(Date.UTC(2026, 9, 2, 8, 30, 0)), '西地碘含片', '1.5mg*15片', '同仁医院', -2, true],
      ],
      { cellDates: true },
    );
    sales['A6'] = { t: 's', v: '合计' };
    sales['E6'] = { t: 'n', v: 8, f: 'SUM(E3:E4)' };
    sales['F6'] = { t: 'e', v: 0x2a };
    sales['!ref'] = 'A1:F6';
    XLSX.utils.book_append_sheet(wb, sales, '销售');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['库存'], [1]]), '库存');
    const path = writeFile(dir, 'legacy.xls', XLSX.write(wb, { bookType: 'xls', type: 'buffer' }) as Buffer);
    const book = await open(path);
    expect(book.format).toBe('xls');
    expect(book.sheets.map((s) => [s.name, s.index])).toEqual([['销售', 0], ['库存', 1]]);
    expect(await readSheet(book)).toEqual([
      { rowNumber: 1, cells: [TITLE] },
      { rowNumber: 2, cells: HEADER },
      { rowNumber: 3, cells: ['2026-10-01', '西地碘含片', '1.5mg*15片', '北京协和医院', '10', '123.45'] },
      { rowNumber: 4, cells: ['2026-10-02 08:30:00', '西地碘含片', '1.5mg*15片', '同仁医院', '-2', 'TRUE'] },
      { rowNumber: 6, cells: ['合计', '', '', '', '8', '#N/A'] },
    ]);
    expect(await readSheet(book, 1)).toEqual([
      { rowNumber: 1, cells: ['库存'] },
      { rowNumber: 2, cells: ['1'] },
    ]);
    await expect(readSheet(await open(path, {}, { maxRows: 3 }))).rejects.toThrow(/sheet has 6 rows \(limit 3\)/);
  });
});

describe('openBook: bad workbooks', () => {
  function encryptedOle(): Buffer {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', randomBytes(200));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', randomBytes(5000));
    return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
  }

  function shortSheet(): Buffer {
    const sheet = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>');
    return buildZip([...xlsxSkeleton(['Sheet1']), { name: 'xl/worksheets/sheet1.xml', data: sheet, claimedSize: sheet.length + 10 }]);
  }

  /** Never invent characters: the last bytes are the first two of 院's three. */
  function cutCharacterSheet(): Buffer {
    const whole = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>北京协和医院</t></is></c></row>');
    const data = Buffer.concat([whole, Buffer.from('院').subarray(0, 2)]);
    return buildZip([...xlsxSkeleton(['Sheet1']), { name: 'xl/worksheets/sheet1.xml', data }]);
  }

  function lyingWorkbookPart(): Buffer {
    const [types, rels, workbook, wbRels] = xlsxSkeleton(['Sheet1']);
    const sheet = { name: 'xl/worksheets/sheet1.xml', data: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') };
    return buildZip([types!, rels!, { ...workbook!, claimedSize: 16 }, wbRels!, sheet]);
  }

  const cases: [string, string, () => Buffer | Promise<Buffer>, Record<string, string>, RegExp][] = [
    ['truncated .xlsx', 'cut.xlsx', () => { const b = readFileSync(single); return b.subarray(0, b.length >> 1); }, {}, /not a valid \.xlsx \(zip is truncated or corrupt\)/],
    ['zip bomb (honest directory)', 'bomb.xlsx', () => zipBomb(), {}, /compression ratio \d+:1 looks like a zip bomb/],
    ['zip bomb (directory under-states sizes)', 'liar.xlsx', () => zipBomb(4096), {}, /unpacks to more than its directory says/],
    // a stated size too big to inflate whole: the entry is counted as it streams
    ['zip bomb (under-stated, streamed)', 'liar2.xlsx', () => zipBomb(WHOLE_ENTRY_MAX_BYTES + 1), {}, /unpacks to more than its directory says/],
    ['a sheet shorter than its directory says', 'short.xlsx', shortSheet, {}, /zip is truncated or corrupt\): xl\/worksheets\/sheet1\.xml is short/],
    ['a sheet whose XML ends inside a Chinese character', 'cut-char.xlsx', cutCharacterSheet, {}, /xl\/worksheets\/sheet1\.xml cannot be read/],
    ['a workbook.xml bigger than its directory says', 'liar-workbook.xlsx', lyingWorkbookPart, {}, /zip entry xl\/workbook\.xml unpacks to more than its directory says/],
    ['encrypted workbook (OLE2 EncryptedPackage) named .xlsx', 'secret.xlsx', encryptedOle, {}, /password-protected workbook/],
    ['encrypted workbook declared xlsx', 'secret2.xlsx', encryptedOle, { format: 'xlsx' }, /password-protected workbook/],
    ['a zip that is not a workbook', 'other.xlsx', () => buildZip([{ name: 'readme.txt', data: Buffer.from('hi') }]), {}, /no xl\/workbook\.xml/],
    ['OLE2 garbage', 'garbage.xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(3000)]), {}, /not a readable \.xls workbook/],
  ];

  it.each(cases)('%s', async (_label, name, build, options, message) => {
    const path = writeFile(dir, name, await build());
    const started = Date.now();
    const error = await open(path, options).then(async (book) => readSheet(book)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).file).toBe(path);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(`${path}: `)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('the zip-bomb guard honours a lower file-size limit', async () => {
    const bytes = readFileSync(single);
    const path = writeFile(dir, 'limit.xlsx', bytes);
    const limit = bytes.length + 1;
    await expect(open(path, {}, { maxFileBytes: limit })).rejects.toThrow(`bytes (limit ${limit}); refusing a possible zip bomb`);
  });
});
