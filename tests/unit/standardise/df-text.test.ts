import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { apply, openMacroDb } from './macro-db.js';

let db: Database;
beforeAll(async () => {
  db = await openMacroDb();
});
afterAll(() => db.close());

describe('translate is character-aware (the macros rely on it)', () => {
  it('maps multi-byte characters one to one and deletes the extras', async () => {
    const out = await db.value('t', "SELECT translate('１２３．５¥', '０１２３４５６７８９．¥', '0123456789.')");
    expect(out).toBe('123.5');
  });
});

describe('df_text', () => {
  it.each<[string | null, string | null]>([
    ['北京协和医院', '北京协和医院'],
    ['  北京协和医院  ', '北京协和医院'],
    ['\u3000北京协和医院\u3000', '北京协和医院'],
    ['\u00a0北京协和医院\u00a0', '北京协和医院'],
    ['\ufeff北京协和医院', '北京协和医院'],
    ['西地碘含片   1.5mg*15片', '西地碘含片 1.5mg*15片'],
    ['西地碘含片\u3000\u30001.5mg', '西地碘含片 1.5mg'],
    ['a\tb\nc', 'a b c'],
    ['', null],
    ['   ', null],
    ['\u3000', null],
    [null, null],
    ['-', '-'], // placeholders are df_missing's business
  ])('%j → %j', async (input, expected) => {
    expect(await apply(db, 'df_text', input)).toBe(expected);
  });
});

describe('df_missing', () => {
  it.each<[string | null, boolean]>([
    [null, true],
    ['', true],
    [' ', true],
    ['-', true],
    [' -- ', true],
    ['—', true],
    ['/', true],
    ['n/a', true],
    ['#N/A', true],
    ['NULL', true],
    ['无', true],
    ['0', false],
    ['北京协和医院', false],
    ['无锡市人民医院', false],
  ])('%j → %s', async (input, expected) => {
    expect(await apply(db, 'df_missing', input)).toBe(expected);
  });
});
