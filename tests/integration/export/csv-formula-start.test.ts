import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { copyToCsv } from '../../../src/stages/export/copy-files.js';

/** Every character Excel starts a formula with, and text that only contains one. */
const CELLS: Array<[text: string | null, inCsv: string]> = [
  ['=1+1', "'=1+1"],
  ['+86 10 6915 6114', "'+86 10 6915 6114"],
  ['-北京协和医院', "'-北京协和医院"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tTAB', "'\tTAB"],
  ['\rCR', "'\rCR"],
  ['北京协和医院', '北京协和医院'],
  ['a=b', 'a=b'],
  ['', ''],
  [null, ''],
];

describe('CSV export for Excel', () => {
  it('puts an apostrophe before text that starts like a formula, and only there', async () => {
    const db = await Database.open(':memory:');
    try {
      await db.run('cells', 'CREATE TABLE cells (n INTEGER, text VARCHAR)');
      for (const [i, [text]] of CELLS.entries()) await db.run('cell', 'INSERT INTO cells VALUES ($n, $text)', { n: i, text });
      const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'drugflow-csv-')), 'cells.csv');
      await copyToCsv(db, 'SELECT * FROM cells ORDER BY n', target);
      const rows = Papa.parse<string[]>(readFileSync(target, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      expect(rows[0]).toEqual(['n', 'text']);
      expect(rows.slice(1).map((r) => r[1])).toEqual(CELLS.map(([, inCsv]) => inCsv));
      expect(rows.slice(1).map((r) => r[0])).toEqual(CELLS.map((_, i) => String(i)));
    } finally {
      db.close();
    }
  });
});
