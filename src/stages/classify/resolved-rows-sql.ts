/**
 * Every loaded row with what resolve decided about its buyer and product: the codes (only `auto`
 * answers count), the buyer's type in the master and the unit factor. `rows` is a FROM item
 * aliased `s` with std_rows' columns plus `rid`, std_rows' rowid: the one identity of a loaded row
 * that the classify steps share (source_row repeats across sheets and files).
 *
 * Kept as a query, not materialised: at a national month a table of every row with all its
 * columns is the size of std_rows again (GiBs spilled under the 1 GiB memory limit), while the
 * joins themselves only hold the resolution tables in memory, whatever the row count.
 */
export function resolvedRowsSelect(rows: string): string {
  return `SELECT s.*, f.path AS source_file, ${CUSTOMER_DECISION}, ${PRODUCT_DECISION}
    FROM ${rows}
    JOIN files f USING (file_id)
    ${customerResolutionJoin('s')}
    ${productResolutionJoin('s')}`;
}

/** std_rows (optionally filtered) as the `s` that resolvedRowsSelect expects. */
export function loadedRows(where = ''): string {
  return `(SELECT *, rowid AS rid FROM std_rows ${where ? `WHERE ${where}` : ''}) s`;
}

/**
 * The key a row's buyer is resolved by, column by column, as SQL on a row `r` of std_rows: its
 * distributor and the name it gives. A retail row's counterparty is the chain's store that sold it.
 */
export const customerKeyOf = (r: string): string[] => [`${r}.seller_code`, `CASE WHEN ${r}.kind = 'retail' THEN ${r}.store ELSE ${r}.customer END`];

/** The same key as customer_resolutions (`cr`) holds it. */
export const CUSTOMER_RESOLUTION_KEY = ['cr.distributor', 'cr.raw_name'];

/** The key a row's product is resolved by, column by column, as SQL on a row `r` of std_rows. */
export const productKeyOf = (r: string): string[] => ['seller_code', 'product', 'spec', 'unit', 'manufacturer'].map((c) => `${r}.${c}`);

/** The same key as product_resolutions (`pr`) holds it. */
export const PRODUCT_RESOLUTION_KEY = ['pr.distributor', 'pr.raw_name', 'pr.raw_spec', 'pr.raw_unit', 'pr.raw_manufacturer'];

/** How each column of a product key meets its resolution's: a spec, unit or manufacturer may be missing on both. */
const PRODUCT_KEY_MATCH = ['=', '=', 'IS NOT DISTINCT FROM', 'IS NOT DISTINCT FROM', 'IS NOT DISTINCT FROM'];

/**
 * The master customer `c` of a buyer resolution `cr`. A plain equi-join: with the status test in
 * the ON clause DuckDB plans a nested-loop join (rows × master), which took 9 of 16 minutes of a
 * 1M-row month (bench/ingest).
 */
export const CUSTOMER_MASTER_JOIN = 'LEFT JOIN customers c ON c.code = cr.code';

/** What classify takes of a buyer's resolution (`cr`, with the master customer `c`). */
export const CUSTOMER_DECISION = `cr.status AS customer_status, cr.method AS customer_method,
           CASE WHEN cr.status = 'auto' THEN cr.code END AS counterparty_code,
           CASE WHEN cr.status = 'auto' THEN c.type END AS counterparty_type`;

/** What classify takes of a product's resolution (`pr`). */
export const PRODUCT_DECISION = `pr.status AS product_status, pr.method AS product_method,
           CASE WHEN pr.status = 'auto' THEN pr.code END AS sku,
           pr.factor`;

/** The buyer's resolution `cr` and master customer `c` of each row `r`. */
function customerResolutionJoin(r: string): string {
  const key = customerKeyOf(r);
  const on = CUSTOMER_RESOLUTION_KEY.map((column, i) => `${column} = ${key[i]}`).join(' AND ');
  return `LEFT JOIN customer_resolutions cr ON ${on}
    ${CUSTOMER_MASTER_JOIN}`;
}

/** The product's resolution `pr` of each row `r`. */
function productResolutionJoin(r: string): string {
  const key = productKeyOf(r);
  const on = PRODUCT_RESOLUTION_KEY.map((column, i) => `${column} ${PRODUCT_KEY_MATCH[i]} ${key[i]}`).join(' AND ');
  return `LEFT JOIN product_resolutions pr ON ${on}`;
}
