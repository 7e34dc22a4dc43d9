import type { Attribution } from '../../../src/config/attribution-schemas.js';
import { Database } from '../../../src/db/database.js';

/** A fresh in-memory database with the masters and flow tables the attribute stage reads. */
export async function flowDb(rows: {
  terminal?: [period: string, buyer: string, sku: string, qty: number, amount: number, isReturn?: boolean, seller?: string][];
  secondary?: [period: string, seller: string, sku: string, amount: number][];
  adjustments?: [period: string, bookedIn: string, seller: string, buyer: string, sku: string, qty: number, amount: number][];
}): Promise<Database> {
  const db = await Database.open(':memory:');
  await db.run('t', `CREATE TABLE customers AS SELECT * FROM (VALUES
    ('D1', '四川贝尔康医药有限公司', 'distributor', 1, '四川省', '成都市'),
    ('D2', '国药集团武汉中联四药药业有限公司', 'distributor', 1, '湖北省', '武汉市'),
    ('H1', '四川大学华西医院', 'hospital', NULL, '四川省', '成都市'),
    ('H2', '四川省人民医院', 'hospital', NULL, '四川省', '成都市'),
    ('H3', '武汉市第一医院', 'hospital', NULL, '湖北省', '武汉市'),
    ('C1', '北京市东城区建国门社区卫生服务中心', 'clinic', NULL, '北京市', '北京市')) t(code, name, type, tier, province, city)`);
  await db.run('t', `CREATE TABLE products AS SELECT * FROM (VALUES
    ('S1', '阿卡波糖片', '心血管代谢'), ('S2', '铝碳酸镁咀嚼片', '消化')) t(sku, name, product_group)`);
  await db.run('t', `CREATE TABLE flow_terminal (period VARCHAR, txn_date DATE, seller_code VARCHAR, buyer_code VARCHAR, buyer_type VARCHAR, sku VARCHAR,
    qty DOUBLE, amount DOUBLE, lot VARCHAR, rep_code VARCHAR, is_return BOOLEAN, source_file VARCHAR, sheet VARCHAR, source_row INTEGER, channel VARCHAR,
    file_id INTEGER)`);
  let i = 0;
  for (const [period, buyer, sku, qty, amount, isReturn, seller] of rows.terminal ?? []) {
    i++;
    await db.run('t', `INSERT INTO flow_terminal VALUES ($period, ($period || '-15')::DATE, $seller, $buyer, 'hospital', $sku, $qty, $amount, 'L1', NULL, $ret, 'f.csv', NULL, $row, 'Rx', 1)`, {
      period, buyer, sku, qty, amount, ret: isReturn ?? false, seller: seller ?? 'D1', row: i,
    });
  }
  await db.run('t', 'CREATE TABLE flow_secondary (period VARCHAR, seller_code VARCHAR, buyer_code VARCHAR, sku VARCHAR, qty DOUBLE, amount DOUBLE)');
  for (const [period, seller, sku, amount] of rows.secondary ?? []) {
    await db.run('t', `INSERT INTO flow_secondary VALUES ($period, $seller, 'D2', $sku, 1, $amount)`, { period, seller, sku, amount });
  }
  await db.run('t', `CREATE TABLE adjustments (level VARCHAR, period VARCHAR, booked_in VARCHAR, seller_code VARCHAR, buyer_code VARCHAR, sku VARCHAR,
    qty DOUBLE, amount DOUBLE, confirmed_qty DOUBLE, current_qty DOUBLE)`);
  for (const [period, bookedIn, seller, buyer, sku, qty, amount] of rows.adjustments ?? []) {
    await db.run('t', `INSERT INTO adjustments VALUES ('terminal', $period, $bookedIn, $seller, $buyer, $sku, $qty, $amount, 0, 0)`, { period, bookedIn, seller, buyer, sku, qty, amount });
  }
  return db;
}

export const assignment = (line: number, customer_code: string, product_group: string, rep_code: string, valid_from: string, valid_to?: string) => ({
  line,
  customer_code,
  product_group,
  rep_code,
  rep_name: `name ${rep_code}`,
  territory: `T-${rep_code}`,
  manager: 'M',
  valid_from,
  valid_to,
});

export function config(partial: Partial<Attribution>): Attribution {
  return { assignments: [], quotas: [], quotaSplit: 'even', allocation: [], commission: undefined, ...partial };
}
