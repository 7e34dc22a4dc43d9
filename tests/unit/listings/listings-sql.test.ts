import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { LISTED_NAMES, NEW_LISTINGS_SQL, writeListings as writeListingsOf } from '../../../src/stages/listings/listings-stage.js';

let db: Database | undefined;
afterEach(() => db?.close());

type Delivery = [rid: number, period: string, date: string, buyer: string, qty: number, territory: string | null, rep: string | null];

async function listingsDb(rows: Delivery[]): Promise<Database> {
  const d = await Database.open(':memory:');
  await d.run('t', `CREATE TABLE customers AS SELECT * FROM (VALUES ('H1', '北京协和医院', '北京市', '北京市'), ('H2', '北京医院', '北京市', '北京市'),
    ('H3', '北京大学第一医院', '北京市', '北京市')) t(code, name, province, city)`);
  await d.run('t', "CREATE TABLE products AS SELECT 'S1' AS sku, '阿卡波糖片' AS name");
  await d.run('t', `CREATE TABLE flow_terminal_attributed (rid BIGINT, period VARCHAR, txn_date DATE, seller_code VARCHAR, buyer_code VARCHAR,
    buyer_type VARCHAR, sku VARCHAR, qty DOUBLE, territory VARCHAR, rep_code VARCHAR)`);
  for (const [rid, period, date, buyer, qty, territory, rep] of rows) {
    await d.run('t', "INSERT INTO flow_terminal_attributed VALUES ($rid, $period, $date::DATE, 'D1', $buyer, 'hospital', 'S1', $qty, $territory, $rep)", {
      rid, period, date, buyer, qty, territory, rep,
    });
  }
  return d;
}

/** hospital_listings and new_listings from every month of flow_terminal_attributed, as a first run writes them. */
const writeListings = (d: Database): Promise<void> => writeListingsOf(d, null);

describe('hospital listings pick the first delivery of the first month', () => {
  it('the earliest date decides the territory, then the lowest rid on that date; a month netted to zero is not a listing', async () => {
    db = await listingsDb([
      [5, '2026-09', '2026-09-02', 'H1', 3, '西区', 'R2'],
      [9, '2026-09', '2026-09-01', 'H1', 1, '东区', 'R1'],
      [7, '2026-09', '2026-09-01', 'H2', 1, null, null],
      [4, '2026-09', '2026-09-01', 'H2', 2, '南区', 'R3'],
      [1, '2026-08', '2026-08-05', 'H2', 2, '北区', 'R4'],
      [2, '2026-08', '2026-08-20', 'H2', -2, '北区', 'R4'],
    ]);
    await writeListings(db);
    expect(await db.all('q', 'SELECT hospital_code, first_period, first_txn_date, first_month_qty, territory, rep_code FROM hospital_listings ORDER BY ALL')).toEqual([
      { hospital_code: 'H1', first_period: '2026-09', first_txn_date: '2026-09-01', first_month_qty: 4, territory: '东区', rep_code: 'R1' },
      { hospital_code: 'H2', first_period: '2026-09', first_txn_date: '2026-09-01', first_month_qty: 3, territory: '南区', rep_code: 'R3' },
    ]);
  });

  it('new listings name the month’s hospitals in code order', async () => {
    db = await listingsDb([
      [1, '2026-10', '2026-10-01', 'H3', 1, '东区', 'R1'],
      [2, '2026-10', '2026-10-02', 'H1', 1, '东区', 'R1'],
      [3, '2026-10', '2026-10-03', 'H2', 1, '东区', 'R1'],
    ]);
    await writeListings(db);
    expect(await db.all('q', 'SELECT period, territory, new_hospitals, hospitals FROM new_listings')).toEqual([
      { period: '2026-10', territory: '东区', new_hospitals: 3, hospitals: '北京协和医院、北京医院、北京大学第一医院' },
    ]);
  });

  it(`a month with more new hospitals than ${LISTED_NAMES} names the first ${LISTED_NAMES} by code and counts them all`, async () => {
    const n = LISTED_NAMES + 5;
    db = await Database.open(':memory:');
    await db.run('t', `CREATE TABLE hospital_listings AS
      SELECT 'H' || lpad(i::VARCHAR, 4, '0') AS hospital_code, '医院' || lpad(i::VARCHAR, 4, '0') AS hospital_name, '2026-10' AS first_period,
             '东区' AS territory, '北京市' AS province, '北京市' AS city, 'S1' AS sku, '阿卡波糖片' AS product_name
      FROM range(${n}, 0, -1) t(i)`);
    await db.run('q', NEW_LISTINGS_SQL);
    const row = await db.one<{ new_hospitals: number; hospitals: string }>('q', 'SELECT new_hospitals, hospitals FROM new_listings');
    const names = Array.from({ length: LISTED_NAMES }, (_, i) => `医院${String(i + 1).padStart(4, '0')}`);
    expect(row).toEqual({ new_hospitals: n, hospitals: `${names.join('、')}…等${n}家` });
  });
});

describe('listings from the first month summed again', () => {
  const listings = 'SELECT hospital_code, sku, first_period, first_txn_date, first_month_qty, territory, rep_code FROM hospital_listings';
  const newListings = 'SELECT period, territory, new_hospitals, hospitals FROM new_listings ORDER BY ALL';

  it('keep the listings first bought before it and make the later ones again, as a full rebuild would, stored in export order', async () => {
    db = await listingsDb([
      [1, '2026-08', '2026-08-03', 'H1', 2, '东区', 'R1'], // listed in August: kept, though it buys in October too
      [8, '2026-10', '2026-10-02', 'H1', 1, '南区', 'R3'],
      [2, '2026-08', '2026-08-04', 'H2', 2, '东区', 'R1'], // H2 nets to zero in August…
      [3, '2026-08', '2026-08-20', 'H2', -2, '东区', 'R1'],
      [4, '2026-09', '2026-09-05', 'H2', 1, '西区', 'R2'], // …and is listed in September, until that row goes
      [5, '2026-10', '2026-10-06', 'H2', 4, '南区', 'R3'],
      [6, '2026-10', '2026-10-07', 'H3', 5, '南区', 'R3'], // listed in October, until a late September row comes
    ]);
    await writeListings(db);
    expect(await db.all('q', `${listings} ORDER BY hospital_code`)).toMatchObject([
      { hospital_code: 'H1', first_period: '2026-08' },
      { hospital_code: 'H2', first_period: '2026-09' },
      { hospital_code: 'H3', first_period: '2026-10' },
    ]);
    // September again: H2's row is gone, H3 has a late one
    await db.run('q', 'DELETE FROM flow_terminal_attributed WHERE rid = 4');
    await db.run('q', "INSERT INTO flow_terminal_attributed VALUES (7, '2026-09', '2026-09-28'::DATE, 'D1', 'H3', 'hospital', 'S1', 3, '北区', 'R4')");
    await writeListingsOf(db, "(period IS NULL OR period NOT IN ('2026-08', '2026-10'))");
    const stored = await db.all('q', listings);
    const after = await db.all('q', newListings);
    expect(stored).toMatchObject([
      { hospital_code: 'H1', first_period: '2026-08' },
      { hospital_code: 'H3', first_period: '2026-09', first_month_qty: 3, territory: '北区' },
      { hospital_code: 'H2', first_period: '2026-10', first_month_qty: 4, territory: '南区' },
    ]);
    await writeListings(db);
    expect(stored).toEqual(await db.all('q', listings));
    expect(after).toEqual(await db.all('q', newListings));
  });

  it('a run that sums no month again keeps the listings as they are', async () => {
    db = await listingsDb([[1, '2026-09', '2026-09-05', 'H1', 1, '东区', 'R1']]);
    await writeListings(db);
    await db.run('q', "UPDATE hospital_listings SET territory = 'kept'");
    await writeListingsOf(db, "(period IS NULL OR period NOT IN ('2026-09'))");
    expect(await db.all('q', 'SELECT territory FROM hospital_listings')).toEqual([{ territory: 'kept' }]);
  });
});
