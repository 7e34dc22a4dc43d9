import type { Mappings } from '../../config/workspace.js';
import { appendRow, type AppenderCell, type Database } from '../../db/database.js';
import { stagedText } from '../../io/staged-text.js';

/**
 * The mapping CSVs, copied into DuckDB each run so every stage (and every analyst with a SQL
 * prompt) joins against the same master data the run used. Aliases arrive cleaned as loaded text
 * is (mapping-schemas.ts), so they meet std_rows' text as they are. Master names are kept as
 * written, for people to read, and beside them as loaded text is cleaned (`name_key`; for
 * products also `brand_key` and `spec_key`), for the exact-name tier: a published name with
 * full-width brackets, `青岛大学附属医院（西海岸院区）`, arrives from a distributor's file as
 * `…(西海岸院区)` and must still be that master name, not a fuzzy candidate sent to review.
 */
export async function writeMappingTables(db: Database, mappings: Mappings): Promise<void> {
  await replaceTable(
    db,
    'customers',
    'code VARCHAR, name VARCHAR, type VARCHAR, tier INTEGER, province VARCHAR, city VARCHAR, name_key VARCHAR',
    mappings.customers,
    (r) => [r.code, r.name, r.type, r.tier, r.province ?? null, r.city ?? null, stagedText(r.name)],
  );
  await replaceTable(
    db,
    'products',
    'sku VARCHAR, name VARCHAR, brand VARCHAR, spec VARCHAR, unit VARCHAR, manufacturer VARCHAR, product_group VARCHAR, name_key VARCHAR, brand_key VARCHAR, spec_key VARCHAR',
    mappings.products,
    (r) => [
      r.sku,
      r.name,
      r.brand ?? null,
      r.spec ?? null,
      r.unit ?? null,
      r.manufacturer ?? null,
      r.product_group ?? null,
      stagedText(r.name),
      keyOf(r.brand),
      keyOf(r.spec),
    ],
  );
  await replaceTable(db, 'customer_aliases', 'distributor VARCHAR, raw_name VARCHAR, code VARCHAR', mappings.customerAliases, (r) => [
    r.distributor,
    r.raw_name,
    r.code,
  ]);
  await replaceTable(
    db,
    'product_aliases',
    'distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, sku VARCHAR, factor DOUBLE',
    mappings.productAliases,
    (r) => [r.distributor, r.raw_name, r.raw_spec ?? null, r.raw_unit ?? null, r.sku, r.factor],
  );
  await replaceTable(
    db,
    'not_ours',
    'kind VARCHAR, distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, raw_manufacturer VARCHAR',
    mappings.notOurs,
    (r) => [r.kind, r.distributor, r.raw_name, r.raw_spec ?? null, r.raw_unit ?? null, r.raw_manufacturer ?? null],
  );
}


/** An optional master field as loaded text is cleaned; NULL where it is absent. */
const keyOf = (text: string | undefined): string | null => (text === undefined ? null : stagedText(text) || null);

async function replaceTable<T>(db: Database, table: string, columns: string, rows: T[], toCells: (row: T) => AppenderCell[]): Promise<void> {
  await db.run(`replace ${table}`, `CREATE OR REPLACE TABLE ${table} (${columns})`);
  const appender = await db.appender(table);
  try {
    for (const row of rows) appendRow(appender, toCells(row));
  } finally {
    appender.closeSync();
  }
}
