import { KINDS_WITH_COUNTERPARTY, RESOLUTION_ORDER } from './resolution-tables.js';

const kinds = KINDS_WITH_COUNTERPARTY.map((k) => `'${k}'`).join(', ');

/**
 * The rows whose customer names a counterparty to resolve, of the std_rows `where` selects: the
 * counterparty of sales, purchases and shipments, and the store of a retail feed (a chain's own
 * stores are resolved like buyers, so the chain's sell-out meets what distributors sold to each
 * store: terminal inventory).
 */
export function customerAliasRowsSql(where: string): string {
  return `SELECT seller_code, customer AS name, customer_province, customer_city, qty, amount
    FROM std_rows WHERE (${where}) AND kind IN (${kinds}) AND customer IS NOT NULL
    UNION ALL
    SELECT seller_code, store, NULL, NULL, qty, amount FROM std_rows WHERE (${where}) AND kind = 'retail' AND store IS NOT NULL`;
}

/**
 * Pure SQL builders for the deterministic tiers of customer resolution, in order of precedence:
 * the confirmed dictionary (mappings/customer_aliases.csv, the distributor's own alias before a
 * `*` one), not_ours.csv, a unique exact master name, an exact name several master entries share
 * (review). Aliases left `unmatched` go to the fuzzy engine.
 *
 * All tiers are decided in the one INSERT that writes each distinct alias: DuckDB updates text
 * columns slowly (the dictionary UPDATE of ~70k aliases took 6 s at 1M rows, nearly all of it in
 * the UPDATE operator), while a join per tier and a CASE cost a fraction of a second. The
 * early-match worker's answers join that INSERT too (early/early-answers-sql.ts).
 * Product tiers: product-dictionary-sql.ts.
 */
/**
 * Why the exact tier sends a name to review: several master entries have it. The one tier answer
 * with candidates, which CUSTOMERS_ANSWERED_BY_ENGINE tells from an engine answer by it.
 */
export const SHARED_EXACT_NAME_REASON = 'several master entries have this exact name';

/** The columns CUSTOMER_TIERS_SELECT gives, in its order. */
export const CUSTOMER_TIER_COLUMNS = ['distributor', 'raw_name', 'province', 'city', 'rows', 'qty', 'amount', 'code', 'status', 'method', 'score', 'matched_name', 'reason', 'candidates'];

/** Each distinct customer alias with the tiers' decision (CUSTOMER_TIER_COLUMNS), unordered. */
export const CUSTOMER_TIERS_SELECT = `WITH aliases AS MATERIALIZED (
      SELECT seller_code AS distributor, name AS raw_name, min(customer_province) AS province, min(customer_city) AS city,
             count(*) AS rows, sum(qty) AS qty, round(sum(amount), 2) AS amount
      FROM (${customerAliasRowsSql('TRUE')})
      GROUP BY seller_code, name),
    dictionary AS (
      SELECT d.distributor, d.raw_name, d.code, c.name AS matched_name, d.alias_distributor
      FROM (SELECT al.distributor, al.raw_name, a.code, a.distributor AS alias_distributor,
                   row_number() OVER (PARTITION BY al.distributor, al.raw_name ORDER BY a.distributor = '*', a.code) AS rn
            FROM aliases al
            JOIN customer_aliases a ON a.raw_name = al.raw_name AND (a.distributor = al.distributor OR a.distributor = '*')) d
      JOIN customers c ON c.code = d.code
      WHERE d.rn = 1),
    not_ours_hit AS (
      SELECT DISTINCT al.distributor, al.raw_name
      FROM aliases al JOIN not_ours n ON n.raw_name = al.raw_name AND (n.distributor = al.distributor OR n.distributor = '*')
      WHERE n.kind = 'customers'),
    -- Master names compared as loaded text is cleaned (name_key, mapping-tables.ts), shown as written.
    exact AS (SELECT name_key, min(code) AS code, min(name) AS name FROM customers GROUP BY name_key HAVING count(*) = 1),
    -- The candidates list is built only for the few names that need it: an ordered list() over
    -- every master name cost seconds.
    ambiguous AS (
      SELECT name_key, to_json(list({'code': code, 'name': name, 'score': 1.0} ORDER BY code))::VARCHAR AS candidates
      FROM customers WHERE name_key IN (SELECT name_key FROM customers GROUP BY name_key HAVING count(*) > 1)
      GROUP BY name_key),
    tiered AS (
      SELECT al.*, d.code AS dict_code, d.matched_name AS dict_name, d.alias_distributor, d.raw_name IS NOT NULL AS by_dictionary,
             n.raw_name IS NOT NULL AS by_not_ours, e.code AS exact_code, e.name AS exact_name, m.candidates AS ambiguous_candidates
      FROM aliases al
      LEFT JOIN dictionary d ON d.distributor = al.distributor AND d.raw_name = al.raw_name
      LEFT JOIN not_ours_hit n ON n.distributor = al.distributor AND n.raw_name = al.raw_name
      LEFT JOIN exact e ON e.name_key = al.raw_name
      LEFT JOIN ambiguous m ON m.name_key = al.raw_name)
    SELECT distributor, raw_name, province, city, rows, qty, amount,
           CASE WHEN by_dictionary THEN dict_code WHEN by_not_ours THEN NULL ELSE exact_code END AS code,
           CASE WHEN by_dictionary THEN 'auto' WHEN by_not_ours THEN 'not_ours' WHEN exact_code IS NOT NULL THEN 'auto'
                WHEN ambiguous_candidates IS NOT NULL THEN 'review' ELSE 'unmatched' END AS status,
           CASE WHEN by_dictionary OR by_not_ours THEN 'dictionary' WHEN exact_code IS NOT NULL OR ambiguous_candidates IS NOT NULL THEN 'exact' ELSE 'none' END AS method,
           CASE WHEN by_dictionary OR by_not_ours OR exact_code IS NOT NULL OR ambiguous_candidates IS NOT NULL THEN 1 END AS score,
           CASE WHEN by_dictionary THEN dict_name WHEN by_not_ours THEN NULL WHEN exact_code IS NOT NULL THEN exact_name END AS matched_name,
           CASE WHEN by_dictionary THEN 'confirmed alias (customer_aliases.csv, distributor ' || alias_distributor || ')'
                WHEN by_not_ours THEN 'marked not ours by a reviewer (not_ours.csv)'
                WHEN exact_code IS NOT NULL THEN 'exact master name'
                WHEN ambiguous_candidates IS NOT NULL THEN '${SHARED_EXACT_NAME_REASON}' END AS reason,
           CASE WHEN NOT by_dictionary AND NOT by_not_ours AND exact_code IS NULL THEN ambiguous_candidates END AS candidates
    FROM tiered`;

export const customerResolutionSql = {
  tiers: `INSERT INTO customer_resolutions (${CUSTOMER_TIER_COLUMNS.join(', ')})
    ${CUSTOMER_TIERS_SELECT}
    ORDER BY ${RESOLUTION_ORDER.customer}`,
};
