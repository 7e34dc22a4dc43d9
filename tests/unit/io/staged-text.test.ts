import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { stagedText } from '../../../src/io/staged-text.js';
import { openMacroDb } from '../standardise/macro-db.js';

let db: Database;
beforeAll(async () => {
  db = await openMacroDb();
});
afterAll(() => db.close());

describe('stagedText', () => {
  it.each<[string, string]>([
    ['北京协和医院', '北京协和医院'],
    ['\u3000北京协和医院 ', '北京协和医院'],
    ['西地碘含片   1.5mg*15片', '西地碘含片 1.5mg*15片'],
    ['西地碘含片\u3000\u30001.5mg', '西地碘含片 1.5mg'],
    ['a\tb\r\nc', 'a b c'],
    ['北京\ufeff协和', '北京协和'],
    ['１０盒', '10盒'],
    [' \t ', ''],
  ])('%j → %j', (input, expected) => {
    expect(stagedText(input)).toBe(expected);
  });

  // The standardise SQL no longer cleans text fields: the staged text must be what df_text made
  // of the text staged before (NFKC and trimmed), blank as NULL.
  it('gives what df_text gives for the NFKC-trimmed cell, on 5,000 generated cells', async () => {
    const pieces = ['北京', '协和', 'a', 'Ltd', '1.5mg', ' ', '  ', '\t', '\n', '\r', '\u3000', '\u00a0', '\ufeff', '\u2003', '\u2028', '－', 'ｍｇ', '-'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cells = Array.from({ length: 5000 }, () => Array.from({ length: 1 + next(6) }, () => pieces[next(pieces.length)]).join(''));
    const rows = await db.all<{ i: number; t: string | null }>(
      'test',
      `SELECT i, df_text(c) AS t FROM (SELECT unnest(from_json($cells, '["VARCHAR"]')) AS c, generate_subscripts(from_json($cells, '["VARCHAR"]'), 1) AS i)`,
      { cells: JSON.stringify(cells.map((c) => c.normalize('NFKC').trim())) },
    );
    const differ = rows.filter((r) => (stagedText(cells[r.i - 1] as string) || null) !== r.t);
    expect(rows).toHaveLength(5000);
    expect(differ).toEqual([]);
  });
});
