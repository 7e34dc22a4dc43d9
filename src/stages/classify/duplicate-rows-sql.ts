import { loadedRows, resolvedRowsSelect } from './resolved-rows-sql.js';

/**
 * What makes two rows "the same line": seller, kind, date, buyer, product, lot and quantity. The
 * same line from two channels of one distributor (a daily direct feed and the monthly Excel) may
 * spell names differently: compare resolved codes where there are any.
 */
export const DUPLICATE_KEY = `seller_code, kind, txn_date, coalesce(counterparty_code, customer, store), coalesce(sku, product || '|' || coalesce(spec, '')),
  lot, qty * coalesce(factor, 1)`;

/**
 * Parts of the key that need no resolution. Two rows with the same key share them, so a line can
 * only be repeated in a day (seller, kind, date) that more than one file reports, and there only
 * in a line bucket (the day and the lot) that more than one file has: a few rows in a normal month,
 * where each file covers its own days. The exact key, the joins it needs and its windows run on
 * those rows only, instead of sorting every row of the month; the day buckets come first because
 * they are few (sellers × days), so finding them holds little memory at 10M rows. A hash
 * collision merely adds candidates: the exact key still decides.
 */
const DAY_BUCKET = `hash(seller_code, kind, txn_date)`;
const LINE_BUCKET = `hash(seller_code, kind, txn_date, lot)`;

/**
 * The rows to flag, of the loaded rows `months` picks (SQL on std_rows), by std_rows rowid
 * (`rid`), with the line they repeat. The k-th identical line of a later file repeats the k-th of
 * an earlier file: identical lines inside one file are legitimate and never flagged. A line and
 * its repeat share their day, so a month's flags depend on that month's rows alone.
 */
export const duplicateRowsSql = (months: string) => `CREATE OR REPLACE TEMP TABLE duplicate_rows AS
  WITH shared_days AS (
    SELECT ${DAY_BUCKET} AS bucket FROM std_rows WHERE ${months} GROUP BY bucket HAVING min(file_id) < max(file_id)),
  shared_lines AS (
    SELECT ${LINE_BUCKET} AS bucket FROM std_rows WHERE (${months}) AND ${DAY_BUCKET} IN (SELECT bucket FROM shared_days)
    GROUP BY bucket HAVING min(file_id) < max(file_id)),
  candidates AS (
    ${resolvedRowsSelect(loadedRows(`(${months}) AND ${DAY_BUCKET} IN (SELECT bucket FROM shared_days) AND ${LINE_BUCKET} IN (SELECT bucket FROM shared_lines)`))}),
  keyed AS (
    SELECT *, row_number() OVER (PARTITION BY ${DUPLICATE_KEY}, file_id ORDER BY source_row) AS occurrence
    FROM candidates),
  ranked AS (
    SELECT rid, row_number() OVER line AS copy, first_value(source_file || ':' || source_row) OVER line AS duplicate_of
    FROM keyed
    WINDOW line AS (PARTITION BY ${DUPLICATE_KEY}, occurrence ORDER BY file_id))
  SELECT rid, duplicate_of FROM ranked WHERE copy > 1`;
