import { replaceMonthsSteps } from '../../db/kept-months.js';
import { duplicateRowsSql } from './duplicate-rows-sql.js';
import { loadedRows, resolvedRowsSelect } from './resolved-rows-sql.js';

/** Why a row cannot go to a fact table, or NULL when it can. */
const unresolvedReason = `CASE
    WHEN product IS NULL THEN 'product: empty'
    WHEN kind IN ('sales', 'purchases', 'shipments') AND customer IS NULL THEN 'customer: empty'
    WHEN kind IN ('sales', 'purchases', 'shipments') AND counterparty_code IS NULL AND sku IS NULL
      THEN 'customer ' || coalesce(customer_status, 'unmatched') || ' and product ' || coalesce(product_status, 'unmatched')
    WHEN kind IN ('sales', 'purchases', 'shipments') AND counterparty_code IS NULL THEN 'customer ' || coalesce(customer_status, 'unmatched')
    WHEN sku IS NULL THEN 'product ' || coalesce(product_status, 'unmatched')
  END`;

/**
 * The one table each row lands in, decided once. The level of a sale follows from the buyer's
 * type in the master, never from the file: a distributor-to-distributor sale counted as terminal
 * would double count. NULL (a sale whose buyer has no type, an unknown kind) lands nowhere, and the
 * stage's row check says so.
 */
const destination = `CASE
    WHEN suspected_duplicate THEN 'suspected_duplicates'
    WHEN unresolved_reason IS NOT NULL THEN 'unresolved_rows'
    WHEN kind = 'shipments' THEN 'flow_primary'
    WHEN kind = 'sales' AND counterparty_type = 'distributor' THEN 'flow_secondary'
    WHEN kind = 'sales' AND counterparty_type <> 'distributor' THEN 'flow_terminal'
    WHEN kind = 'purchases' THEN 'flow_purchases'
    WHEN kind = 'inventory' THEN 'inventory_snapshots'
    WHEN kind = 'retail' THEN 'pharmacy_sellout'
  END`;

/**
 * Loaded rows (those `where` picks) with their resolution, duplicate flag, unresolved reason and
 * destination. A query, not a table: each table below streams its own rows through the joins, so
 * nothing the size of the month is held or spilled (see resolvedRowsSelect).
 */
function classifiedRows(where: string): string {
  return `SELECT *, ${destination} AS destination
  FROM (SELECT *, ${unresolvedReason} AS unresolved_reason
        FROM (SELECT r.*, d.rid IS NOT NULL AS suspected_duplicate, d.duplicate_of
              FROM (${resolvedRowsSelect(loadedRows(where))}) r
              LEFT JOIN duplicate_rows d USING (rid)))`;
}

/**
 * Each row that is not a terminal sale (a tenth of a normal month; more in a month of new
 * distributors, and still only its row id and codes) with where it goes and why. flow_terminal
 * takes its rows through the joins once; every other table takes its rows from here, so neither
 * the month's rows nor the resolution tables are joined again for each of them.
 */
const otherRowsSql = (months: string) => `CREATE OR REPLACE TEMP TABLE other_rows AS
  SELECT rid, destination, counterparty_code, counterparty_type, sku, factor, customer_status, product_status, unresolved_reason, duplicate_of
  FROM (${classifiedRows(months)}) WHERE destination <> 'flow_terminal'`;

const provenance = `feed, file_id, source_file, sheet, source_row`;
const rawColumns = `customer AS raw_customer, product AS raw_product, spec AS raw_spec, unit AS raw_unit, qty AS raw_qty, factor`;

const flowColumns = (buyerType: string) => `period, txn_date, seller_code, counterparty_code AS buyer_code, ${buyerType} AS buyer_type,
    sku, qty * factor AS qty, amount, lot, expiry, NULL::VARCHAR AS rep_code, doc_no, is_return, out_of_period,
    ${rawColumns}, ${provenance}`;

/**
 * The rows of one table, of the loaded rows `months` picks. No ORDER BY: a table has no order,
 * and every reader that needs one asks for it (export sorts each period by source, attribute
 * numbers rows by source), so a sort here was paid twice, and at a national month spilled.
 */
const rowsOf = (table: string, months: string) =>
  table === 'flow_terminal'
    ? `FROM (${classifiedRows(`kind = 'sales' AND (${months})`)}) WHERE destination = 'flow_terminal'`
    : `FROM (SELECT s.*, f.path AS source_file, o.* EXCLUDE (rid, destination)
            FROM ${loadedRows(months)}
            JOIN other_rows o ON o.rid = s.rid AND o.destination = '${table}'
            JOIN files f USING (file_id))`;

/** Each table's rows, of the loaded rows `months` picks (SQL on std_rows: `true` for all). */
function tableSelects(months: string): Record<string, string> {
  return {
    flow_primary: `SELECT ${flowColumns('counterparty_type')}
    ${rowsOf('flow_primary', months)}`,
    flow_secondary: `SELECT ${flowColumns('counterparty_type')}
    ${rowsOf('flow_secondary', months)}`,
    flow_terminal: `SELECT ${flowColumns('counterparty_type')},
           CASE counterparty_type WHEN 'hospital' THEN 'Rx' WHEN 'pharmacy' THEN 'OTC' WHEN 'clinic' THEN 'clinic' ELSE 'other' END AS channel
    ${rowsOf('flow_terminal', months)}`,
    flow_purchases: `SELECT period, txn_date, counterparty_code AS supplier_code, seller_code AS buyer_code, sku, qty * factor AS qty, amount, lot, expiry,
           doc_no, is_return, out_of_period, ${rawColumns}, ${provenance}
    ${rowsOf('flow_purchases', months)}`,
    inventory_snapshots: `SELECT period, txn_date AS snapshot_date, seller_code AS distributor_code, sku, qty * factor AS qty,
           in_transit * factor AS in_transit, amount, lot, expiry, ${rawColumns}, ${provenance}
    ${rowsOf('inventory_snapshots', months)}`,
    pharmacy_sellout: `SELECT period, txn_date, seller_code AS pharmacy_code, store, counterparty_code AS store_code, sku, qty * factor AS qty, amount, lot, is_return, out_of_period,
           ${rawColumns}, ${provenance}
    ${rowsOf('pharmacy_sellout', months)}`,
    unresolved_rows: `SELECT period, txn_date, kind, seller_code, unresolved_reason AS reason, customer_status, product_status,
           customer, customer_city, product, spec, unit, manufacturer, qty, amount, lot, ${provenance}
    ${rowsOf('unresolved_rows', months)}`,
    suspected_duplicates: `SELECT period, txn_date, kind, seller_code, duplicate_of, counterparty_code AS buyer_code, sku, customer, product, spec, lot,
           qty AS raw_qty, qty * factor AS qty, amount, ${provenance}
    ${rowsOf('suspected_duplicates', months)}`,
  };
}

/**
 * The statements that classify the loaded rows into their tables: every table anew, or, given
 * the months to classify again (`months`, SQL on a `period` column), those months' rows replaced
 * and the other months' left as they are. A row's table and columns depend only on its month's
 * rows (a duplicate repeats a line of the same day), so either gives the same tables.
 */
export function classifySteps(months: string | null = null): [step: string, sql: string][] {
  const selects = tableSelects(months ?? 'true');
  const tables = CLASSIFIED_TABLES.flatMap((table) => replaceMonthsSteps(table, table, selects[table]!, months));
  return [['duplicate rows', duplicateRowsSql(months ?? 'true')], ['other rows', otherRowsSql(months ?? 'true')], ...tables];
}

/** The stage's scratch objects, dropped once the tables are written (they live per connection). */
export const CLASSIFY_CLEANUP: Record<string, string> = {
  'drop other rows': 'DROP TABLE IF EXISTS other_rows',
  'drop duplicate rows': 'DROP TABLE IF EXISTS duplicate_rows',
};

/** The tables classify writes, in export order. */
export const CLASSIFIED_TABLES = [
  'flow_primary',
  'flow_secondary',
  'flow_terminal',
  'flow_purchases',
  'inventory_snapshots',
  'pharmacy_sellout',
  'unresolved_rows',
  'suspected_duplicates',
];
