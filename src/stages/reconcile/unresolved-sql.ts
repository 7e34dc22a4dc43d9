/**
 * Rows held back in unresolved_rows whose product is resolved but whose counterparty is not
 * (yet): they are real sales or purchases of a known SKU, missing from the flow tables until
 * someone confirms the customer. The reconciliation shows them next to its gap, because an
 * unconfirmed buyer looks exactly like missing stock. Same product lookup as classify.
 */
export const UNRESOLVED_BY_SKU = `(
    SELECT u.kind, u.seller_code AS distributor_code, u.period, pr.code AS sku, sum(u.qty * pr.factor) AS qty
    FROM unresolved_rows u
    JOIN product_resolutions pr ON pr.distributor = u.seller_code AND pr.raw_name = u.product
         AND pr.raw_spec IS NOT DISTINCT FROM u.spec AND pr.raw_unit IS NOT DISTINCT FROM u.unit
         AND pr.raw_manufacturer IS NOT DISTINCT FROM u.manufacturer
    WHERE pr.status = 'auto' AND u.kind IN ('sales', 'purchases') AND u.period IS NOT NULL
    GROUP BY ALL
  )`;
