import { describe, expect, it } from 'vitest';
import { classifySkip, isTotalMarker } from '../../../src/stages/standardise/skip-rows.js';

describe('classifySkip', () => {
  it.each<[string[], 'blank' | 'total' | null]>([
    [[], 'blank'],
    [['', '', ''], 'blank'],
    [['  ', '\u3000', '\u00a0'], 'blank'],
    [['合计', '', '', '1200', '36000'], 'total'],
    [['', '', '合计', '1200'], 'total'],
    [['合  计', '', '1200'], 'total'],
    [['本页小计', '1200'], 'total'],
    [['总计：', '1200'], 'total'],
    [['合计：1200盒'], 'total'],
    [['小计', ''], 'total'],
    [['ＴＯＴＡＬ', '5'], 'total'], // NFKC first
    [['2026-10-01', '北京协和医院', '西地碘含片', '10'], null],
    [['2026-10-01', '北京协和医院', '西地碘含片', '10', '备注：合计'], null],
    [['2026-10-01', '北京协和医院', '西地碘含片', '合计'], null], // a marker late in a data row
    [['制表人：张三', '', '审核：李四'], null],
    [['国药控股湖北有限公司销售流向表 2026年10月'], null],
  ])('%j → %s', (cells, expected) => {
    expect(classifySkip(cells)).toBe(expected);
  });

  it('matches the same markers as the SQL macro', () => {
    expect(isTotalMarker('合 计：')).toBe(true);
    expect(isTotalMarker('合计金额')).toBe(false);
  });
});

// The totals markers distributors write (this table was the test of a SQL copy of the rule, removed
// because nothing called it: the loader decides totals rows in JavaScript).
describe('isTotalMarker', () => {
  it.each<[string, boolean]>([
    ['合计', true],
    ['合  计', true],
    [' 合计 ', true],
    ['合计：', true],
    ['合计:', true],
    ['合计：1,234.00', true],
    ['总计', true],
    ['小计', true],
    ['本页合计', true],
    ['本页小计', true],
    ['累计', true],
    ['Total', true],
    ['Grand Total', true],
    ['合计金额', false],
    ['北京协和医院', false],
    ['联合计划', false],
    ['', false],
  ])('%j → %s', (input, expected) => {
    expect(isTotalMarker(input)).toBe(expected);
  });
});
