/**
 * Rep attribution, decided from small lookup tables and attached to the rows in one streaming
 * pass. Which rep a terminal row is credited to depends on its month, buyer (and the buyer's
 * master fields), seller and product group, and each part of the rule depends on fewer of them:
 *   - the assignment on (month, buyer, product group): one row per assignment line and month;
 *   - an allocation rule that looks only at the buyer, on the buyer: one row per buyer;
 *   - an allocation rule that also names a distributor or product group, on (buyer, seller,
 *     product group), for the rows such a rule can catch only.
 * Each lookup is a hash join whose build side is the size of the config or of the customers, so
 * the month's rows stream through them. Deciding per distinct (month, buyer, seller, SKU) instead
 * built a table nearly the size of the month (in a national month nearly every such key is its own
 * row), and joining its eleven columns back to the rows was the attribute stage's slowest step.
 * Pure SQL.
 */

const NO_RULE = 'no assignment and no allocation rule matched';

/** The lookup tables behind `output`, kept until the caller drops them (dropLookupsSql). */
const lookupTablesOf = (output: string) => ({
  assignments: `${output}_assignment_lookup`,
  buyerRules: `${output}_buyer_rule_lookup`,
  saleRules: `${output}_sale_rule_lookup`,
});

/** Allocation rules that look at the sale (distributor or product group), not only at the buyer. */
const SALE_RULES = 'SELECT * FROM attr_allocation WHERE distributor IS NOT NULL OR product_group IS NOT NULL';

/** A rule's conditions on the buyer's master fields; `b` has buyer_code, type, province, city. */
const buyerMatches = (b: string) => `(r.customer_code IS NULL OR r.customer_code = ${b}.buyer_code)
     AND (r.customer_type IS NULL OR r.customer_type = ${b}.type)
     AND (r.province IS NULL OR r.province = ${b}.province)
     AND (r.city IS NULL OR r.city = ${b}.city)`;

/**
 * The lookups for the rows of `keysFrom` (which has period, buyer_code, seller_code, sku):
 *   - assignments: per month of the rows × customer × product group (`*` included), the first
 *     valid line; a row takes its own group's line, else the `*` line;
 *   - buyer rules: per buyer, the first rule that names neither a distributor nor a product group;
 *   - sale rules: per (buyer, seller, product group) that such a rule could catch, the first one.
 * A row's rule is the first (lowest ordinal) of its buyer rule and its sale rule.
 */
function lookupSql(keysFrom: string, output: string): [step: string, sql: string][] {
  const t = lookupTablesOf(output);
  return [
    [
      'assignment lookup',
      `CREATE OR REPLACE TEMP TABLE ${t.assignments} AS
  SELECT m.period, a.customer_code, a.product_group, min(a.line) AS line
  FROM (SELECT DISTINCT period FROM (${keysFrom}) WHERE period IS NOT NULL) m
  JOIN attr_assignments a ON m.period >= a.valid_from AND (a.valid_to IS NULL OR m.period <= a.valid_to)
  GROUP BY ALL`,
    ],
    [
      'buyer rule lookup',
      `CREATE OR REPLACE TEMP TABLE ${t.buyerRules} AS
  WITH buyers AS (
    SELECT b.buyer_code, c.type, c.province, c.city
    FROM (SELECT DISTINCT buyer_code FROM (${keysFrom}) WHERE buyer_code IS NOT NULL) b LEFT JOIN customers c ON c.code = b.buyer_code)
  SELECT b.buyer_code, min(r.ordinal) AS ordinal
  FROM buyers b JOIN (SELECT * FROM attr_allocation WHERE distributor IS NULL AND product_group IS NULL) r ON ${buyerMatches('b')}
  GROUP BY b.buyer_code`,
    ],
    [
      'sale rule lookup',
      // Only the rows such a rule can catch: its distributor's, or (a rule without one) its
      // product group's. A rule is met by an equi-join on the distributor or on the product group,
      // never by comparing every combination with every rule.
      `CREATE OR REPLACE TEMP TABLE ${t.saleRules} AS
  WITH sale_rules AS (${SALE_RULES}),
  combos AS (
    SELECT DISTINCT k.buyer_code, k.seller_code, p.product_group
    FROM (${keysFrom}) k LEFT JOIN products p ON p.sku = k.sku
    WHERE k.buyer_code IS NOT NULL
      AND (k.seller_code IN (SELECT distributor FROM sale_rules WHERE distributor IS NOT NULL)
           OR p.product_group IN (SELECT product_group FROM sale_rules WHERE distributor IS NULL))),
  buyers AS (
    SELECT k.*, c.type, c.province, c.city FROM combos k LEFT JOIN customers c ON c.code = k.buyer_code),
  caught AS (
    SELECT b.buyer_code, b.seller_code, b.product_group, r.ordinal
    FROM buyers b JOIN sale_rules r ON r.distributor = b.seller_code
    WHERE (r.product_group IS NULL OR r.product_group = b.product_group) AND ${buyerMatches('b')}
    UNION ALL
    SELECT b.buyer_code, b.seller_code, b.product_group, r.ordinal
    FROM buyers b JOIN sale_rules r ON r.product_group = b.product_group
    WHERE r.distributor IS NULL AND ${buyerMatches('b')})
  SELECT buyer_code, seller_code, product_group, min(ordinal) AS ordinal FROM caught GROUP BY ALL`,
    ],
  ];
}

/**
 * `rows` (a FROM item with period, buyer_code, seller_code, sku and product_group) joined to the
 * lookups: `line` (the assignment that wins) and `ordinal` (the allocation rule that would catch
 * the row). A row missing a key part (none in the flows) gets neither: it stays unattributed.
 */
function decidedSql(rowsSelect: string, output: string): string {
  const t = lookupTablesOf(output);
  const keyed = `r.period IS NOT NULL AND r.buyer_code IS NOT NULL AND r.seller_code IS NOT NULL AND r.sku IS NOT NULL`;
  return `SELECT r.*, CASE WHEN ${keyed} THEN coalesce(own.line, star.line) END AS line,
         CASE WHEN ${keyed} THEN least(br.ordinal, sr.ordinal) END AS ordinal
  FROM (${rowsSelect}) r
  LEFT JOIN ${t.assignments} own ON own.period = r.period AND own.customer_code = r.buyer_code AND own.product_group = r.product_group
  LEFT JOIN (SELECT * FROM ${t.assignments} WHERE product_group = '*') star ON star.period = r.period AND star.customer_code = r.buyer_code
  LEFT JOIN ${t.buyerRules} br ON br.buyer_code = r.buyer_code
  LEFT JOIN ${t.saleRules} sr ON sr.buyer_code = r.buyer_code AND sr.seller_code = r.seller_code AND sr.product_group IS NOT DISTINCT FROM r.product_group`;
}

/** A rep field of a decided row `d`: from its assignment line `a`, else from its allocation rule `ar`. */
const decidedField = (c: string): string => `CASE WHEN a.line IS NOT NULL THEN a.${c} ELSE ar.${c} END`;

/** The rep fields of a decided row: rep_code, rep_name, territory, manager, rule_kind, assignment_rule. */
const DECISION_FIELDS = `${['rep_code', 'rep_name', 'territory', 'manager'].map((c) => `${decidedField(c)} AS ${c}`).join(', ')},
         CASE WHEN a.line IS NOT NULL THEN 'assignment' WHEN ar.ordinal IS NOT NULL THEN ar.rule_kind ELSE 'none' END AS rule_kind,
         CASE WHEN a.line IS NOT NULL THEN a.rule WHEN ar.ordinal IS NOT NULL THEN ar.rule ELSE '${NO_RULE}' END AS assignment_rule`;

/**
 * The assignment line and allocation rule of each decided row, each with its rule text, written
 * once per line or rule here rather than once per row: on a national month that string building
 * was most of the attach's own projection.
 */
const RULE_JOINS = `LEFT JOIN (
    SELECT *, 'mappings/assignments.csv row ' || line || ': ' || customer_code || ' × ' || product_group || ' '
              || valid_from || '..' || coalesce(valid_to, 'open') AS rule
    FROM attr_assignments) a ON a.line = d.line
  LEFT JOIN (
    SELECT *, CASE WHEN catch_all THEN 'last_resort' ELSE 'allocation' END AS rule_kind,
           'drugflow.yaml allocation.' || ordinal || ': ' || description AS rule
    FROM attr_allocation) ar ON ar.ordinal = d.ordinal`;

/**
 * Every row of `source` with the attribution appended: the SKU's product_group, the buyer's
 * master name, province, city and type (buyer_name, buyer_province, buyer_city,
 * buyer_customer_type), then DECISION_FIELDS. Written in rid order:
 * the export writes the table as it is stored instead of sorting it (runExportStage). Sorting
 * here added 1.7 s to the 3M-row month's write and took 5.4 s off its export.
 */
function attachSql(source: string, output: string): string {
  return `CREATE OR REPLACE TABLE ${output} AS
  SELECT d.* EXCLUDE (line, ordinal), ${DECISION_FIELDS}
  FROM (${decidedSql(
    `SELECT s.*, p.product_group, c.name AS buyer_name, c.province AS buyer_province, c.city AS buyer_city, c.type AS buyer_customer_type
     FROM (${source}) s LEFT JOIN products p ON p.sku = s.sku LEFT JOIN customers c ON c.code = s.buyer_code`,
    output,
  )}) d
  ${RULE_JOINS}
  ORDER BY d.rid`;
}

/**
 * The rows of `table` (those `where` picks, `f` being the table) whose rep_code the lookups behind
 * `output` change: their rowid (`row_id`) and the new `rep_code`. Only those, so that filling the
 * rep in place joins the changed rows alone (none where nothing is assigned), not the month.
 */
export function repChangesSql(table: string, output: string, where: string): string {
  return `SELECT d.row_id, ${decidedField('rep_code')} AS rep_code
  FROM (${decidedSql(
    `SELECT f.rowid AS row_id, f.rep_code AS was, f.period, f.buyer_code, f.seller_code, f.sku, p.product_group
     FROM ${table} f LEFT JOIN products p ON p.sku = f.sku WHERE ${where}`,
    output,
  )}) d
  ${RULE_JOINS}
  WHERE d.was IS DISTINCT FROM ${decidedField('rep_code')}`;
}

/**
 * Attributes every row of `source` (which must yield a unique `rid`, `period`, `buyer_code`,
 * `sku`, `seller_code`) into `output`: its columns plus the attribution (attachSql). Named statements: the
 * lookups (temp tables, which the caller drops with dropLookupsSql when it has no more use for
 * them), then the attach. `keysFrom` is where the lookups read the rows' months, buyers, sellers
 * and SKUs, when that is cheaper than `source` (the table itself, without computing rid).
 */
export function attributeRowsSql(source: string, output: string, keysFrom = source): [step: string, sql: string][] {
  return [...lookupSql(keysFrom, output), ['attach to rows', attachSql(source, output)]];
}

/** Drops the lookups behind `output`, one statement per table. */
export const dropLookupsSql = (output: string): string[] => Object.values(lookupTablesOf(output)).map((t) => `DROP TABLE IF EXISTS ${t}`);
