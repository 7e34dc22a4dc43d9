import { Database } from '../../../src/db/database.js';

/** The columns the reconcile builders read, nothing more. */
const DDL = [
  `CREATE TABLE customers (code VARCHAR, name VARCHAR, type VARCHAR, tier INTEGER)`,
  `CREATE TABLE files (seller_code VARCHAR, kind VARCHAR, status VARCHAR, periods VARCHAR[])`,
  `CREATE TABLE flow_primary (period VARCHAR, seller_code VARCHAR, buyer_code VARCHAR, sku VARCHAR, qty DOUBLE)`,
  `CREATE TABLE flow_secondary (period VARCHAR, seller_code VARCHAR, buyer_code VARCHAR, sku VARCHAR, qty DOUBLE)`,
  `CREATE TABLE flow_terminal (period VARCHAR, seller_code VARCHAR, buyer_code VARCHAR, sku VARCHAR, qty DOUBLE)`,
  `CREATE TABLE flow_purchases (period VARCHAR, supplier_code VARCHAR, buyer_code VARCHAR, sku VARCHAR, qty DOUBLE)`,
  `CREATE TABLE inventory_snapshots (period VARCHAR, snapshot_date DATE, distributor_code VARCHAR, sku VARCHAR, qty DOUBLE, in_transit DOUBLE)`,
  `CREATE TABLE unresolved_rows (kind VARCHAR, seller_code VARCHAR, period VARCHAR, product VARCHAR, spec VARCHAR, unit VARCHAR, manufacturer VARCHAR, qty DOUBLE)`,
  `CREATE TABLE products (sku VARCHAR, name VARCHAR)`,
  `CREATE TABLE pharmacy_sellout (period VARCHAR, pharmacy_code VARCHAR, store_code VARCHAR, sku VARCHAR, qty DOUBLE)`,
  `CREATE TABLE product_resolutions (distributor VARCHAR, raw_name VARCHAR, raw_spec VARCHAR, raw_unit VARCHAR, raw_manufacturer VARCHAR, code VARCHAR, factor DOUBLE, status VARCHAR)`,
];

export type Flow = [period: string, seller: string, buyer: string, sku: string, qty: number];
export type Snapshot = [date: string, distributor: string, sku: string, qty: number, inTransit?: number | null];
export type Report = [distributor: string, kind: 'sales' | 'purchases' | 'inventory', ...periods: string[]];

export interface Tables {
  /** MFR001 is us; D1 tier 1, D2 tier 2, H1 a hospital, unless given. */
  customers?: [code: string, type: string, tier: number | null][];
  reports?: Report[];
  primary?: Flow[];
  secondary?: Flow[];
  terminal?: Flow[];
  /** [period, supplier, buyer, sku, qty] */
  purchases?: Flow[];
  snapshots?: Snapshot[];
  /** [kind, seller, period, raw product, qty]: resolved to sku via `raw product` = 'P:<sku>' with factor 1. */
  unresolved?: [kind: string, seller: string, period: string, product: string, qty: number][];
}

const DEFAULT_CUSTOMERS: NonNullable<Tables['customers']> = [
  ['D1', 'distributor', 1],
  ['D2', 'distributor', 2],
  ['H1', 'hospital', null],
];

export async function buildTables(t: Tables): Promise<Database> {
  const db = await Database.open(':memory:');
  for (const ddl of DDL) await db.run('ddl', ddl);
  for (const [code, type, tier] of t.customers ?? DEFAULT_CUSTOMERS) {
    await db.run('customer', 'INSERT INTO customers VALUES ($1, $1, $2, $3)', [code, type, tier]);
  }
  for (const [seller, kind, ...periods] of t.reports ?? []) {
    await db.run('file', `INSERT INTO files VALUES ($1, $2, 'loaded', from_json($3, '["VARCHAR"]'))`, [seller, kind, JSON.stringify(periods)]);
  }
  const flows: [string, Flow[] | undefined][] = [
    ['flow_primary', t.primary],
    ['flow_secondary', t.secondary],
    ['flow_terminal', t.terminal],
    ['flow_purchases', t.purchases],
  ];
  for (const [table, rows] of flows) {
    for (const row of rows ?? []) await db.run('flow', `INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5)`, row);
  }
  for (const [date, d, sku, qty, transit] of t.snapshots ?? []) {
    await db.run('snapshot', 'INSERT INTO inventory_snapshots VALUES (substr($1, 1, 7), $1::DATE, $2, $3, $4, $5)', [date, d, sku, qty, transit ?? null]);
  }
  for (const [kind, seller, period, product, qty] of t.unresolved ?? []) {
    await db.run('unresolved', 'INSERT INTO unresolved_rows VALUES ($1, $2, $3, $4, NULL, NULL, NULL, $5)', [kind, seller, period, product, qty]);
    if (product.startsWith('P:')) {
      await db.run('resolution', `INSERT INTO product_resolutions SELECT $1, $2, NULL, NULL, NULL, $3, 1, 'auto' WHERE NOT EXISTS (SELECT 1 FROM product_resolutions WHERE distributor = $1 AND raw_name = $2)`, [seller, product, product.slice(2)]);
    }
  }
  return db;
}
