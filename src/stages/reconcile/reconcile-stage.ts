import type { Database, SqlParams } from '../../db/database.js';
import { monthsBuiltAgain, replaceMonthsSteps } from '../../db/kept-months.js';
import { CROSS_TIER_CHECK_TABLE, crossTierCheckParams, crossTierCheckRows } from './cross-tier-check-sql.js';
import { INVENTORY_RECONCILIATION_TABLE, inventoryReconciliationParams, inventoryReconciliationRows } from './inventory-reconciliation-sql.js';
import { forgetReconciledMonths, planReconcile, reconciledMonths, recordReconciledMonths } from './reconciled-months.js';
import { reconcileSettings, type ReconcileOptions } from './reconcile-options.js';
import { TERMINAL_INVENTORY_SQL, TERMINAL_INVENTORY_TABLE } from './terminal-inventory-sql.js';

export interface ReconcileCounts {
  inventory_reconciliation: number;
  cross_tier_check: number;
  /** inventory_reconciliation rows with a gap beyond tolerance, negative stock or overstock. */
  flagged: number;
  /** Months reconciled this run, and months kept as the last run left them (reconciled-months.ts). */
  months: { reconciled: number; kept: number };
}

/** The tables this stage writes, with the order their exports should use (they have no source rows). */
export const RECONCILE_TABLES: Record<string, string> = {
  [INVENTORY_RECONCILIATION_TABLE]: 'period, distributor_code, sku',
  [CROSS_TIER_CHECK_TABLE]: 'period, seller_code, buyer_code, sku',
  [TERMINAL_INVENTORY_TABLE]: 'period, chain_code, level, store_code NULLS FIRST, sku',
};

/**
 * 进销存 reconciliation, the cross-tier check and pharmacy chains' terminal inventory, from the flow, purchase and inventory
 * tables classify wrote (run it after classify and the locks stage). Reads files, customers, products,
 * product_resolutions, unresolved_rows and pharmacy_sellout too. A month whose inputs are as they
 * were keeps its reconciliation and cross-tier rows (reconciled-months.ts).
 */
export async function runReconcileStage(db: Database, options: ReconcileOptions = {}): Promise<ReconcileCounts> {
  const settings = reconcileSettings(options);
  const plan = await planReconcile(db, settings);
  await forgetReconciledMonths(db);
  const made = monthsBuiltAgain(plan);
  const months = reconciledMonths(plan); // every month when none is kept
  const tables: [string, string, string, SqlParams][] = [
    ['reconcile: inventory reconciliation', INVENTORY_RECONCILIATION_TABLE, inventoryReconciliationRows(months), inventoryReconciliationParams(settings)],
    ['reconcile: cross-tier check', CROSS_TIER_CHECK_TABLE, crossTierCheckRows(months.made), crossTierCheckParams(settings)],
  ];
  for (const [step, table, rows, params] of tables) {
    const steps = replaceMonthsSteps(step, table, rows, made);
    // the rows' statement comes last, and only it has the tolerances to bind
    for (const [i, [name, sql]] of steps.entries()) await db.run(name, sql, i === steps.length - 1 ? params : undefined);
  }
  await db.run('reconcile: terminal inventory', TERMINAL_INVENTORY_SQL);
  // Last: a run stopped before here has no record of months it had not finished.
  await recordReconciledMonths(db, plan);
  const inv = await db.one<{ rows: number; flagged: number }>(
    'reconcile: count inventory reconciliation',
    `SELECT count(*) AS rows, count(*) FILTER (WHERE flagged) AS flagged FROM ${INVENTORY_RECONCILIATION_TABLE}`,
  );
  const cross = await db.value<number>('reconcile: count cross-tier check', `SELECT count(*) FROM ${CROSS_TIER_CHECK_TABLE}`);
  return {
    inventory_reconciliation: Number(inv?.rows ?? 0),
    cross_tier_check: Number(cross ?? 0),
    flagged: Number(inv?.flagged ?? 0),
    months: { reconciled: plan.fingerprints.size - plan.kept.length, kept: plan.kept.length },
  };
}
