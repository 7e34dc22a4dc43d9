/**
 * A new database file is written in STORAGE_VERSION's format (DICT_FSST strings: wide tables
 * write in about 60% of the time), while an existing file keeps the format it was made in, so a
 * workspace's DuckDB readers that opened it before still can.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Database, STORAGE_VERSION } from '../../../src/db/database.js';
import { tempDir } from '../io/helpers.js';

/** A table of repetitive names (what dictionary compression is for), checkpointed to the file. */
async function writeNames(db: Database, table: string, schema = 'main'): Promise<void> {
  await db.run('names', `CREATE TABLE ${schema}.${table} AS SELECT '华中科技大学同济医学院附属协和医院 ' || (i % 500) AS name FROM range(200000) t(i)`);
  await db.run('checkpoint', schema === 'main' ? 'CHECKPOINT' : `CHECKPOINT ${schema}`);
}

async function stringCompressions(db: Database, table: string, schema = 'main'): Promise<string[]> {
  const rows = await db.all<{ compression: string }>(
    'storage',
    `SELECT DISTINCT compression FROM pragma_storage_info('${schema}.${table}') WHERE segment_type = 'VARCHAR' ORDER BY 1`,
  );
  return rows.map((r) => r.compression);
}

it(`writes a new database file in ${STORAGE_VERSION}'s format`, async () => {
  const db = await Database.open(join(tempDir(), 'new.duckdb'));
  try {
    expect(await db.value('version', "SELECT current_setting('storage_compatibility_version')")).toBe(STORAGE_VERSION);
    await writeNames(db, 'names');
    expect(await stringCompressions(db, 'names')).toEqual(['DICT_FSST']);
  } finally {
    db.close();
  }
});

it('leaves an existing file in the format it was created in', async () => {
  const path = join(tempDir(), 'old.duckdb');
  const maker = await Database.open(':memory:');
  try {
    // made as DuckDB's default (v0.10.2) makes it, as workspaces were before STORAGE_VERSION
    await maker.run('attach old', `ATTACH '${path}' AS old (STORAGE_VERSION 'v0.10.2')`);
    await writeNames(maker, 'before', 'old');
    await maker.run('detach', 'DETACH old');
  } finally {
    maker.close();
  }
  const db = await Database.open(path);
  try {
    await writeNames(db, 'after');
    const compressions = await stringCompressions(db, 'after');
    expect(compressions).not.toContain('DICT_FSST');
    expect(compressions.length).toBeGreaterThan(0);
  } finally {
    db.close();
  }
});
