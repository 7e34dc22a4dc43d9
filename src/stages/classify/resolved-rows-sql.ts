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
  return `SELECT s.*, f.path AS source_file,
           cr.status AS customer_status, cr.method AS customer_method,
           CASE WHEN cr.status = 'auto' THEN cr.code END AS counterparty_code,
           CASE WHEN cr.status = 'auto' THEN c.type END AS counterparty_type,
           pr.status AS product_status, pr.method AS product_method,
           CASE WHEN pr.status = 'auto' THEN pr.code END AS sku,
           pr.factor
    FROM ${rows}
    JOIN files f USING (file_id)
    -- a retail row's counterparty is the chain's store that sold it
    LEFT JOIN customer_resolutions cr ON cr.distributor = s.seller_code
         AND cr.raw_name = CASE WHEN s.kind = 'retail' THEN s.store ELSE s.customer END
    -- A plain equi-join: with the status test in the ON clause DuckDB plans a nested-loop join
    -- (rows × master), which took 9 of 16 minutes of a 1M-row month (bench/ingest).
    LEFT JOIN customers c ON c.code = cr.code
    LEFT JOIN product_resolutions pr ON pr.distributor = s.seller_code AND pr.raw_name = s.product
         AND pr.raw_spec IS NOT DISTINCT FROM s.spec AND pr.raw_unit IS NOT DISTINCT FROM s.unit
         AND pr.raw_manufacturer IS NOT DISTINCT FROM s.manufacturer`;
}

/** std_rows (optionally filtered) as the `s` that resolvedRowsSelect expects. */
export function loadedRows(where = ''): string {
  return `(SELECT *, rowid AS rid FROM std_rows ${where ? `WHERE ${where}` : ''}) s`;
}
