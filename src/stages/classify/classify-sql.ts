/** What makes two rows "the same line": seller, kind, date, buyer, product, lot and quantity. */
const DUPLICATE_KEY = `seller_code, kind, txn_date, coalesce(counterparty_code, customer, store), coalesce(sku, product || '|' || coalesce(spec, '')),
  lot, qty * coalesce(factor, 1)`;

/**
 * Pure SQL for the classify stage. Every loaded row lands in exactly one table: a flow table
 * (by feed kind and the resolved buyer's type), the purchase or inventory tables, or
 * unresolved_rows with the reason. The level of a sale follows from the buyer's type in the
 * master, never from the file: a distributor-to-distributor sale counted as terminal would
 * double count.
 */
export const RESOLVED_ROWS_VIEW = `CREATE OR REPLACE TEMP TABLE resolved_rows AS
  WITH joined AS (
    SELECT s.*, f.path AS source_file,
           cr.status AS customer_status, cr.method AS customer_method,
           CASE WHEN cr.status = 'auto' THEN cr.code END AS counterparty_code,
           CASE WHEN cr.status = 'auto' THEN c.type END AS counterparty_type,
           pr.status AS product_status, pr.method AS product_method,
           CASE WHEN pr.status = 'auto' THEN pr.code END AS sku,
           pr.factor
    FROM std_rows s
    JOIN files f USING (file_id)
    -- a retail row's counterparty is the chain's store that sold it
    LEFT JOIN customer_resolutions cr ON cr.distributor = s.seller_code
         AND cr.raw_name = CASE WHEN s.kind = 'retail' THEN s.store ELSE s.customer END
    -- A plain equi-join: with the status test in the ON clause DuckDB plans a nested-loop join
    -- (rows × master), which took 9 of 16 minutes of a 1M-row month (bench/ingest).
    LEFT JOIN customers c ON c.code = cr.code
    LEFT JOIN product_resolutions pr ON pr.distributor = s.seller_code AND pr.raw_name = s.product
         AND pr.raw_spec IS NOT DISTINCT FROM s.spec AND pr.raw_unit IS NOT DISTINCT FROM s.unit
         AND pr.raw_manufacturer IS NOT DISTINCT FROM s.manufacturer),
  keyed AS (
    -- The same line from two channels of one distributor (a daily direct feed and the monthly
    -- Excel) may spell names differently: compare resolved codes where there are any.
    SELECT *,
           row_number() OVER (PARTITION BY ${DUPLICATE_KEY}, file_id ORDER BY source_row) AS occurrence
    FROM joined)
  SELECT *,
         -- The k-th identical line of a later file repeats the k-th of an earlier file: identical
         -- lines inside one file are legitimate and never flagged.
         row_number() OVER (PARTITION BY ${DUPLICATE_KEY}, occurrence ORDER BY file_id) > 1 AS suspected_duplicate,
         first_value(source_file || ':' || source_row) OVER (PARTITION BY ${DUPLICATE_KEY}, occurrence ORDER BY file_id) AS duplicate_of
  FROM keyed`;

/** Why a row cannot go to a fact table, or NULL when it can. */
const unresolvedReason = `CASE
    WHEN suspected_duplicate THEN 'suspected duplicate'
    WHEN product IS NULL THEN 'product: empty'
    WHEN kind IN ('sales', 'purchases', 'shipments') AND customer IS NULL THEN 'customer: empty'
    WHEN kind IN ('sales', 'purchases', 'shipments') AND counterparty_code IS NULL AND sku IS NULL
      THEN 'customer ' || coalesce(customer_status, 'unmatched') || ' and product ' || coalesce(product_status, 'unmatched')
    WHEN kind IN ('sales', 'purchases', 'shipments') AND counterparty_code IS NULL THEN 'customer ' || coalesce(customer_status, 'unmatched')
    WHEN sku IS NULL THEN 'product ' || coalesce(product_status, 'unmatched')
  END`;

const provenance = `feed, file_id, source_file, sheet, source_row`;
const rawColumns = `customer AS raw_customer, product AS raw_product, spec AS raw_spec, unit AS raw_unit, qty AS raw_qty, factor`;
const order = `ORDER BY period, source_file, sheet, source_row`;

const flowColumns = (buyerType: string) => `period, txn_date, seller_code, counterparty_code AS buyer_code, ${buyerType} AS buyer_type,
    sku, qty * factor AS qty, amount, lot, expiry, NULL::VARCHAR AS rep_code, doc_no, is_return, out_of_period,
    ${rawColumns}, ${provenance}`;

export const CLASSIFY_STEPS: Record<string, string> = {
  'resolved rows': RESOLVED_ROWS_VIEW,
  flow_primary: `CREATE OR REPLACE TABLE flow_primary AS
    SELECT ${flowColumns('counterparty_type')}
    FROM resolved_rows WHERE kind = 'shipments' AND ${unresolvedReason} IS NULL ${order}`,
  flow_secondary: `CREATE OR REPLACE TABLE flow_secondary AS
    SELECT ${flowColumns('counterparty_type')}
    FROM resolved_rows WHERE kind = 'sales' AND counterparty_type = 'distributor' AND ${unresolvedReason} IS NULL ${order}`,
  flow_terminal: `CREATE OR REPLACE TABLE flow_terminal AS
    SELECT ${flowColumns('counterparty_type')},
           CASE counterparty_type WHEN 'hospital' THEN 'Rx' WHEN 'pharmacy' THEN 'OTC' WHEN 'clinic' THEN 'clinic' ELSE 'other' END AS channel
    FROM resolved_rows WHERE kind = 'sales' AND counterparty_type <> 'distributor' AND ${unresolvedReason} IS NULL ${order}`,
  flow_purchases: `CREATE OR REPLACE TABLE flow_purchases AS
    SELECT period, txn_date, counterparty_code AS supplier_code, seller_code AS buyer_code, sku, qty * factor AS qty, amount, lot, expiry,
           doc_no, is_return, out_of_period, ${rawColumns}, ${provenance}
    FROM resolved_rows WHERE kind = 'purchases' AND ${unresolvedReason} IS NULL ${order}`,
  inventory_snapshots: `CREATE OR REPLACE TABLE inventory_snapshots AS
    SELECT period, txn_date AS snapshot_date, seller_code AS distributor_code, sku, qty * factor AS qty,
           in_transit * factor AS in_transit, amount, lot, expiry, ${rawColumns}, ${provenance}
    FROM resolved_rows WHERE kind = 'inventory' AND ${unresolvedReason} IS NULL ${order}`,
  pharmacy_sellout: `CREATE OR REPLACE TABLE pharmacy_sellout AS
    SELECT period, txn_date, seller_code AS pharmacy_code, store, counterparty_code AS store_code, sku, qty * factor AS qty, amount, lot, is_return, out_of_period,
           ${rawColumns}, ${provenance}
    FROM resolved_rows WHERE kind = 'retail' AND ${unresolvedReason} IS NULL ${order}`,
  unresolved_rows: `CREATE OR REPLACE TABLE unresolved_rows AS
    SELECT period, txn_date, kind, seller_code, ${unresolvedReason} AS reason, customer_status, product_status,
           customer, customer_city, product, spec, unit, manufacturer, qty, amount, lot, ${provenance}
    FROM resolved_rows WHERE ${unresolvedReason} IS NOT NULL AND NOT suspected_duplicate ${order}`,
  suspected_duplicates: `CREATE OR REPLACE TABLE suspected_duplicates AS
    SELECT period, txn_date, kind, seller_code, duplicate_of, counterparty_code AS buyer_code, sku, customer, product, spec, lot,
           qty AS raw_qty, qty * factor AS qty, amount, ${provenance}
    FROM resolved_rows WHERE suspected_duplicate ${order}`,
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
