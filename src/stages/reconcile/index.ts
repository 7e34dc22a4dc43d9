export { runReconcileStage, RECONCILE_TABLES, type ReconcileCounts } from './reconcile-stage.js';
export { RECONCILE_DEFAULTS, reconcileSettings, type ReconcileOptions } from './reconcile-options.js';
export { inventoryReconciliationRows, INVENTORY_RECONCILIATION_TABLE } from './inventory-reconciliation-sql.js';
export { crossTierCheckRows, CROSS_TIER_CHECK_TABLE } from './cross-tier-check-sql.js';
export { TERMINAL_INVENTORY_SQL, TERMINAL_INVENTORY_TABLE } from './terminal-inventory-sql.js';
