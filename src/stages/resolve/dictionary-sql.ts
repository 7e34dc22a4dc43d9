import { KINDS_WITH_COUNTERPARTY } from './resolution-tables.js';

const kinds = KINDS_WITH_COUNTERPARTY.map((k) => `'${k}'`).join(', ');

/**
 * Pure SQL builders for the deterministic tiers of resolution: the confirmed dictionary
 * (mappings/*_aliases.csv, the distributor's own alias before a `*` one) and exact master names.
 * Aliases left `unmatched` here go to the fuzzy engine.
 */
export const customerResolutionSql = {
  distinctAliases: `INSERT INTO customer_resolutions (distributor, raw_name, province, city, rows, qty, amount, status, method)
    SELECT seller_code, name, min(customer_province), min(customer_city), count(*), sum(qty), sum(amount), 'unmatched', 'none'
    FROM (SELECT seller_code, customer AS name, customer_province, customer_city, qty, amount
          FROM std_rows WHERE kind IN (${kinds}) AND customer IS NOT NULL
          UNION ALL
          -- a retail feed names the chain's own stores: resolved like buyers, so the chain's
          -- sell-out meets what distributors sold to each store (terminal inventory)
          SELECT seller_code, store, NULL, NULL, qty, amount FROM std_rows WHERE kind = 'retail' AND store IS NOT NULL)
    GROUP BY seller_code, name ORDER BY seller_code, name`,

  dictionary: `UPDATE customer_resolutions r
    SET code = d.code, status = 'auto', method = 'dictionary', score = 1, matched_name = c.name,
        reason = 'confirmed alias (customer_aliases.csv, distributor ' || d.alias_distributor || ')'
    FROM (SELECT r2.distributor, r2.raw_name, a.code, a.distributor AS alias_distributor,
                 row_number() OVER (PARTITION BY r2.distributor, r2.raw_name ORDER BY a.distributor = '*', a.code) AS rn
          FROM customer_resolutions r2
          JOIN customer_aliases a ON a.raw_name = r2.raw_name AND (a.distributor = r2.distributor OR a.distributor = '*')) d
    JOIN customers c ON c.code = d.code
    WHERE d.rn = 1 AND r.distributor = d.distributor AND r.raw_name = d.raw_name`,

  notOurs: `UPDATE customer_resolutions r
    SET status = 'not_ours', method = 'dictionary', score = 1, reason = 'marked not ours by a reviewer (not_ours.csv)'
    FROM not_ours n
    WHERE n.kind = 'customers' AND (n.distributor = r.distributor OR n.distributor = '*') AND n.raw_name = r.raw_name
      AND r.status = 'unmatched'`,

  exactName: `UPDATE customer_resolutions r
    SET code = m.code, status = 'auto', method = 'exact', score = 1, matched_name = r.raw_name, reason = 'exact master name'
    FROM (SELECT name, min(code) AS code FROM customers GROUP BY name HAVING count(*) = 1) m
    WHERE r.status = 'unmatched' AND m.name = r.raw_name`,

  /** Two master entries with the very same name: a person must choose. */
  ambiguousName: `UPDATE customer_resolutions r
    SET status = 'review', method = 'exact', score = 1, reason = 'several master entries have this exact name',
        candidates = m.candidates
    FROM (SELECT name, to_json(list({'code': code, 'name': name, 'score': 1.0} ORDER BY code))::VARCHAR AS candidates
          FROM customers GROUP BY name HAVING count(*) > 1) m
    WHERE r.status = 'unmatched' AND m.name = r.raw_name`,
};

/** Compare specs loosely for the exact tier only: case, spaces and ×/x/X as *. */
const specKey = (col: string) => `regexp_replace(lower(coalesce(${col}, '')), '[\\s]|×|x', '', 'g')`;

export const productResolutionSql = {
  distinctAliases: `INSERT INTO product_resolutions (distributor, raw_name, raw_spec, raw_unit, raw_manufacturer, rows, qty, amount, status, method)
    SELECT seller_code, product, spec, unit, manufacturer, count(*), sum(qty), sum(amount), 'unmatched', 'none'
    FROM std_rows WHERE product IS NOT NULL
    GROUP BY ALL ORDER BY seller_code, product, spec NULLS FIRST, unit NULLS FIRST, manufacturer NULLS FIRST`,

  dictionary: `UPDATE product_resolutions r
    SET code = d.sku, factor = d.factor, status = 'auto', method = 'dictionary', score = 1, matched_name = p.name,
        reason = 'confirmed alias (product_aliases.csv, distributor ' || d.alias_distributor || ')'
    FROM (SELECT r2.distributor, r2.raw_name, r2.raw_spec, r2.raw_unit, r2.raw_manufacturer, a.sku, a.factor, a.distributor AS alias_distributor,
                 row_number() OVER (
                   PARTITION BY r2.distributor, r2.raw_name, r2.raw_spec, r2.raw_unit, r2.raw_manufacturer
                   ORDER BY a.distributor = '*', a.raw_spec IS NULL, a.raw_unit IS NULL, a.sku) AS rn
          FROM product_resolutions r2
          JOIN product_aliases a ON a.raw_name = r2.raw_name
           AND (a.distributor = r2.distributor OR a.distributor = '*')
           AND (a.raw_spec IS NULL OR a.raw_spec IS NOT DISTINCT FROM r2.raw_spec)
           AND (a.raw_unit IS NULL OR a.raw_unit IS NOT DISTINCT FROM r2.raw_unit)) d
    JOIN products p ON p.sku = d.sku
    WHERE d.rn = 1 AND r.distributor = d.distributor AND r.raw_name = d.raw_name
      AND r.raw_spec IS NOT DISTINCT FROM d.raw_spec AND r.raw_unit IS NOT DISTINCT FROM d.raw_unit
      AND r.raw_manufacturer IS NOT DISTINCT FROM d.raw_manufacturer`,

  notOurs: `UPDATE product_resolutions r
    SET status = 'not_ours', method = 'dictionary', score = 1, reason = 'marked not ours by a reviewer (not_ours.csv)'
    FROM not_ours n
    WHERE n.kind = 'products' AND (n.distributor = r.distributor OR n.distributor = '*') AND n.raw_name = r.raw_name
      AND n.raw_spec IS NOT DISTINCT FROM r.raw_spec AND n.raw_unit IS NOT DISTINCT FROM r.raw_unit
      AND n.raw_manufacturer IS NOT DISTINCT FROM r.raw_manufacturer AND r.status = 'unmatched'`,

  /** Name (generic or brand) equal to exactly one SKU whose spec agrees, or is the only one of that name. */
  exactName: `UPDATE product_resolutions r
    SET code = m.sku, status = 'auto', method = 'exact', score = 1, matched_name = m.name,
        factor = CASE WHEN r.raw_unit IS NULL OR r.raw_unit = m.unit THEN 1 END,
        reason = 'exact master name' || CASE WHEN r.raw_spec IS NULL THEN '' ELSE ' and spec' END
    FROM (SELECT r2.distributor, r2.raw_name, r2.raw_spec, r2.raw_unit, r2.raw_manufacturer,
                 min(p.sku) AS sku, min(p.name) AS name, min(p.unit) AS unit, count(DISTINCT p.sku) AS n
          FROM product_resolutions r2
          -- name or brand as one key column: an OR in the join condition is a nested loop
          -- (aliases × SKUs, seconds at national scale), one key is a hash join
          JOIN (SELECT sku, name, unit, spec, name AS key FROM products
                UNION SELECT sku, name, unit, spec, brand AS key FROM products WHERE brand IS NOT NULL) p ON p.key = r2.raw_name
           AND (r2.raw_spec IS NULL OR ${specKey('p.spec')} = ${specKey('r2.raw_spec')})
          WHERE r2.status = 'unmatched'
          GROUP BY ALL) m
    WHERE m.n = 1 AND r.status = 'unmatched' AND r.distributor = m.distributor AND r.raw_name = m.raw_name
      AND r.raw_spec IS NOT DISTINCT FROM m.raw_spec AND r.raw_unit IS NOT DISTINCT FROM m.raw_unit
      AND r.raw_manufacturer IS NOT DISTINCT FROM m.raw_manufacturer`,

  /** A matched product reported in a unit with no known factor cannot be counted in standard units. */
  unknownUnit: `UPDATE product_resolutions
    SET status = 'review', reason = reason || '; unit "' || raw_unit || '" has no conversion factor (add it to product_aliases.csv)'
    WHERE status = 'auto' AND factor IS NULL`,
};
