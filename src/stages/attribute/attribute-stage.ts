import type { AllocationRule, Attribution } from '../../config/attribution-schemas.js';
import type { Workspace } from '../../config/workspace.js';
import { appendRow, type AppenderCell, type Database } from '../../db/database.js';
import { monthsBuiltAgain } from '../../db/kept-months.js';
import {
  ADJUSTMENT_SOURCE,
  COMMISSION,
  CONFIG_TABLES,
  DISTRIBUTOR_REBATES,
  MANAGER_PERFORMANCE,
  REP_DIRECTORY,
  REP_GROUP_PERFORMANCE,
  REP_PERFORMANCE_BASE,
  fillTerminalRepSteps,
  TERMINAL_ATTRIBUTION,
  TERMINAL_SOURCE,
  TERRITORY_PERFORMANCE,
  rebateMonthSalesSteps,
  repMonthSalesSteps,
  unassignedVolumeSteps,
} from './attribute-sql.js';
import { attributeRowsSql, dropLookupsSql } from './attribution-lookups-sql.js';
import { splitQuotas } from './quota-split.js';
import { repPerformanceSteps } from './rep-sku-sql.js';
import { forgetRepPerformanceMonths, planRepPerformance, recordRepPerformanceMonths } from './rep-performance-months.js';
import { APPLY_FROZEN_ATTRIBUTION, BOOKED_ADJUSTMENTS, FROZEN_APPLIED_ROWS, REASSIGNMENT_ADJUSTMENTS, REASSIGNMENT_ROWS, restoreFrozenSql } from './frozen-attribution-sql.js';
import { forgetAttributedMonths, planAttribution, recordAttributedMonths } from './attributed-months.js';
import { confirmedName, confirmedPeriods, CREATE_CONFIRMED_ATTRIBUTION, type FrozenFigure } from '../confirm/attribution-snapshot.js';

export interface AttributeSummary {
  rows: number;
  by_rule: Record<string, number>;
  unassigned_rows: number;
  unassigned_amount: number;
  /** Confirmed rows the current assignments would credit to another rep (booked as reassignments). */
  reassigned_rows: number;
  commission: number;
  rebates: number;
  /** Months attributed this run, and months whose attributed rows were kept as the last run left them (attributed-months.ts). */
  months: { attributed: number; kept: number };
  /** Months of rep_performance split to SKUs this run, and months kept as the last run left them (rep-performance-months.ts). */
  sku_months: { split: number; kept: number };
}

const EMPTY: Attribution = { assignments: [], quotas: [], quotaSplit: 'even', allocation: [], commission: undefined };

/**
 * After classify, locks and reconcile: every flow_terminal row gets its rep (rep_code filled in
 * place; territory, manager and the rule in flow_terminal_attributed), then quotas, attainment,
 * commission and rebates. Made from the flows and the config every run, except what a
 * confirmed month was paid from: its attribution and figures come from the confirmation
 * snapshot, and a changed rep becomes a reassignment adjustment (frozen-attribution-sql.ts).
 * A month whose inputs are as they were keeps its attributed rows (attributed-months.ts) and
 * its SKU rows (rep-performance-months.ts); the figures that sum across months are built anew.
 */
export async function runAttributeStage(db: Database, ws: Pick<Workspace, 'attribution'>): Promise<AttributeSummary> {
  const config = ws.attribution ?? EMPTY;
  await writeConfigTables(db, config);
  const confirmed = await confirmedPeriods(db);
  const locked = { locked: JSON.stringify(confirmed) };
  await db.run('confirmed attribution table', CREATE_CONFIRMED_ATTRIBUTION);
  const plan = await planAttribution(db, confirmed);
  await forgetAttributedMonths(db);
  const rebuilt = monthsBuiltAgain(plan);
  // its lookups (of the months attributed again, whose flow_terminal.rep_code is filled from them) are kept until the rep is filled
  const source = rebuilt === null ? TERMINAL_SOURCE : `SELECT * FROM (${TERMINAL_SOURCE}) WHERE ${rebuilt}`;
  const keys = rebuilt === null ? 'SELECT * FROM flow_terminal' : `SELECT * FROM flow_terminal WHERE ${rebuilt}`;
  await runAll(db, 'attribute terminal rows', attributeRowsSql(source, TERMINAL_ATTRIBUTION, keys));
  if (rebuilt !== null) {
    // The kept months' rows stay in place; the others' are replaced, each month in rid order.
    await db.run('reassignment adjustments: months not kept', `DELETE FROM reassignment_adjustments WHERE ${rebuilt}`);
    await db.run('reassignment adjustments', `INSERT INTO reassignment_adjustments BY NAME ${REASSIGNMENT_ROWS}`, locked);
    await db.run('attributed rows: months not kept', `DELETE FROM flow_terminal_attributed WHERE ${rebuilt}`);
    const rows = confirmed.length > 0 ? FROZEN_APPLIED_ROWS : 'SELECT * FROM current_attribution';
    await db.run('attributed rows', `INSERT INTO flow_terminal_attributed BY NAME ${rows}`, confirmed.length > 0 ? locked : undefined);
    await db.run('drop current attribution', 'DROP TABLE current_attribution');
  } else if (confirmed.length > 0) {
    await db.run('reassignment adjustments', REASSIGNMENT_ADJUSTMENTS, locked);
    await db.run('keep confirmed attribution', APPLY_FROZEN_ATTRIBUTION, locked);
    await db.run('drop current attribution', 'DROP TABLE current_attribution');
  } else {
    await db.run('reassignment adjustments', REASSIGNMENT_ADJUSTMENTS, locked);
    // No month is confirmed, so nothing to take back: the current attribution is the table as
    // it stands, without copying every terminal row once more.
    await db.run('drop last attribution', 'DROP TABLE IF EXISTS flow_terminal_attributed');
    await db.run('current attribution stands', 'ALTER TABLE current_attribution RENAME TO flow_terminal_attributed');
  }
  await runAll(db, 'attribute adjustments', attributeRowsSql(ADJUSTMENT_SOURCE, 'adjustment_attribution'));
  for (const sql of dropLookupsSql('adjustment_attribution')) await db.run('attribute adjustments: drop lookups', sql);
  await db.run('booked adjustments', BOOKED_ADJUSTMENTS);
  for (const [step, sql] of fillTerminalRepSteps(rebuilt)) await db.run(`fill flow_terminal.rep_code: ${step}`, sql, locked);
  for (const sql of dropLookupsSql(TERMINAL_ATTRIBUTION)) await db.run('attribute terminal rows: drop lookups', sql);
  const frozen = async (table: FrozenFigure) => {
    if (!(await db.tableExists(confirmedName(table)))) return;
    for (const sql of restoreFrozenSql(table, confirmedName(table))) await db.run(`keep confirmed ${table}`, sql, locked);
  };
  // a kept month's sales per rep are its kept attributed rows'
  for (const [step, sql] of repMonthSalesSteps(rebuilt)) await db.run(step, sql);
  for (const [step, sql] of rebateMonthSalesSteps(rebuilt)) await db.run(step, sql);
  const steps: [string, string, FrozenFigure?][] = [
    ['rep directory', REP_DIRECTORY],
    ['rep performance base', REP_PERFORMANCE_BASE],
    ['commission', COMMISSION, 'commission'],
    ['rep group performance', REP_GROUP_PERFORMANCE, 'rep_group_performance'],
    ['territory performance', TERRITORY_PERFORMANCE],
    ['manager performance', MANAGER_PERFORMANCE],
    ['distributor rebates', DISTRIBUTOR_REBATES],
  ];
  for (const [step, sql, keep] of steps) {
    await db.run(step, sql);
    if (keep) await frozen(keep);
  }
  // per SKU, from the final group rows: only the months whose inputs changed are split again
  const skuPlan = await planRepPerformance(db, plan);
  await forgetRepPerformanceMonths(db);
  for (const [step, sql] of repPerformanceSteps(monthsBuiltAgain(skuPlan))) await db.run(step, sql);
  await frozen('rep_performance');
  await recordRepPerformanceMonths(db, skuPlan);
  // a kept month's unassigned volume is made from its kept attributed rows
  for (const [step, sql] of unassignedVolumeSteps(rebuilt)) await db.run(step, sql);
  // Last: a run stopped before here has no record of a month whose rows or volume it had not finished.
  await recordAttributedMonths(db, plan);
  const byRule = await db.all<{ rule_kind: string; n: number }>('attribution counts', 'SELECT rule_kind, count(*) AS n FROM flow_terminal_attributed GROUP BY 1 ORDER BY 1');
  const totals = await db.one<{ rows: number; ua_rows: number; ua_amount: number | null; reassigned: number; commission: number | null; rebates: number | null }>(
    'attribution totals',
    `SELECT (SELECT count(*) FROM flow_terminal_attributed) AS rows,
            (SELECT coalesce(sum(rows), 0) FROM unassigned_volume) AS ua_rows,
            (SELECT round(sum(amount), 2) FROM unassigned_volume) AS ua_amount,
            (SELECT count(*) FILTER (WHERE assignment_rule LIKE 'reassigned from%') FROM reassignment_adjustments) AS reassigned,
            (SELECT round(sum(commission), 2) FROM commission) AS commission,
            (SELECT round(sum(rebate), 2) FROM distributor_rebates) AS rebates`,
  );
  return {
    rows: Number(totals?.rows ?? 0),
    by_rule: Object.fromEntries(byRule.map((r) => [r.rule_kind, Number(r.n)])),
    unassigned_rows: Number(totals?.ua_rows ?? 0),
    unassigned_amount: totals?.ua_amount ?? 0,
    reassigned_rows: Number(totals?.reassigned ?? 0),
    commission: totals?.commission ?? 0,
    rebates: totals?.rebates ?? 0,
    months: { attributed: plan.fingerprints.size - plan.kept.length, kept: plan.kept.length },
    sku_months: { split: skuPlan.fingerprints.size - skuPlan.kept.length, kept: skuPlan.kept.length },
  };
}

async function runAll(db: Database, stage: string, statements: [step: string, sql: string][]): Promise<void> {
  for (const [step, sql] of statements) await db.run(`${stage}: ${step}`, sql);
}

/** The attribution config as tables, so every figure can be joined back to the rule behind it. */
export async function writeConfigTables(db: Database, config: Attribution): Promise<void> {
  const rows: Record<string, AppenderCell[][]> = {
    attr_assignments: config.assignments.map((a) => [a.line, a.customer_code, a.product_group, a.rep_code, a.rep_name, a.territory, a.manager, a.valid_from, a.valid_to]),
    attr_allocation: config.allocation.map((r, i) => [
      i,
      r.match.customer_code,
      r.match.customer_type,
      r.match.province,
      r.match.city,
      r.match.distributor,
      r.match.product_group,
      r.rep_code,
      r.rep_name,
      r.territory,
      r.manager,
      Object.keys(r.match).length === 0 ? 'true' : 'false',
      describeRule(r),
    ]),
    rep_quotas: splitQuotas(config.quotas, config.quotaSplit).map((q) => [q.period, q.rep_code, q.product_group, q.qty, q.amount, q.source]),
    commission_bands: Object.entries(config.commission?.bands ?? {}).flatMap(([group, bands]) =>
      bands.map((b, i) => [group, i, i === 0 ? null : (bands[i - 1]!.below ?? null), b.below ?? null, b.rate]),
    ),
    commission_settings: config.commission?.cap_per_rep_month !== undefined ? [[config.commission.cap_per_rep_month]] : [],
    rebate_rules: (config.commission?.rebates ?? []).map((r, i) => [i, r.distributor, r.product_group, r.basis, r.rate]),
  };
  for (const [table, columns] of Object.entries(CONFIG_TABLES)) {
    await db.run(`replace ${table}`, `CREATE OR REPLACE TABLE ${table} (${columns})`);
    const appender = await db.appender(table);
    try {
      for (const row of rows[table] ?? []) appendRow(appender, row);
    } finally {
      appender.closeSync();
    }
  }
}

export function describeRule(r: AllocationRule): string {
  const parts = Object.entries(r.match).map(([k, v]) => `${k}=${v}`);
  return `${parts.length ? parts.join(', ') : 'any terminal (last resort)'} → ${r.rep_code}${r.territory ? ` ${r.territory}` : ''}`;
}
