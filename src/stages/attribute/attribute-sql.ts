import { replaceMonthsSteps } from '../../db/kept-months.js';
import { LOCKED_PERIODS_SQL, sameSourceRow } from '../confirm/attribution-snapshot.js';
import { ofSourceFile, sourceRowNumberBaseSql } from '../classify/source-order-sql.js';
import { repChangesSql } from './attribution-lookups-sql.js';

/**
 * Pure SQL for the attribute stage (客户分管 → 指标 → 提成). Inputs are the tables the runner
 * writes from the workspace config (attr_assignments, attr_allocation, rep_quotas,
 * commission_bands, commission_settings, rebate_rules) and the flow tables; every output row
 * carries the rule that produced it so `drugflow explain --rep` can show why.
 */

/** A rep code for rows nothing caught (no assignment, no allocation rule): kept, never dropped. */
export const NO_REP = '(未分配)';
export const NO_GROUP = '(无产品组)';
export const NO_TERRITORY = '(无区域)';

export const CONFIG_TABLES: Record<string, string> = {
  attr_assignments: `line INTEGER, customer_code VARCHAR, product_group VARCHAR, rep_code VARCHAR, rep_name VARCHAR, territory VARCHAR,
    manager VARCHAR, valid_from VARCHAR, valid_to VARCHAR`,
  attr_allocation: `ordinal INTEGER, customer_code VARCHAR, customer_type VARCHAR, province VARCHAR, city VARCHAR, distributor VARCHAR,
    product_group VARCHAR, rep_code VARCHAR, rep_name VARCHAR, territory VARCHAR, manager VARCHAR, catch_all BOOLEAN, description VARCHAR`,
  rep_quotas: 'period VARCHAR, rep_code VARCHAR, product_group VARCHAR, qty DOUBLE, amount DOUBLE, source VARCHAR',
  commission_bands: 'product_group VARCHAR, ordinal INTEGER, lower DOUBLE, upper DOUBLE, rate DOUBLE',
  commission_settings: 'cap_per_rep_month DOUBLE',
  rebate_rules: 'ordinal INTEGER, distributor VARCHAR, product_group VARCHAR, basis VARCHAR, rate DOUBLE',
};

/**
 * The terminal rows as flow_terminal_attributed carries them: the row's identity (rid, and its
 * source file, sheet and row), what was sold to whom, and nothing of the raw values, which stay in
 * flow_terminal. rid numbers the rows in source order (period, source file, sheet, source row):
 * unique and increasing, not dense (classify/source-order-sql.ts). Explain, the finance detail,
 * listings and the export order by it.
 */
export const TERMINAL_SOURCE = `SELECT o.rows_before + f.source_row AS rid, f.period, f.txn_date, f.seller_code, f.buyer_code, f.buyer_type, f.sku,
         f.qty, f.amount, f.lot, f.is_return, f.channel, f.source_file, f.sheet, f.source_row
  FROM flow_terminal f JOIN (${sourceRowNumberBaseSql('flow_terminal')}) o ON ${ofSourceFile('o', 'f')}`;
export const ADJUSTMENT_SOURCE = `SELECT row_number() OVER (ORDER BY period, booked_in, seller_code, buyer_code, sku) AS rid, *
  FROM adjustments WHERE level = 'terminal'`;

/** The terminal rows' attribution, whose lookups are kept until flow_terminal.rep_code is filled from them. */
export const TERMINAL_ATTRIBUTION = 'current_attribution';

/**
 * flow_terminal.rep_code from the attribution, in place: only rows whose rep differs are written
 * (none where nothing is assigned), instead of copying every column of every row once more.
 * Open months take the rep from the same lookups the attributed rows were decided by, joined back
 * by row id; meeting the attributed rows one by one (by source identity) was a join of the month
 * with itself that spilled at 10M rows. Confirmed months keep the rep they were confirmed with,
 * which is per row (the snapshot), so only their rows meet by source identity.
 *
 * Of the open months, only those attributed again (`months`, SQL on period; null: every month): a
 * kept month's attribution is as the last run filled it, and classify, which writes a month's rows
 * again without their rep, forgets that month's attribution (forgetAttributionOf). Every open
 * month took 1.5 s of a night on a year of 1M months.
 */
export const fillTerminalRepSteps = (months: string | null): [step: string, sql: string][] => [
  [
    'open months',
    `UPDATE flow_terminal f SET rep_code = d.rep_code
  FROM (${repChangesSql('flow_terminal', TERMINAL_ATTRIBUTION, `f.period NOT IN (${LOCKED_PERIODS_SQL}) AND ${months ?? 'true'}`)}) d
  WHERE f.rowid = d.row_id`,
  ],
  [
    'confirmed months',
    `UPDATE flow_terminal f SET rep_code = a.rep_code
  FROM (SELECT * FROM flow_terminal_attributed WHERE period IN (${LOCKED_PERIODS_SQL})) a
  WHERE ${sameSourceRow('f', 'a')} AND f.rep_code IS DISTINCT FROM a.rep_code`,
  ],
];

/** One name, territory and manager per rep: the latest assignment row, else its allocation rule. */
export const REP_DIRECTORY = `CREATE OR REPLACE TABLE rep_directory AS
  SELECT rep_code, arg_max(rep_name, ord) AS rep_name, arg_max(territory, ord) AS territory, arg_max(manager, ord) AS manager
  FROM (SELECT rep_code, rep_name, territory, manager, '1' || valid_from || lpad(line::VARCHAR, 8, '0') AS ord FROM attr_assignments
        UNION ALL
        SELECT rep_code, rep_name, territory, manager, '0' || lpad((1000000 - ordinal)::VARCHAR, 8, '0') FROM attr_allocation)
  GROUP BY rep_code`;

const repKey = `coalesce(rep_code, '${NO_REP}') AS rep_code, coalesce(product_group, '${NO_GROUP}') AS product_group`;

/**
 * Per period × rep × product group, the terminal sales of the attributed rows: what rep
 * performance is summed from. Kept per month with the attributed rows it is made from
 * (attributed-months.ts): summing every month's attributed rows each night took 1.4 s of a night
 * on a year of 1M months, and grew with every month held.
 */
export const REP_MONTH_SALES = 'rep_month_sales';

const repMonthSalesRows = (months: string) => `SELECT period, ${repKey}, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount,
         sum(CASE WHEN is_return THEN coalesce(amount, 0) ELSE 0 END) AS returns_amount
  FROM flow_terminal_attributed WHERE ${months} GROUP BY ALL`;

/** rep_month_sales: anew, or (given the months attributed again, `months`) those months' rows replaced. */
export const repMonthSalesSteps = (months: string | null): [step: string, sql: string][] =>
  replaceMonthsSteps('rep month sales', REP_MONTH_SALES, repMonthSalesRows(months ?? 'true'), months);

/**
 * Per period × rep × product group: sales (returns netted), quota, attainment (amount ÷ quota
 * amount; qty is shown, not used), year to date, the same month last year, and the terminal
 * adjustments booked in this month.
 */
export const REP_PERFORMANCE_BASE = `CREATE OR REPLACE TEMP TABLE rep_performance_base AS
  WITH actual AS (SELECT * FROM ${REP_MONTH_SALES}),
  adj AS (
    SELECT booked_in AS period, ${repKey}, sum(qty) AS adjustment_qty, sum(amount) AS adjustment_amount
    FROM booked_adjustments GROUP BY ALL),
  keys AS (
    SELECT period, rep_code, product_group FROM actual
    UNION SELECT period, rep_code, product_group FROM rep_quotas
    UNION SELECT period, rep_code, product_group FROM adj),
  joined AS (
    SELECT k.period, k.rep_code, k.product_group, coalesce(a.qty, 0) AS qty, round(coalesce(a.amount, 0), 2) AS amount,
           round(coalesce(a.returns_amount, 0), 2) AS returns_amount, q.qty AS quota_qty, q.amount AS quota_amount, q.source AS quota_source,
           coalesce(j.adjustment_qty, 0) AS adjustment_qty, round(coalesce(j.adjustment_amount, 0), 2) AS adjustment_amount
    FROM keys k
    LEFT JOIN actual a USING (period, rep_code, product_group)
    LEFT JOIN rep_quotas q USING (period, rep_code, product_group)
    LEFT JOIN adj j USING (period, rep_code, product_group))
  SELECT j.*,
         CASE WHEN j.quota_amount > 0 THEN j.amount / j.quota_amount END AS attainment,
         sum(j.qty) OVER ytd AS ytd_qty, round(sum(j.amount) OVER ytd, 2) AS ytd_amount, sum(j.quota_amount) OVER ytd AS ytd_quota_amount,
         ly.qty AS ly_qty, ly.amount AS ly_amount
  FROM joined j
  LEFT JOIN joined ly ON ly.rep_code = j.rep_code AND ly.product_group = j.product_group
       AND ly.period = strftime(strptime(j.period || '-01', '%Y-%m-%d') - INTERVAL 12 MONTH, '%Y-%m')
  WINDOW ytd AS (PARTITION BY j.rep_code, j.product_group, left(j.period, 4) ORDER BY j.period)`;

const pct = (x: string) => `rtrim(rtrim(printf('%.2f', ${x} * 100), '0'), '.') || '%'`;

/**
 * 提成: the band comes from the month's attainment (the product group's own bands, else `*`);
 * the rate applies to the month's net sales (returns netted) plus terminal adjustments booked
 * in the month; a rep's total above the cap is scaled down across its product groups.
 */
export const COMMISSION = `CREATE OR REPLACE TABLE commission AS
  WITH b AS (SELECT * FROM rep_performance_base),
  band_groups AS (
    SELECT g.product_group, CASE WHEN EXISTS (SELECT 1 FROM commission_bands x WHERE x.product_group = g.product_group) THEN g.product_group ELSE '*' END AS band_group
    FROM (SELECT DISTINCT product_group FROM b) g),
  banded AS (
    SELECT b.period, b.rep_code, b.product_group, b.amount AS sales_amount, b.returns_amount, b.adjustment_amount,
           round(b.amount + b.adjustment_amount, 2) AS commission_base, b.quota_amount, b.attainment,
           bg.band_group, cb.lower, cb.upper, cb.rate
    FROM b JOIN band_groups bg USING (product_group)
    LEFT JOIN commission_bands cb ON cb.product_group = bg.band_group AND b.attainment IS NOT NULL
         AND (cb.lower IS NULL OR b.attainment >= cb.lower) AND (cb.upper IS NULL OR b.attainment < cb.upper)),
  rated AS (
    SELECT *, coalesce(rate, 0) AS applied_rate,
           CASE WHEN attainment IS NULL THEN '无指标'
                WHEN rate IS NULL THEN '无提成规则'
                WHEN lower IS NULL THEN '<' || ${pct('upper')}
                WHEN upper IS NULL THEN '≥' || ${pct('lower')}
                ELSE ${pct('lower')} || '–' || ${pct('upper')} END AS band,
           round(round(amount_base, 2) * coalesce(rate, 0), 2) AS commission_before_cap
    FROM (SELECT *, commission_base AS amount_base FROM banded)),
  capped AS (
    SELECT r.*, s.cap_per_rep_month AS cap,
           round(sum(commission_before_cap) OVER (PARTITION BY period, rep_code), 2) AS rep_total_before_cap
    FROM rated r LEFT JOIN commission_settings s ON true)
  SELECT period, rep_code, product_group, sales_amount, returns_amount, adjustment_amount, commission_base, quota_amount, attainment,
         band, applied_rate AS rate, commission_before_cap, cap, rep_total_before_cap,
         CASE WHEN cap IS NOT NULL AND rep_total_before_cap > cap THEN cap / rep_total_before_cap ELSE 1 END AS cap_factor,
         round(commission_before_cap * CASE WHEN cap IS NOT NULL AND rep_total_before_cap > cap THEN cap / rep_total_before_cap ELSE 1 END, 2) AS commission,
         'base ' || printf('%.2f', commission_base) || ' (sales ' || printf('%.2f', sales_amount) || ', returns ' || printf('%.2f', returns_amount)
           || ' netted, adjustments ' || printf('%.2f', adjustment_amount) || ') × ' || ${pct('applied_rate')}
           || CASE WHEN attainment IS NULL THEN ' (no quota)' ELSE ' (band ' || band || ' of commission.yaml bands.' || band_group || ', attainment ' || printf('%.2f', attainment * 100) || '%)' END
           || CASE WHEN cap IS NOT NULL AND rep_total_before_cap > cap THEN '; rep total ' || printf('%.2f', rep_total_before_cap) || ' capped at ' || printf('%.2f', cap) ELSE '' END AS rule
  FROM capped ORDER BY period, rep_code, product_group`;

/**
 * The level commission is decided at: per period × rep × product group. `rep_performance`
 * (contract, per SKU, rep-sku-sql.ts) is derived from it and adds up to it.
 */
export const REP_GROUP_PERFORMANCE = `CREATE OR REPLACE TABLE rep_group_performance AS
  SELECT b.period, b.rep_code, d.rep_name, d.territory, d.manager, b.product_group, b.qty, b.amount, b.returns_amount,
         b.quota_qty, b.quota_amount, b.attainment, 'amount' AS attainment_basis,
         b.ytd_qty, b.ytd_amount, b.ytd_quota_amount, CASE WHEN b.ytd_quota_amount > 0 THEN b.ytd_amount / b.ytd_quota_amount END AS ytd_attainment,
         b.ly_qty, b.ly_amount, CASE WHEN b.ly_amount > 0 THEN b.amount / b.ly_amount - 1 END AS growth,
         b.adjustment_qty, b.adjustment_amount, c.band, c.rate, c.commission, b.quota_source
  FROM rep_performance_base b
  LEFT JOIN rep_directory d USING (rep_code)
  LEFT JOIN commission c USING (period, rep_code, product_group)
  ORDER BY b.period, b.rep_code, b.product_group`;

/** Roll-ups: attainment counts only the amounts of rep × groups that have a quota. */
function rollUp(table: string, key: string): string {
  return `CREATE OR REPLACE TABLE ${table} AS
  SELECT period, ${key}, count(DISTINCT rep_code) AS reps, sum(qty) AS qty, round(sum(amount), 2) AS amount,
         sum(quota_qty) AS quota_qty, round(sum(quota_amount), 2) AS quota_amount,
         CASE WHEN sum(quota_amount) > 0 THEN sum(CASE WHEN quota_amount IS NOT NULL THEN amount END) / sum(quota_amount) END AS attainment,
         round(sum(ytd_amount), 2) AS ytd_amount, round(sum(ly_amount), 2) AS ly_amount,
         CASE WHEN sum(ly_amount) > 0 THEN sum(CASE WHEN ly_amount IS NOT NULL THEN amount END) / sum(ly_amount) - 1 END AS growth,
         round(sum(adjustment_amount), 2) AS adjustment_amount, round(sum(coalesce(commission, 0)), 2) AS commission
  FROM rep_group_performance GROUP BY ALL ORDER BY ALL`;
}
export const TERRITORY_PERFORMANCE = rollUp('territory_performance', `coalesce(territory, '${NO_TERRITORY}') AS territory`);
export const MANAGER_PERFORMANCE = rollUp('manager_performance', "coalesce(manager, '(无经理)') AS manager");

/**
 * What only the last-resort rule (or nothing) caught: terminals someone must assign, of the
 * attributed rows `months` picks. Written in the export's order (period, buyer, seller, SKU,
 * then the rule that caught it, so that two runs write the same bytes), which the export then
 * only scans: on the 10M month (2.4M rows) that cost ~0.8 s here and saved ~1.6 s there.
 */
const unassignedRows = (months: string) => `SELECT period, buyer_code, buyer_name, buyer_customer_type AS buyer_type, buyer_province AS province, buyer_city AS city,
         seller_code, sku, product_group, rep_code, assignment_rule,
         count(*) AS rows, sum(qty) AS qty, round(sum(amount), 2) AS amount
  FROM flow_terminal_attributed WHERE rule_kind IN ('last_resort', 'none') AND ${months}
  GROUP BY ALL
  ORDER BY period, buyer_code, seller_code, sku, rep_code, assignment_rule`;

/**
 * unassigned_volume: anew, or (given the months attributed again, `months`, whose attributed
 * rows are the only ones that changed) those months' rows replaced, each month in export order.
 */
export const unassignedVolumeSteps = (months: string | null): [step: string, sql: string][] =>
  replaceMonthsSteps('unassigned volume', 'unassigned_volume', unassignedRows(months ?? 'true'), months);

/**
 * Per basis (terminal, secondary) × period × distributor × product group, the sales rebates are a
 * share of. Kept per month with the attributed rows: a month attributed as it was has the same
 * terminal and secondary rows (both are classify's, whose record of the month the attribution's
 * fingerprint holds, and classify forgets the attribution of a month it writes again) and the
 * same product groups. Summing every month's flows took 0.4 s of a night on a year of 1M months.
 */
export const REBATE_MONTH_SALES = 'rebate_month_sales';

const rebateMonthSalesRows = (months: string) => `SELECT 'terminal' AS basis, f.period, f.seller_code, coalesce(p.product_group, '${NO_GROUP}') AS product_group,
         sum(coalesce(f.amount, 0)) AS amount
    FROM flow_terminal f LEFT JOIN products p ON p.sku = f.sku WHERE ${months} GROUP BY ALL
    UNION ALL
    SELECT 'secondary', f.period, f.seller_code, coalesce(p.product_group, '${NO_GROUP}'), sum(coalesce(f.amount, 0))
    FROM flow_secondary f LEFT JOIN products p ON p.sku = f.sku WHERE ${months} GROUP BY ALL`;

/** rebate_month_sales: anew, or (given the months attributed again, `months`) those months' rows replaced. */
export const rebateMonthSalesSteps = (months: string | null): [step: string, sql: string][] =>
  replaceMonthsSteps('rebate month sales', REBATE_MONTH_SALES, rebateMonthSalesRows(months ?? 'true'), months);

/** 返利: a share of each distributor's terminal or secondary sales; the most specific rule wins. */
export const DISTRIBUTOR_REBATES = `CREATE OR REPLACE TABLE distributor_rebates AS
  WITH sales AS (SELECT * FROM ${REBATE_MONTH_SALES}),
  matched AS (
    SELECT s.*, r.ordinal, r.rate,
           row_number() OVER (PARTITION BY s.basis, s.period, s.seller_code, s.product_group
                              ORDER BY r.distributor = '*', r.product_group = '*', r.ordinal) AS pick
    FROM sales s JOIN rebate_rules r ON r.basis = s.basis
      AND (r.distributor = '*' OR r.distributor = s.seller_code) AND (r.product_group = '*' OR r.product_group = s.product_group))
  SELECT m.period, m.seller_code AS distributor_code, c.name AS distributor_name, m.basis, m.product_group,
         round(m.amount, 2) AS sales_amount, m.rate, round(round(m.amount, 2) * m.rate, 2) AS rebate,
         'mappings/commission.yaml rebates.' || m.ordinal AS rule
  FROM matched m LEFT JOIN customers c ON c.code = m.seller_code
  WHERE pick = 1 ORDER BY m.period, m.seller_code, m.basis, m.product_group`;

/** BI summary: product × province × city × rep × month. */
export const BI_SUMMARY = `SELECT t.period AS month, t.sku, p.name AS product_name, t.product_group, t.buyer_province AS province, t.buyer_city AS city,
    coalesce(t.rep_code, '${NO_REP}') AS rep_code, t.rep_name, t.territory, sum(t.qty) AS qty, round(sum(t.amount), 2) AS amount, count(*) AS rows
  FROM flow_terminal_attributed t LEFT JOIN products p ON p.sku = t.sku
  GROUP BY ALL ORDER BY ALL`;

/** The tables this stage writes, for export (per period) and for the lead's wiring. */
export const ATTRIBUTE_TABLES = [
  'flow_terminal_attributed',
  'adjustment_attribution',
  'reassignment_adjustments',
  'booked_adjustments',
  'rep_group_performance',
  'rep_performance',
  'territory_performance',
  'manager_performance',
  'unassigned_volume',
  'commission',
  'distributor_rebates',
] as const;
