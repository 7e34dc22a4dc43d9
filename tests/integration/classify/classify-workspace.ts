import { Database } from '../../../src/db/database.js';
import { ensureCoreSchema } from '../../../src/db/schema.js';
import { CUSTOMER_RESOLUTIONS_DDL, PRODUCT_RESOLUTIONS_DDL } from '../../../src/stages/resolve/resolution-tables.js';

/** One loaded row; unset fields take a plain terminal sale's values. */
export interface Line {
  file: number;
  row: number;
  kind?: string;
  seller?: string;
  sheet?: string | null;
  date?: string | null;
  customer?: string | null;
  store?: string | null;
  product?: string | null;
  spec?: string | null;
  unit?: string | null;
  lot?: string | null;
  qty?: number | null;
}

/** What resolve decided: [seller, raw name, status, code]. */
export type CustomerAlias = [seller: string, rawName: string, status: string, code: string | null];
/** [seller, raw name, raw spec, raw unit, status, code, factor]. */
export type ProductAlias = [seller: string, rawName: string, spec: string | null, unit: string | null, status: string, code: string | null, factor: number | null];

export interface Resolutions {
  /** [code, type] of the customer master. */
  customers: [code: string, type: string | null][];
  customerAliases: CustomerAlias[];
  productAliases: ProductAlias[];
}

export const filePath = (file: number) => `inbox/f${file}.csv`;

export function lineDefaults(line: Line): Required<Line> {
  return {
    kind: 'sales',
    seller: 'D1',
    sheet: null,
    date: '2026-10-02',
    customer: '协和医院',
    store: null,
    product: '阿卡波糖片',
    spec: '50mg*30片',
    unit: '盒',
    lot: 'L1',
    qty: 1,
    ...line,
  };
}

/** A fresh in-memory database holding exactly what classify reads: std_rows, files and resolutions. */
export async function classifyWorkspace(lines: Line[], resolutions: Resolutions): Promise<Database> {
  const db = await Database.open(':memory:');
  await ensureCoreSchema(db);
  await db.run('t', CUSTOMER_RESOLUTIONS_DDL);
  await db.run('t', PRODUCT_RESOLUTIONS_DDL);
  await db.run('t', 'CREATE TABLE customers (code VARCHAR, name VARCHAR, type VARCHAR)');
  const full = lines.map(lineDefaults);
  for (const file of [...new Set(full.map((l) => l.file))]) {
    const first = full.find((l) => l.file === file)!;
    await db.run(
      't',
      `INSERT INTO files (file_id, feed, kind, seller_code, path, sha256, size_bytes, status, run_id) VALUES ($1, 'feed', $2, $3, $4, $4, 0, 'loaded', 'r')`,
      [file, first.kind, first.seller, filePath(file)],
    );
  }
  for (const l of full) {
    await db.run(
      't',
      `INSERT INTO std_rows (file_id, feed, kind, seller_code, sheet, source_row, txn_date, period, customer, store, product, spec, unit, lot, qty, amount)
       VALUES ($1, 'feed', $2, $3, $4, $5, $6::DATE, strftime($6::DATE, '%Y-%m'), $7, $8, $9, $10, $11, $12, $13, $13 * 10)`,
      [l.file, l.kind, l.seller, l.sheet, l.row, l.date, l.customer, l.store, l.product, l.spec, l.unit, l.lot, l.qty],
    );
  }
  await setResolutions(db, resolutions);
  return db;
}

/** Replaces what resolve decided, as a later run with edited mappings would. */
export async function setResolutions(db: Database, r: Resolutions): Promise<void> {
  await db.run('t', 'DELETE FROM customers');
  await db.run('t', 'DELETE FROM customer_resolutions');
  await db.run('t', 'DELETE FROM product_resolutions');
  for (const [code, type] of r.customers) await db.run('t', 'INSERT INTO customers VALUES ($1, $1, $2)', [code, type]);
  for (const [seller, name, status, code] of r.customerAliases) {
    await db.run('t', `INSERT INTO customer_resolutions (distributor, raw_name, status, method, code) VALUES ($1, $2, $3, 'dictionary', $4)`, [seller, name, status, code]);
  }
  for (const [seller, name, spec, unit, status, code, factor] of r.productAliases) {
    await db.run(
      't',
      `INSERT INTO product_resolutions (distributor, raw_name, raw_spec, raw_unit, status, method, code, factor) VALUES ($1, $2, $3, $4, $5, 'dictionary', $6, $7)`,
      [seller, name, spec, unit, status, code, factor],
    );
  }
}
