import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate,
  formatDate,
  isDateFormat,
  sheetjsCellText,
  trimTrailing,
} from '../../../src/io/cell-text.js';
import { checkRow } from '../../../src/io/limits.js';
import { DEFAULT_LIMITS } from '../../../src/io/types.js';

describe('formatDate', () => {
  it.each([
    [new Date(Date.UTC(2026, 9, 1)), '2026-10-01'],
    [new Date(Date.UTC(2026, 9, 1, 13, 5, 7)), '2026-10-01 13:05:07'],
    [new Date(Date.UTC(2026, 9, 1, 13, 5, 14, 999)), '2026-10-01 13:05:15'],
    [new Date(Date.UTC(2026, 9, 1, 23, 59, 59, 600)), '2026-10-02'],
    [new Date(Number.NaN), ''],
  ])('%s → %s', (d, expected) => {
    expect(formatDate(d)).toBe(expected);
  });

  it.each([
    [46296, false, '2026-10-01'],
    [46296.5, false, '2026-10-01 12:00:00'],
    [44834, true, '2026-10-01'],
  ])('serial %d (1904: %s) → %s', (serial, d1904, expected) => {
    expect(formatDate(excelSerialToDate(serial, d1904))).toBe(expected);
  });
});

describe('isDateFormat', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['m/d/yy h:mm', true],
    ['yyyy"年"m"月"d"日"', true],
    ['General', false],
    ['#,##0.00', false],
    ['0.00_);[Red](0.00)', false],
    ['"盒"0', false],
    [undefined, false],
  ])('%s → %s', (fmt, expected) => {
    expect(isDateFormat(fmt)).toBe(expected);
  });
});

describe('sheetjsCellText', () => {
  it.each([
    ['missing', undefined, ''],
    ['string', { t: 's', v: '协和' }, '协和'],
    ['number', { t: 'n', v: 1.5, w: '1.50' }, '1.5'],
    ['date', { t: 'd', v: new Date(Date.UTC(2026, 9, 1, 8, 0, 0)) }, '2026-10-01 08:00:00'],
    ['boolean', { t: 'b', v: false }, 'FALSE'],
    ['error', { t: 'e', v: 42, w: '#N/A' }, '#N/A'],
    ['stub', { t: 'z' }, ''],
  ])('%s', (_label, cell, expected) => {
    expect(sheetjsCellText(cell)).toBe(expected);
  });
});

describe('trimTrailing and limits', () => {
  it('drops trailing empties only', () => {
    expect(trimTrailing(['', 'a', '', ''])).toEqual(['', 'a']);
  });

  it.each([
    [{ rowNumber: 7, cells: ['a', 'b', 'x'.repeat(100_000)] }, 1, /row 7, column 3: cell has 100000 characters \(limit 32767\)/],
    [{ rowNumber: 2, cells: new Array<string>(513).fill('') }, 1, /row 2: 513 columns \(limit 512\)/],
    [{ rowNumber: 9, cells: [] }, DEFAULT_LIMITS.maxRows + 1, /row 9: more than 5000000 rows/],
  ])('checkRow %#', (row, ordinal, message) => {
    expect(() => checkRow('f.csv', row, ordinal, DEFAULT_LIMITS)).toThrow(message);
  });
});
