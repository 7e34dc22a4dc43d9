import type { Database } from '../../db/database.js';
import { CROSS_TIER_CHECK_SQL, CROSS_TIER_CHECK_TABLE, crossTierCheckParams } from './cross-tier-check-sql.js';
import { INVENTORY_RECONCILIATION_SQL, INVENTORY_RECONCILIATION_TABLE, inventoryReconciliationParams } from './inventory-reconciliation-sql.js';
import { reconcileSettings, type ReconcileOptions } from './reconcile-options.js';
import { TERMINAL_INVENTORY_SQL, TERMINAL_INVENTORY_TABLE } from './terminal-inventory-sql.js';

export interface ReconcileCounts {
  inventory_reconciliation: number;
  cross_tier_check: number;
  /** inventory_reconciliation rows with a gap beyond tolerance, negative stock or overstock. */
  flagged: number;
}

/** The tables this stage writes, with the order their exports should use (they have no source rows). */
export const RECONCILE_TABLES: Record<string, string> = {
  [INVENTORY_RECONCILIATION_TABLE]: 'period, distributor_code, sku',
  [CROSS_TIER_CHECK_TABLE]: 'period, seller_code, buyer_code, sku',
  [TERMINAL_INVENTORY_TABLE]: 'period, chain_code, level, store_code NULLS FIRST, sku',
};

/**
 * 进销存 reconciliation, the cross-tier check and pharmacy chains' terminal inventory, rebuilt from the flow, purchase and inventory
 * tables classify wrote (run it after classify). Reads files, customers, products,
 * product_resolutions, unresolved_rows and pharmacy_sellout too.
 */
export async function runReconcileStage(db: Database, options: ReconcileOptions = {}): Promise<ReconcileCounts> {
  const settings = reconcileSettings(options);
  await db.run('reconcile: inventory reconciliation', INVENTORY_RECONCILIATION_SQL, inventoryReconciliationParams(settings));
  await db.run('reconcile: cross-tier check', CROSS_TIER_CHECK_SQL, crossTierCheckParams(settings));
  await db.run('reconcile: terminal inventory', TERMINAL_INVENTORY_SQL);
  const inv = await db.one<{ rows: number; flagged: number }>(
    'reconcile: count inventory reconciliation',
    `SELECT count(*) AS rows, count(*) FILTER (WHERE flagged) AS flagged FROM ${INVENTORY_RECONCILIATION_TABLE}`,
  );
  const cross = await db.value<number>('reconcile: count cross-tier check', `SELECT count(*) FROM ${CROSS_TIER_CHECK_TABLE}`);
  return { inventory_reconciliation: Number(inv?.rows ?? 0), cross_tier_check: Number(cross ?? 0), flagged: Number(inv?.flagged ?? 0) };
}
