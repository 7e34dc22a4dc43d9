import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { apply, openMacroDb } from './macro-db.js';

let db: Database;
beforeAll(async () => {
  db = await openMacroDb();
});
afterAll(() => db.close());

describe('df_date', () => {
  it.each<[string, string]>([
    ['2026-10-01', '2026-10-01'],
    ['2026-1-5', '2026-01-05'],
    ['2026/10/1', '2026-10-01'],
    ['2026/1/05', '2026-01-05'],
    ['2026.10.01', '2026-10-01'],
    ['2026.1.5', '2026-01-05'],
    ['20261001', '2026-10-01'],
    ['2026年10月1日', '2026-10-01'],
    ['2026年1月5日', '2026-01-05'],
    ['2026 年 10 月 1 日', '2026-10-01'],
    ['2026-10-01 13:45:00', '2026-10-01'],
    ['2026-10-01 00:00:00', '2026-10-01'],
    ['2026-10-01T13:45:00', '2026-10-01'],
    ['2026-10-01 13:45:00.123', '2026-10-01'],
    ['2026/10/1 8:05', '2026-10-01'],
    ['2026年10月1日 8:05', '2026-10-01'],
    ['20261001 08:05:00', '2026-10-01'],
    ['  2026-10-01\u3000', '2026-10-01'],
    ['２０２６－１０－０１', '2026-10-01'],
    ['２０２６／１０／１', '2026-10-01'],
    ['2024-02-29', '2024-02-29'],
    ['45000', '2023-03-15'], // Excel serial
    ['45000.75', '2023-03-15'], // time of day ignored
    ['46296', '2026-10-01'],
    ['1999-12-31', '1999-12-31'],
  ])('%j → %s', async (input, expected) => {
    expect(await apply(db, 'df_date', input)).toBe(expected);
  });

  it.each<[string | null]>([
    [null],
    [''],
    ['-'],
    ['2026-02-30'],
    ['2025-02-29'],
    ['2026-13-45'],
    ['2026-00-10'],
    ['10/01/2026'], // US or European order: ambiguous, rejected
    ['01/10/2026'],
    ['01-10-26'],
    ['2026-10'], // a month is not a transaction date
    ['202610'],
    ['2026101'],
    ['19000'], // serial out of range
    ['80001'],
    ['0001-01-01'],
    ['abc'],
    ['2026年10月'],
    ['2026-10-01x'],
  ])('%j → NULL', async (input) => {
    expect(await apply(db, 'df_date', input)).toBeNull();
  });
});

describe('df_expiry', () => {
  it.each<[string, string | null]>([
    ['2028-06-30', '2028-06-30'],
    ['20280630', '2028-06-30'],
    ['2028-06', '2028-06-30'],
    ['2028.6', '2028-06-30'],
    ['2028/02', '2028-02-29'],
    ['2028年6月', '2028-06-30'],
    ['202806', '2028-06-30'],
    ['2028-13', null],
    ['长期', null],
    ['', null],
  ])('%j → %s', async (input, expected) => {
    expect(await apply(db, 'df_expiry', input)).toBe(expected);
  });
});

describe('df_date guards DuckDB’s lenient cast', () => {
  it.each<[string]>([['2026-10-01 (BC)'], ['0026-10-01'], ['2026-10-01 - 2026-10-31'], ['2026-10-01 13:45 foo'], ['4.5e4']])(
    '%j → NULL',
    async (input) => {
      expect(await apply(db, 'df_date', input)).toBeNull();
    },
  );
});
