import { describe, expect, it } from 'vitest';
import { SheetParser, columnOf } from '../../../src/io/xlsx-sheet.js';
import { DEFAULT_LIMITS, type RawRow } from '../../../src/io/types.js';

const CTX = {
  file: 'book.xlsx',
  sharedStrings: ['北京协和医院', '西地碘含片'],
  dateStyles: [false, true],
  date1904: false,
  limits: DEFAULT_LIMITS,
};

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="x"><sheetData>' +
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>国药控股</t></r><r><t xml:space="preserve"> (乐山)</t></r><rPh><t>guoyao</t></rPh></is></c></row>' +
  '<row r="3"><c r="A3" s="1"><v>46296</v></c><c r="B3" s="1"><v>46296.5</v></c><c r="C3"><v>1.5</v></c><c r="D3"><f>C3*2</f><v>3</v></c></row>' +
  '<row r="4"><c r="A4" t="str"><f>A1&amp;"x"</f><v>A&amp;B&lt;药房&gt;</v></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E4" s="1"/><c r="F4"/></row>' +
  '<row r="5"/>' +
  '<row r="6"><c r="C6" t="s"><v>1</v></c><c r="D6"><v>-0</v></c><c r="E6" t="inlineStr"><is><t><![CDATA[<1.5mg>]]></t></is></c></row>' +
  '</sheetData></worksheet>';

const EXPECTED: RawRow[] = [
  { rowNumber: 1, cells: ['北京协和医院', '国药控股 (乐山)'] },
  { rowNumber: 3, cells: ['2026-10-01', '2026-10-01 12:00:00', '1.5', '3'] },
  { rowNumber: 4, cells: ['A&B<药房>', 'TRUE', '#DIV/0!'] },
  { rowNumber: 5, cells: [] },
  { rowNumber: 6, cells: ['', '', '西地碘含片', '0', '<1.5mg>'] },
];

function parseIn(pieces: string[]): RawRow[] {
  const parser = new SheetParser(CTX);
  const rows: RawRow[] = [];
  for (const p of pieces) rows.push(...parser.write(p));
  rows.push(...parser.end());
  return rows;
}

describe('SheetParser', () => {
  it('parses a sheet in one piece', () => {
    expect(parseIn([SHEET])).toEqual(EXPECTED);
  });

  it.each([1, 2, 3, 7, 64])('gives the same rows whatever the chunking (every %d characters)', (size) => {
    const pieces: string[] = [];
    for (let i = 0; i < SHEET.length; i += size) pieces.push(SHEET.slice(i, i + size));
    expect(parseIn(pieces)).toEqual(EXPECTED);
  });

  it('a value past the column limit names the row and column', () => {
    const parser = new SheetParser({ ...CTX, limits: { ...DEFAULT_LIMITS, maxColumns: 3 } });
    expect(() => parser.write('<sheetData><row r="7"><c r="D7"><v>1</v></c></row>')).toThrow(
      /book\.xlsx: row 7: a cell in column 4 \(limit 3 columns\)/,
    );
  });
});

describe('columnOf', () => {
  it.each([
    ['A1', 1],
    ['Z9', 26],
    ['AA10', 27],
    ['XFD1048576', 16384],
    ['12', 0],
  ])('%s → %d', (ref, col) => {
    expect(columnOf(ref)).toBe(col);
  });
});
