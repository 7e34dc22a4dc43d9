import { describe, expect, it } from 'vitest';
import { Database, DEFAULT_MEMORY_MB } from '../../../src/db/database.js';

/** DuckDB's own default (80% of RAM) let a national month peak at 4 GiB: drugflow sets its own. */
describe('Database settings', () => {
  const limitMiB = async (db: Database): Promise<number> => {
    const text = String(await db.value('memory limit', "SELECT current_setting('memory_limit')"));
    const m = /^([\d.]+)\s*(KiB|MiB|GiB|KB|MB|GB)$/.exec(text);
    if (!m) throw new Error(`unexpected memory_limit ${text}`);
    const scale: Record<string, number> = { KiB: 1 / 1024, MiB: 1, GiB: 1024, KB: 1e3 / 2 ** 20, MB: 1e6 / 2 ** 20, GB: 1e9 / 2 ** 20 };
    return Number(m[1]) * (scale[m[2] as string] as number);
  };

  it.each([
    ['the default', {}, DEFAULT_MEMORY_MB],
    ['a workspace limit', { memoryMb: 256 }, 256],
  ])('caps the buffer pool at %s', async (_label, settings, expectedMiB) => {
    const db = await Database.open(':memory:', undefined, settings);
    try {
      const got = await limitMiB(db);
      // DuckDB reports the limit rounded in its own units (MB vs MiB): within 5%.
      expect(Math.abs(got - expectedMiB) / expectedMiB).toBeLessThan(0.05);
    } finally {
      db.close();
    }
  });

  it('takes a thread count', async () => {
    const db = await Database.open(':memory:', undefined, { threads: 1 });
    try {
      expect(Number(await db.value('threads', "SELECT current_setting('threads')"))).toBe(1);
    } finally {
      db.close();
    }
  });
});
