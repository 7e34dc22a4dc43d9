import { RESOLUTION_ORDER } from './resolution-tables.js';

/**
 * Pure SQL builders for the deterministic tiers of product resolution, in order of precedence:
 * the confirmed dictionary (mappings/product_aliases.csv: the distributor's own alias before a
 * `*` one, a spec/unit-specific one before a generic one), not_ours.csv, then a master name or
 * brand equal to exactly one SKU whose spec agrees. Decided in the one INSERT that writes each
 * distinct alias (why: dictionary-sql.ts). Aliases left `unmatched` go to the fuzzy engine.
 */

/**
 * Compare specs loosely for the exact tier only: case and spaces ignored, ×/x/X read as * (so
 * `1.5MG×15片` is `1.5mg*15片`; deleting the sign instead left the two unequal).
 */
const specKey = (col: string) => `replace(replace(regexp_replace(lower(coalesce(${col}, '')), '\\s', '', 'g'), '×', '*'), 'x', '*')`;

/**
 * Each SKU under its name and under its brand (`key`), with its spec compared loosely
 * (`loose_spec`); all three from the master as loaded text is cleaned (mapping-tables.ts).
 */
export const PRODUCT_NAME_KEYS = `SELECT sku, name, unit, ${specKey('spec_key')} AS loose_spec, name_key AS key FROM products
  UNION SELECT sku, name, unit, ${specKey('spec_key')} AS loose_spec, brand_key AS key FROM products WHERE brand_key IS NOT NULL`;

/** The exact tier's test of one master key (a PRODUCT_NAME_KEYS row `p`): same name or brand, and the spec agrees or is absent. */
export const exactProductName = (p: string, name: string, spec: string): string =>
  `${p}.key = ${name} AND (${spec} IS NULL OR ${p}.loose_spec = ${specKey(spec)})`;

/** The alias key of product_resolutions, compared NULL-safely (an alias without a spec is a key too). */
export const sameProductAlias = (a: string, b: string): string =>
  `${a}.distributor = ${b}.distributor AND ${a}.raw_name = ${b}.raw_name AND ${a}.raw_spec IS NOT DISTINCT FROM ${b}.raw_spec
   AND ${a}.raw_unit IS NOT DISTINCT FROM ${b}.raw_unit AND ${a}.raw_manufacturer IS NOT DISTINCT FROM ${b}.raw_manufacturer`;

export const productResolutionSql = {
  tiers: `INSERT INTO product_resolutions (distributor, raw_name, raw_spec, raw_unit, raw_manufacturer, rows, qty, amount, factor,
                                           code, status, method, score, matched_name, reason)
    WITH aliases AS MATERIALIZED (
      SELECT seller_code AS distributor, product AS raw_name, spec AS raw_spec, unit AS raw_unit, manufacturer AS raw_manufacturer,
             count(*) AS rows, sum(qty) AS qty, round(sum(amount), 2) AS amount
      FROM std_rows WHERE product IS NOT NULL
      GROUP BY ALL),
    dictionary AS (
      SELECT d.*, p.name AS matched_name
      FROM (SELECT al.distributor, al.raw_name, al.raw_spec, al.raw_unit, al.raw_manufacturer, a.sku, a.factor, a.distributor AS alias_distributor,
                   row_number() OVER (
                     PARTITION BY al.distributor, al.raw_name, al.raw_spec, al.raw_unit, al.raw_manufacturer
                     ORDER BY a.distributor = '*', a.raw_spec IS NULL, a.raw_unit IS NULL, a.sku) AS rn
            FROM aliases al
            JOIN product_aliases a ON a.raw_name = al.raw_name
             AND (a.distributor = al.distributor OR a.distributor = '*')
             AND (a.raw_spec IS NULL OR a.raw_spec IS NOT DISTINCT FROM al.raw_spec)
             AND (a.raw_unit IS NULL OR a.raw_unit IS NOT DISTINCT FROM al.raw_unit)) d
      JOIN products p ON p.sku = d.sku
      WHERE d.rn = 1),
    not_ours_hit AS (
      SELECT DISTINCT al.distributor, al.raw_name, al.raw_spec, al.raw_unit, al.raw_manufacturer
      FROM aliases al JOIN not_ours n ON n.raw_name = al.raw_name AND (n.distributor = al.distributor OR n.distributor = '*')
       AND n.raw_spec IS NOT DISTINCT FROM al.raw_spec AND n.raw_unit IS NOT DISTINCT FROM al.raw_unit
       AND n.raw_manufacturer IS NOT DISTINCT FROM al.raw_manufacturer
      WHERE n.kind = 'products'),
    -- Name or brand equal to exactly one SKU whose spec agrees, or the only one of that name.
    exact AS (
      SELECT al.distributor, al.raw_name, al.raw_spec, al.raw_unit, al.raw_manufacturer,
             min(p.sku) AS sku, min(p.name) AS name, min(p.unit) AS unit
      FROM aliases al
      -- name or brand as one key column: an OR in the join condition is a nested loop
      -- (aliases × SKUs, seconds at national scale), one key is a hash join
      -- (the master's spec key computed once per SKU, not once per joined pair)
      JOIN (${PRODUCT_NAME_KEYS}) p ON ${exactProductName('p', 'al.raw_name', 'al.raw_spec')}
      GROUP BY ALL
      HAVING count(DISTINCT p.sku) = 1),
    tiered AS (
      SELECT al.*, d.raw_name IS NOT NULL AS by_dictionary, d.sku AS dict_sku, d.factor AS dict_factor, d.matched_name AS dict_name,
             d.alias_distributor, n.raw_name IS NOT NULL AS by_not_ours, e.raw_name IS NOT NULL AS by_exact,
             e.sku AS exact_sku, e.name AS exact_name, e.unit AS exact_unit
      FROM aliases al
      LEFT JOIN dictionary d ON ${sameProductAlias('d', 'al')}
      LEFT JOIN not_ours_hit n ON ${sameProductAlias('n', 'al')}
      LEFT JOIN exact e ON ${sameProductAlias('e', 'al')})
    SELECT distributor, raw_name, raw_spec, raw_unit, raw_manufacturer, rows, qty, amount,
           CASE WHEN by_dictionary THEN dict_factor WHEN by_not_ours THEN NULL
                WHEN by_exact THEN CASE WHEN raw_unit IS NULL OR raw_unit = exact_unit THEN 1 END END,
           CASE WHEN by_dictionary THEN dict_sku WHEN by_not_ours THEN NULL WHEN by_exact THEN exact_sku END,
           CASE WHEN by_dictionary OR by_exact AND NOT by_not_ours THEN 'auto' WHEN by_not_ours THEN 'not_ours' ELSE 'unmatched' END,
           CASE WHEN by_dictionary OR by_not_ours THEN 'dictionary' WHEN by_exact THEN 'exact' ELSE 'none' END,
           CASE WHEN by_dictionary OR by_not_ours OR by_exact THEN 1 END,
           CASE WHEN by_dictionary THEN dict_name WHEN by_not_ours THEN NULL WHEN by_exact THEN exact_name END,
           CASE WHEN by_dictionary THEN 'confirmed alias (product_aliases.csv, distributor ' || alias_distributor || ')'
                WHEN by_not_ours THEN 'marked not ours by a reviewer (not_ours.csv)'
                WHEN by_exact THEN 'exact master name' || CASE WHEN raw_spec IS NULL THEN '' ELSE ' and spec' END END
    FROM tiered
    ORDER BY ${RESOLUTION_ORDER.product}`,

  /** A matched product reported in a unit with no known factor cannot be counted in standard units. */
  unknownUnit: `UPDATE product_resolutions
    SET status = 'review', reason = reason || '; unit "' || raw_unit || '" has no conversion factor (add it to product_aliases.csv)'
    WHERE status = 'auto' AND factor IS NULL`,
};
