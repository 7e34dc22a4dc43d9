import { customerAliasRowsSql } from '../dictionary-sql.js';
import { exactProductName, PRODUCT_NAME_KEYS } from '../product-dictionary-sql.js';
import { sameQuestion, type EarlyKind } from './early-answer-file.js';

/** The alias's own distributor's entry, or one for every distributor (`*`), as the tiers take them. */
const forDistributor = (entry: string, alias: string) => `(${entry}.distributor = ${alias}.distributor OR ${entry}.distributor = '*')`;

/**
 * The questions of one committed load batch (its files are `file_id BETWEEN $lo AND $hi`) that
 * the early-match worker should answer: the batch's distinct aliases, less those a deterministic
 * tier will likely answer (the distributor's or a `*` dictionary entry or not_ours.csv line for
 * the name, an exact master name; for products the same name or brand with an agreeing spec).
 * The filter only saves the worker work, so it may be loose: the resolve stage decides every
 * alias with the full tiers, and uses an early answer only where its question is exactly the
 * pending alias's. A customer's province and city are the batch's lowest, as the tiers take the
 * lowest of all rows: an alias whose rows span batches may be asked again, or left to the
 * resolve stage.
 *
 * The aliases a tier answers are found with inner joins on the name, the rest of each tier's
 * condition in WHERE, and taken away with EXCEPT: written as ANTI JOINs with those conditions,
 * DuckDB planned nested-loop joins (1.5–2 s per batch of 200k rows at 1M, against the ~0.1 s of
 * the hash joins).
 */
const QUESTIONS_SQL = {
  customer: `WITH aliases AS (
      SELECT seller_code AS distributor, name, min(customer_province) AS province, min(customer_city) AS city
      FROM (${customerAliasRowsSql('file_id BETWEEN $lo AND $hi')})
      GROUP BY ALL),
    answered AS (
      SELECT a.* FROM aliases a JOIN customer_aliases x ON x.raw_name = a.name WHERE ${forDistributor('x', 'a')}
      UNION ALL
      SELECT a.* FROM aliases a JOIN not_ours n ON n.raw_name = a.name WHERE n.kind = 'customers' AND ${forDistributor('n', 'a')}
      UNION ALL
      SELECT a.* FROM aliases a JOIN customers m ON m.name_key = a.name)
    SELECT DISTINCT q.name, q.province, q.city, d.province AS ctx_province, d.city AS ctx_city
    FROM (FROM aliases EXCEPT FROM answered) q
    LEFT JOIN customers d ON d.code = q.distributor`,
  product: `WITH aliases AS (
      SELECT DISTINCT seller_code AS distributor, product AS name, spec, unit, manufacturer
      FROM std_rows WHERE file_id BETWEEN $lo AND $hi AND product IS NOT NULL),
    answered AS (
      SELECT a.* FROM aliases a JOIN product_aliases x ON x.raw_name = a.name
      WHERE ${forDistributor('x', 'a')} AND (x.raw_spec IS NULL OR x.raw_spec IS NOT DISTINCT FROM a.spec)
        AND (x.raw_unit IS NULL OR x.raw_unit IS NOT DISTINCT FROM a.unit)
      UNION ALL
      SELECT a.* FROM aliases a JOIN not_ours n ON n.raw_name = a.name WHERE n.kind = 'products' AND ${forDistributor('n', 'a')}
      UNION ALL
      -- the exact tier answers only a name that agrees with exactly one SKU
      SELECT a.* FROM aliases a JOIN (${PRODUCT_NAME_KEYS}) m ON m.key = a.name WHERE ${exactProductName('m', 'a.name', 'a.spec')}
      GROUP BY ALL HAVING count(DISTINCT m.sku) = 1)
    SELECT DISTINCT name, spec, unit, manufacturer FROM (FROM aliases EXCEPT FROM answered)`,
} as const;

/**
 * The questions of one committed load batch (QUESTIONS_SQL), less those `remembered` answers (a
 * FROM item with an answer file's columns: the last run's engine answers still valid,
 * remembered-answers.ts): on a night after the first, most of a new file's aliases were answered
 * the night before, and the resolve stage takes those answers without the worker.
 */
export function earlyQuestionsSql(kind: EarlyKind, remembered: string | null): string {
  if (!remembered) return QUESTIONS_SQL[kind];
  return `SELECT q.* FROM (${QUESTIONS_SQL[kind]}) q ANTI JOIN ${remembered} m ON ${sameQuestion(kind, 'q', 'm')}`;
}
