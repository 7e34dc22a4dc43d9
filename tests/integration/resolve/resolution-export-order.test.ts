import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, quoteLiteral } from '../../../src/db/database.js';
import { wholeTableQuery } from '../../../src/stages/export/export-stage.js';
import { customerResolutionSql } from '../../../src/stages/resolve/dictionary-sql.js';
import { productResolutionSql } from '../../../src/stages/resolve/product-dictionary-sql.js';
import { CUSTOMER_RESOLUTIONS_DDL, PRODUCT_RESOLUTIONS_DDL, RESOLUTION_ORDER } from '../../../src/stages/resolve/resolution-tables.js';
import { openResolutionWriter, type ResolutionUpdate } from '../../../src/stages/resolve/write-resolutions.js';

/** Aliases: enough row groups that DuckDB inserts and updates them on several threads. */
const ALIASES = 300_000;

/**
 * The resolution tables are exported as stored (export-stage.ts): their one INSERT writes them in
 * RESOLUTION_ORDER and the engine's answers change them by UPDATE, which keeps every row in place.
 * The exported file must then be in RESOLUTION_ORDER, row for row, as a sorted export would be.
 */
describe('the resolution tables are exported in their order without sorting them', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await Database.open(':memory:');
    dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-resolution-order-'));
    // Loaded rows in an order unlike the aliases' order (a multiplicative scramble), some without a spec.
    for (const sql of [
      `CREATE TABLE std_rows AS
         SELECT 'sales' AS kind, 'D' || (j % 7) AS seller_code, '医院' || (j * 7919 % ${ALIASES}) AS customer, NULL::VARCHAR AS customer_province,
                NULL::VARCHAR AS customer_city, NULL::VARCHAR AS store, '药品' || (j * 104729 % ${ALIASES}) AS product,
                CASE WHEN j % 3 = 0 THEN NULL ELSE (j % 5) || 'mg' END AS spec, '盒' AS unit, NULL::VARCHAR AS manufacturer, 1.0 AS qty, 1.0 AS amount
         FROM range(${ALIASES}) t(j)`,
      'CREATE TABLE customers (code VARCHAR, name VARCHAR, type VARCHAR, tier INTEGER, province VARCHAR, city VARCHAR, name_key VARCHAR)',
      `INSERT INTO customers VALUES ('H1', '医院17', 'hospital', NULL, NULL, NULL, '医院17')`,
      'CREATE TABLE customer_aliases (distributor VARCHAR, raw_name VARCHAR, code VARCHAR)',
      'CREATE TABLE not_ours (kind VARCHAR, distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, raw_manufacturer VARCHAR)',
      'CREATE TABLE products (sku VARCHAR, name VARCHAR, brand VARCHAR, spec VARCHAR, unit VARCHAR, manufacturer VARCHAR, product_group VARCHAR, name_key VARCHAR, brand_key VARCHAR, spec_key VARCHAR)',
      `INSERT INTO products VALUES ('S1', '药品17', NULL, NULL, '盒', NULL, 'G', '药品17', NULL, NULL)`,
      'CREATE TABLE product_aliases (distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, sku VARCHAR, factor DOUBLE)',
      CUSTOMER_RESOLUTIONS_DDL,
      customerResolutionSql.tiers,
      PRODUCT_RESOLUTIONS_DDL,
      productResolutionSql.tiers,
    ]) {
      await db.run('setup', sql);
    }
  }, 60_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Answers for every third alias, handed to the writer in a scrambled order, as the engine's come. */
  async function answerEveryThird(kind: 'customer' | 'product', keys: string): Promise<number> {
    const table = `${kind}_resolutions`;
    const rows = await db.all<Record<string, string | null>>('keys', `SELECT ${keys} FROM ${table} WHERE hash(raw_name) % 3 = 0 ORDER BY hash(raw_name, distributor)`);
    const writer = await openResolutionWriter(db, kind);
    const updates: ResolutionUpdate[] = rows.map((key) => ({ key, code: 'X', status: 'review', method: 'fuzzy', score: 0.8, reason: 'test' }));
    for (let i = 0; i < updates.length; i += 10_000) await writer.append(updates.slice(i, i + 10_000));
    await writer.finish();
    return rows.length;
  }

  /** Rows of the exported file that come after a row that sorts after them (0: the file is in order). */
  async function exportedOutOfOrder(table: string, order: string): Promise<{ rows: number; outOfOrder: number }> {
    const file = quoteLiteral(path.join(dir, `${table}.parquet`));
    await db.run('export', `COPY (${wholeTableQuery(table)}) TO ${file} (FORMAT parquet)`);
    const [r] = await db.all<{ rows: number; out_of_order: number }>(
      'order',
      `SELECT count(*) AS rows, count(*) FILTER (WHERE file_row_number <> sorted - 1) AS out_of_order
       FROM (SELECT file_row_number, row_number() OVER (ORDER BY ${order}) AS sorted FROM read_parquet(${file}, file_row_number = true))`,
    );
    return { rows: Number(r!.rows), outOfOrder: Number(r!.out_of_order) };
  }

  it('customer_resolutions', async () => {
    expect(await answerEveryThird('customer', 'distributor, raw_name')).toBeGreaterThan(ALIASES / 4);
    expect(await exportedOutOfOrder('customer_resolutions', RESOLUTION_ORDER.customer)).toEqual({ rows: ALIASES, outOfOrder: 0 });
  }, 60_000);

  it('product_resolutions, whose order puts an alias without a spec first', async () => {
    expect(await answerEveryThird('product', 'distributor, raw_name, raw_spec, raw_unit, raw_manufacturer')).toBeGreaterThan(ALIASES / 4);
    expect(await exportedOutOfOrder('product_resolutions', RESOLUTION_ORDER.product)).toEqual({ rows: ALIASES, outOfOrder: 0 });
  }, 60_000);
});
