import { describe, expect, it } from 'vitest';
import { whitespaceToClean, countFields, lineForDuckdb, splitQuotedLine } from '../../../src/io/csv-line.js';

describe('splitQuotedLine', () => {
  it.each<[string, string[] | string]>([
    ['"1,200",b', ['1,200', 'b']],
    ['a,"1,200"', ['a', '1,200']],
    ['a,"他说""好""",c', ['a', '他说"好"', 'c']],
    ['"",x,""', ['', 'x', '']],
    ['"a', 'open-quote'],
    ['a,"b""', 'open-quote'],
    ['a,b"c', 'stray-quote'],
    ['"a"b,c', 'stray-quote'],
    ['"a" ,c', 'stray-quote'],
  ])('%s', (line, expected) => {
    expect(splitQuotedLine(line, ',')).toEqual(expected);
  });

  it('splits on the given delimiter', () => {
    expect(splitQuotedLine('"a\tb"\tc', '\t')).toEqual(['a\tb', 'c']);
  });
});

describe('countFields', () => {
  it('counts an empty line as one field, as papaparse does', () => {
    expect(countFields('', ',')).toBe(1);
    expect(countFields(',,,,', ',')).toBe(5);
    expect(countFields('a;b', ';')).toBe(2);
  });
});

describe('lineForDuckdb', () => {
  const forDuckdb = (line: string, cells: string[] | null = null) => lineForDuckdb(line, ',', cells, whitespaceToClean(','));

  it('leaves ASCII and already normal lines alone', () => {
    expect(forDuckdb('a,b,,c')).toBe('a,b,,c');
    expect(forDuckdb('北京,协和')).toBe('北京,协和');
  });

  it('skips normalize() only for characters NFKC leaves alone (ASCII, CJK Unified Ideographs)', () => {
    let unstable = 0;
    for (let c = 0; c < 0x80; c++) if (String.fromCharCode(c).normalize('NFKC') !== String.fromCharCode(c)) unstable++;
    for (let c = 0x4e00; c <= 0x9fff; c++) if (String.fromCharCode(c).normalize('NFKC') !== String.fromCharCode(c)) unstable++;
    expect(unstable).toBe(0);
    expect(forDuckdb('北京ｍｇ')).toBe('北京mg');
  });

  it('normalises full-width letters and digits in place', () => {
    expect(forDuckdb('１００ｍｇ,（西院）')).toBe('100mg,(西院)');
  });

  it('keeps a full-width comma or quote inside its cell', () => {
    expect(forDuckdb('四川省人民医院，东院,5')).toBe('"四川省人民医院,东院","5"');
    expect(forDuckdb('成都＂康泰＂大药房,5')).toBe('"成都""康泰""大药房","5"');
    expect(forDuckdb('"1,200",四川，东院', ['1,200', '四川，东院'])).toBe('"1,200","四川,东院"');
  });

  it('trims cells as String.prototype.trim does, after NFKC; blank cells become empty', () => {
    expect(forDuckdb('\u3000北京\u3000, a ,x')).toBe('"北京","a","x"');
    expect(forDuckdb('"1,200 ",b', ['1,200 ', 'b'])).toBe('"1,200","b"');
    expect(forDuckdb('a,  ,b')).toBe('"a",,"b"');
  });

  it('folds whitespace inside a cell as the sheet readers do (stagedText)', () => {
    expect(forDuckdb('a\tb,c', null)).toBe('"a b","c"');
    expect(forDuckdb('西地碘含片  1.5mg,c')).toBe('"西地碘含片 1.5mg","c"');
    expect(forDuckdb('北京\u3000\u3000协和,c')).toBe('"北京 协和","c"');
    expect(forDuckdb('北京\ufeff协和,c')).toBe('"北京协和","c"');
    expect(forDuckdb('Actelion Pharmaceuticals Ltd,c')).toBe('Actelion Pharmaceuticals Ltd,c');
  });

  it('takes a tab delimiter for a delimiter, not whitespace inside a cell', () => {
    expect(lineForDuckdb('a b\tc', '\t', null, whitespaceToClean('\t'))).toBe('a b\tc');
    expect(lineForDuckdb('a  b\tc', '\t', null, whitespaceToClean('\t'))).toBe('"a b"\t"c"');
  });

  it('escapes tab and other delimiters in the edge test', () => {
    expect(lineForDuckdb('a\t\tb', '\t', null, whitespaceToClean('\t'))).toBe('"a"\t\t"b"');
    expect(lineForDuckdb('a| b', '|', null, whitespaceToClean('|'))).toBe('"a"|"b"');
  });
});
