/**
 * The content of each month's loaded rows with what resolve decided about them: classify's input
 * fingerprint (classified-months.ts), taken without joining every loaded row to the resolutions
 * each night. Hashing the rows as classify reads them (resolvedRowsSelect) took 6.6 s of a 10M
 * month, and every month kept in the workspace was hashed again each night: 4.7 s of a night on a
 * year of 1M months, about 45 s on a year of 10M months.
 *
 * A month's resolved rows are its loaded rows, each with the decision on its buyer key and on its
 * product key (resolved-rows-sql.ts) and its file's path. So the month is fingerprinted from:
 *   - its loaded rows: per loaded file and month, their count and hash sum, recorded once
 *     (loaded_file_months);
 *   - each buyer key and product key its rows use, with the decision on it today: per loaded file
 *     and month, the distinct keys are recorded once, each as one hash (loaded_customer_keys,
 *     loaded_product_keys), and joined to the resolutions each night: no row is read;
 *   - each of its files with the file's path.
 * Equal rows with equal decisions on their keys are equal resolved rows, and a decision changed on
 * any key a month uses changes that month's sum.
 *
 * A loaded file's rows are written once, under a file_id no other file takes (file-ledger.ts); a
 * later load may only delete some (a restated month) or all of them (load-file.ts). Each night the
 * rows of every file and month are counted (0.1 s at 10M rows), and a file whose counts are not
 * the recorded ones, or that has none, is recorded again from its rows.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { RowsContent } from '../../db/rows-content.js';
import { duckdbVersion } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import {
  CUSTOMER_DECISION,
  CUSTOMER_MASTER_JOIN,
  CUSTOMER_RESOLUTION_KEY,
  customerKeyOf,
  PRODUCT_DECISION,
  PRODUCT_RESOLUTION_KEY,
  productKeyOf,
} from './resolved-rows-sql.js';

export const LOADED_FILE_MONTHS = 'loaded_file_months';
export const LOADED_CUSTOMER_KEYS = 'loaded_customer_keys';
export const LOADED_PRODUCT_KEYS = 'loaded_product_keys';

/** The code the records are made by: this module and the keys' definitions. */
const RECORDS_CODE_HASH = codeFingerprint(import.meta.url, { dirs: [], files: ['./loaded-month-contents', './resolved-rows-sql'] });

/**
 * A key as one hash of its columns: the records hold it, and meet the resolution of the same key
 * on it, one integer instead of two to five text columns (at a year of 1M months the joins on the
 * text took 1.8 s a night). Two keys with the same hash would meet each other's resolutions too:
 * a change to either then changes the month, so a clash can only classify a month again.
 */
const keyHash = (columns: string[]) => `hash(${columns.join(', ')})`;

/** The rows of the files in `stale_loaded_files`, as a record table is filled from them. */
const staleRows = (select: string) => `SELECT ${select} FROM std_rows s WHERE file_id IN (SELECT file_id FROM stale_loaded_files)`;

/** Each record table, as it is created, and what it is filled with for the files in `stale_loaded_files`. */
const RECORDS: Record<string, { columns: string; rows: string }> = {
  [LOADED_FILE_MONTHS]: {
    columns: 'file_id INTEGER, period VARCHAR, rows BIGINT, hash_sum HUGEINT, shape VARCHAR',
    rows: `${staleRows('file_id, period, count(*) AS rows, sum(hash(s)::HUGEINT) AS hash_sum, $shape::VARCHAR AS shape')} GROUP BY ALL`,
  },
  [LOADED_CUSTOMER_KEYS]: {
    columns: 'file_id INTEGER, period VARCHAR, key UBIGINT',
    rows: staleRows(`DISTINCT file_id, period, ${keyHash(customerKeyOf('s'))} AS key`),
  },
  [LOADED_PRODUCT_KEYS]: {
    columns: 'file_id INTEGER, period VARCHAR, key UBIGINT',
    rows: staleRows(`DISTINCT file_id, period, ${keyHash(productKeyOf('s'))} AS key`),
  },
};

/** Each resolution's key hash and the hash of what classify takes of it. */
const DECISIONS = {
  customer: `SELECT key, hash(d) AS decision
    FROM (SELECT ${keyHash(CUSTOMER_RESOLUTION_KEY)} AS key, ${CUSTOMER_DECISION} FROM customer_resolutions cr ${CUSTOMER_MASTER_JOIN}) d`,
  product: `SELECT key, hash(d) AS decision
    FROM (SELECT ${keyHash(PRODUCT_RESOLUTION_KEY)} AS key, ${PRODUCT_DECISION} FROM product_resolutions pr) d`,
};

/**
 * Files whose recorded counts are not their rows' counts now (new files, restated ones, files
 * recorded in another shape), and files recorded that have no rows left.
 */
const STALE_FILES = `CREATE OR REPLACE TEMP TABLE stale_loaded_files AS
  SELECT DISTINCT coalesce(now.file_id, r.file_id) AS file_id
  FROM (SELECT file_id, period, count(*) AS rows FROM std_rows GROUP BY ALL) now
  FULL OUTER JOIN ${LOADED_FILE_MONTHS} r ON r.file_id = now.file_id AND r.period IS NOT DISTINCT FROM now.period
  WHERE now.rows IS DISTINCT FROM r.rows OR r.shape IS DISTINCT FROM $shape::VARCHAR`;

/** Per month: the recorded rows, the decisions on their keys today, and their files' paths; each a hash sum. */
const MONTH_CONTENTS = `WITH rows AS (
    SELECT period, sum(rows) AS rows, sum(hash_sum) AS h FROM ${LOADED_FILE_MONTHS} GROUP BY period),
  customers AS (
    SELECT k.period, sum(hash(k.key, d.decision)::HUGEINT) AS h
    FROM ${LOADED_CUSTOMER_KEYS} k LEFT JOIN (${DECISIONS.customer}) d USING (key) GROUP BY k.period),
  products AS (
    SELECT k.period, sum(hash(k.key, d.decision)::HUGEINT) AS h
    FROM ${LOADED_PRODUCT_KEYS} k LEFT JOIN (${DECISIONS.product}) d USING (key) GROUP BY k.period),
  paths AS (
    SELECT r.period, sum(hash(r.file_id, f.path)::HUGEINT) AS h FROM ${LOADED_FILE_MONTHS} r LEFT JOIN files f USING (file_id) GROUP BY r.period)
  SELECT period, rows.rows, concat_ws(':', ${['rows', 'customers', 'products', 'paths'].map((t) => `coalesce(${t}.h::VARCHAR, '')`).join(', ')}) AS h
  FROM rows LEFT JOIN customers USING (period) LEFT JOIN products USING (period) LEFT JOIN paths USING (period)
  WHERE period IS NOT NULL`;

/**
 * Each month's content of its loaded rows with their resolutions, the records brought up to date
 * with std_rows first. Run inside classify's transaction, so the records always describe the
 * std_rows they were taken of.
 */
export async function loadedMonthContents(db: Database): Promise<Map<string, RowsContent>> {
  const shape = await recordsShape(db);
  if (!(await recordsReadable(db))) {
    for (const [table, { columns }] of Object.entries(RECORDS)) await db.run(`${table}: create`, `CREATE OR REPLACE TABLE ${table} (${columns})`);
  }
  await db.run('loaded rows: stale files', STALE_FILES, { shape });
  for (const [table, { rows }] of Object.entries(RECORDS)) {
    await db.run(`${table}: forget stale files`, `DELETE FROM ${table} WHERE file_id IN (SELECT file_id FROM stale_loaded_files)`);
    await db.run(`${table}: record stale files`, `INSERT INTO ${table} BY NAME ${rows}`, table === LOADED_FILE_MONTHS ? { shape } : undefined);
  }
  await db.run('loaded rows: drop stale files', 'DROP TABLE stale_loaded_files');
  const rows = await db.all<{ period: string; rows: number | bigint; h: string }>('classify fingerprint: loaded months', MONTH_CONTENTS);
  return new Map(rows.map((r) => [r.period, { rows: Number(r.rows), hashSum: r.h }]));
}

/**
 * What a record's hash depends on besides the rows: std_rows' columns (a release that adds one
 * changes every row's hash), the code and DuckDB's version (its hash()).
 */
async function recordsShape(db: Database): Promise<string> {
  const columns = await db.all('std_rows columns', 'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position', {
    t: 'std_rows',
  });
  return createHash('sha256')
    .update(JSON.stringify([columns, RECORDS_CODE_HASH, await duckdbVersion(db)]))
    .digest('hex');
}

/** The three record tables, as this build writes them; not when one is missing or another build wrote them differently. */
async function recordsReadable(db: Database): Promise<boolean> {
  for (const [table, { columns }] of Object.entries(RECORDS)) {
    if (!(await db.tableExists(table))) return false;
    const names = columns.split(', ').map((c) => c.split(' ')[0]);
    try {
      await db.all(`${table}: readable`, `SELECT ${names.join(', ')} FROM ${table} LIMIT 0`);
    } catch {
      return false;
    }
  }
  return true;
}
