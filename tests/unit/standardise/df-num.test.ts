import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { apply, openMacroDb } from './macro-db.js';

let db: Database;
beforeAll(async () => {
  db = await openMacroDb();
});
afterAll(() => db.close());

describe('df_num', () => {
  it.each<[string, number]>([
    ['123', 123],
    ['  123  ', 123],
    ['0', 0],
    ['-0.5', -0.5],
    ['１２３', 123],
    ['１２３．５', 123.5],
    ['－５', -5],
    ['＋５', 5],
    ['−3', -3], // U+2212 minus sign
    ['1,234.50', 1234.5],
    ['1，234', 1234],
    ['12,345,678', 12345678],
    ['+5', 5],
    ['(12)', -12],
    ['（12）', -12],
    ['(1,200.50)', -1200.5],
    ['（１２）', -12],
    ['12.00-', -12], // SAP trailing minus
    ['10盒', 10],
    ['12.5元', 12.5],
    ['12元/盒', 12],
    ['¥1,200', 1200],
    ['￥1,200.00', 1200],
    ['-¥35.5', -35.5],
    ['$3', 3],
    ['3 支', 3],
    ['3\u3000支', 3],
    ['\u00a012\u00a0', 12],
    ['1.2e3', 1200],
    ['1.5E+21', 1.5e21],
    ['1e-7', 1e-7],
    ['.5', 0.5],
    ['5.', 5],
    ['0.0001', 0.0001],
    ['200件', 200],
  ])('%j → %d', async (input, expected) => {
    expect(await apply(db, 'df_num', input)).toBe(expected);
  });

  it.each<[string | null]>([
    [null],
    [''],
    ['   '],
    ['-'],
    ['--'],
    ['N/A'],
    ['#N/A'],
    ['abc'],
    ['盒'],
    ['12-3'],
    ['1.2.3'],
    ['1,23'],
    ['1,2345'],
    ['12%'],
    ['--5'],
    ['+-5'],
    ['(-12)'],
    ['1/2'],
    ['2026-10-01'],
    ['inf'],
    ['NaN'],
    ['0x10'],
    ['1 234'], // a space is no thousands separator: could be two numbers
    ['Infinity'],
    ['-inf'],
    ['1_000'],
  ])('%j → NULL', async (input) => {
    expect(await apply(db, 'df_num', input)).toBeNull();
  });
});

describe('df_num with padding and units', () => {
  it.each<[string, number]>([
    [' - 5 ', -5],
    ['( 12 )', -12],
    ['(12)盒', -12],
    ['12 -', -12],
    ['¥ 1,200 元', 1200],
    ['10 盒/件', 10],
  ])('%j → %d', async (input, expected) => {
    expect(await apply(db, 'df_num', input)).toBe(expected);
  });
});
