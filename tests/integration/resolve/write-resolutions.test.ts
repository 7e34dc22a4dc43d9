import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { silentLogger } from '../../../src/log.js';
import { releaseDuckdbMemory } from '../../../src/stages/resolve/release-duckdb-memory.js';
import { PRODUCT_RESOLUTIONS_DDL } from '../../../src/stages/resolve/resolution-tables.js';
import { openResolutionWriter, resolutionUpdatesTable, writeResolutions } from '../../../src/stages/resolve/write-resolutions.js';

const key = (distributor: string, raw_name: string, raw_spec: string | null) => ({ distributor, raw_name, raw_spec, raw_unit: null, raw_manufacturer: null });

describe('writing engine answers back to product_resolutions', () => {
  let db: Database;
  beforeEach(async () => {
    db = await Database.open(':memory:');
    await db.run('ddl', PRODUCT_RESOLUTIONS_DDL);
    await db.run(
      'rows',
      `INSERT INTO product_resolutions (distributor, raw_name, raw_spec, status, method, reason) VALUES
         ('D1', '阿莫西林胶囊', NULL, 'unmatched', 'none', NULL),
         ('D1', '阿莫西林胶囊', '0.25g*24粒', 'unmatched', 'none', NULL),
         ('D2', '布洛芬缓释胶囊', '0.3g*20粒', 'auto', 'exact', 'exact master name and spec')`,
    );
  });
  afterEach(() => db.close());

  it('applies batches appended in any order to the rows of their keys (a NULL spec is a key too) and leaves the others alone', async () => {
    const writer = await openResolutionWriter(db, 'product');
    await writer.append([{ key: key('D1', '阿莫西林胶囊', '0.25g*24粒'), code: 'P2', status: 'auto', method: 'fuzzy', score: 0.95, reason: 'fuzzy; factor: same unit', factor: 1, candidates: '[]' }]);
    await writer.append([{ key: key('D1', '阿莫西林胶囊', null), code: 'P1', status: 'review', method: 'fuzzy', score: 0.7, reason: 'weak', candidates: '[]' }]);
    await writer.finish();
    const rows = await db.all('rows', 'SELECT raw_spec, code, status, method, score, factor, reason FROM product_resolutions ORDER BY distributor, raw_spec NULLS FIRST');
    expect(rows).toEqual([
      { raw_spec: null, code: 'P1', status: 'review', method: 'fuzzy', score: 0.7, factor: null, reason: 'weak' },
      { raw_spec: '0.25g*24粒', code: 'P2', status: 'auto', method: 'fuzzy', score: 0.95, factor: 1, reason: 'fuzzy; factor: same unit' },
      { raw_spec: '0.3g*20粒', code: null, status: 'auto', method: 'exact', score: null, factor: null, reason: 'exact master name and spec' },
    ]);
    expect(writer.table).toBe(resolutionUpdatesTable('product'));
    expect(Number(await db.value('temp tables', 'SELECT count(*) FROM duckdb_tables() WHERE table_name = $t', { t: writer.table }))).toBe(0);
  });

  it('a factor-only write keeps the answer and appends the rule to its reason', async () => {
    await writeResolutions(db, 'product-factor', [{ key: key('D2', '布洛芬缓释胶囊', '0.3g*20粒'), factor: 0.05, reasonSuffix: '; factor: 20 粒 per 盒' }]);
    const row = await db.one('row', "SELECT status, factor, reason FROM product_resolutions WHERE distributor = 'D2'");
    expect(row).toEqual({ status: 'auto', factor: 0.05, reason: 'exact master name and spec; factor: 20 粒 per 盒' });
  });
});

describe('giving DuckDB memory back before the matchers', () => {
  it('leaves the memory limit as it was', async () => {
    const db = await Database.open(':memory:', silentLogger(), { memoryMb: 512 });
    try {
      const before = await db.value<string>('limit', "SELECT current_setting('memory_limit')");
      await releaseDuckdbMemory(db, { memoryMb: 512 }, silentLogger());
      expect(await db.value<string>('limit', "SELECT current_setting('memory_limit')")).toBe(before);
    } finally {
      db.close();
    }
  });
});
