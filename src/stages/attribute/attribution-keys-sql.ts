/**
 * Rep attribution, decided once per key instead of once per row. Which rep a terminal row is
 * credited to depends only on its month, buyer (and the buyer's master fields), seller and SKU
 * (through its product group): a national month has millions of rows but far fewer such keys, so
 * the rule is chosen per DISTINCT key and attached to the rows with one hash join. Pure SQL.
 */

/**
 * What a row is attributed by. Flow rows always carry all four (classify writes only resolved
 * rows with a period), so rows find their key with a plain equi-join: `IS NOT DISTINCT FROM`
 * made the 1M-row join half again as slow.
 */
const KEY = ['period', 'buyer_code', 'seller_code', 'sku'] as const;
const sameKey = (row: string, key: string) => KEY.map((c) => `${row}.${c} = ${key}.${c}`).join(' AND ');

const NO_RULE = 'no assignment and no allocation rule matched';

/** The columns the decision adds to a row, in the order they are appended. */
export const ATTRIBUTION_FIELDS = [
  'product_group',
  'buyer_name',
  'buyer_province',
  'buyer_city',
  'buyer_customer_type',
  'rep_code',
  'rep_name',
  'territory',
  'manager',
  'rule_kind',
  'assignment_rule',
] as const;

/**
 * One row per distinct key of `source` with the rule that attributes it: the assignment valid in
 * the key's month for the buyer × the SKU's product group, before the buyer's `*` assignment, by
 * line; else the first allocation rule (by ordinal) that matches; else none (rep_code NULL).
 * Allocation rules are matched on the buyer's master fields once per buyer, then on seller and
 * product group per key, so a catch-all rule never multiplies the keys by the rules.
 */
export function attributionKeysSql(source: string, output: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${output} AS
  WITH keys AS (
    SELECT k.*, p.product_group, c.name AS buyer_name, c.province AS buyer_province, c.city AS buyer_city, c.type AS buyer_customer_type
    FROM (SELECT DISTINCT ${KEY.join(', ')} FROM (${source})) k
    LEFT JOIN products p ON p.sku = k.sku LEFT JOIN customers c ON c.code = k.buyer_code),
  assignment_pick AS (
    SELECT ${KEY.map((c) => `k.${c}`).join(', ')}, arg_min(a.line, (a.product_group = '*', a.line)) AS line
    FROM keys k JOIN attr_assignments a ON a.customer_code = k.buyer_code
      AND (a.product_group = k.product_group OR a.product_group = '*')
      AND k.period >= a.valid_from AND (a.valid_to IS NULL OR k.period <= a.valid_to)
    GROUP BY ALL),
  buyer_rules AS (
    SELECT b.buyer_code, r.ordinal, r.distributor, r.product_group
    FROM (SELECT DISTINCT buyer_code, buyer_customer_type, buyer_province, buyer_city FROM keys) b JOIN attr_allocation r
      ON (r.customer_code IS NULL OR r.customer_code = b.buyer_code)
     AND (r.customer_type IS NULL OR r.customer_type = b.buyer_customer_type)
     AND (r.province IS NULL OR r.province = b.buyer_province)
     AND (r.city IS NULL OR r.city = b.buyer_city)),
  rule_pick AS (
    SELECT ${KEY.map((c) => `k.${c}`).join(', ')}, min(r.ordinal) AS ordinal
    FROM keys k JOIN buyer_rules r ON r.buyer_code = k.buyer_code
      AND (r.distributor IS NULL OR r.distributor = k.seller_code)
      AND (r.product_group IS NULL OR r.product_group = k.product_group)
    GROUP BY ALL)
  SELECT k.*,
         ${['rep_code', 'rep_name', 'territory', 'manager'].map((c) => `CASE WHEN a.line IS NOT NULL THEN a.${c} ELSE r.${c} END AS ${c}`).join(', ')},
         CASE WHEN a.line IS NOT NULL THEN 'assignment' WHEN r.catch_all THEN 'last_resort' WHEN r.ordinal IS NOT NULL THEN 'allocation' ELSE 'none' END AS rule_kind,
         CASE WHEN a.line IS NOT NULL
                THEN 'mappings/assignments.csv row ' || a.line || ': ' || a.customer_code || ' × ' || a.product_group || ' '
                     || a.valid_from || '..' || coalesce(a.valid_to, 'open')
              WHEN r.ordinal IS NOT NULL THEN 'drugflow.yaml allocation.' || r.ordinal || ': ' || r.description
              ELSE '${NO_RULE}' END AS assignment_rule
  FROM keys k
  LEFT JOIN assignment_pick ap ON ${sameKey('ap', 'k')}
  LEFT JOIN attr_assignments a ON a.line = ap.line
  -- every key's first rule is picked, and used only where no assignment is: a condition on the
  -- assignment in this ON clause would turn the hash join into a nested loop
  LEFT JOIN rule_pick rp ON ${sameKey('rp', 'k')}
  LEFT JOIN attr_allocation r ON r.ordinal = rp.ordinal`;
}

/**
 * Every row of `source` with its key's decision appended (ATTRIBUTION_FIELDS, in that order). A
 * row with a NULL key part (none in the flows) is kept, unattributed, as rule 'none'.
 */
export function attachAttributionSql(source: string, keys: string, output: string): string {
  const fields = ATTRIBUTION_FIELDS.map((c) =>
    c === 'rule_kind' ? `coalesce(k.rule_kind, 'none') AS rule_kind` : c === 'assignment_rule' ? `coalesce(k.assignment_rule, '${NO_RULE}') AS assignment_rule` : `k.${c}`,
  );
  return `CREATE OR REPLACE TABLE ${output} AS
  SELECT s.*, ${fields.join(', ')}
  FROM (${source}) s LEFT JOIN ${keys} k ON ${sameKey('s', 'k')}`;
}

/** The temp table holding the per-key decision behind `output`. */
export const keysTableOf = (output: string): string => `${output}_keys`;

/**
 * Attributes every row of `source` (which must yield a unique `rid`, `period`, `buyer_code`,
 * `sku`, `seller_code`) into `output`: its columns plus ATTRIBUTION_FIELDS. Named statements: the
 * decision per key into a temp table (keysTableOf(output), which the caller drops when it has no
 * more use for it), then the join. `keysFrom` is where the keys are read, when that is cheaper
 * than `source` (the table itself, without computing rid).
 */
export function attributeRowsSql(source: string, output: string, keysFrom = source): [step: string, sql: string][] {
  const keys = keysTableOf(output);
  return [
    ['decide per key', attributionKeysSql(keysFrom, keys)],
    ['attach to rows', attachAttributionSql(source, keys, output)],
  ];
}

/** Drops the per-key decision behind `output`. */
export const dropKeysSql = (output: string): string => `DROP TABLE ${keysTableOf(output)}`;
