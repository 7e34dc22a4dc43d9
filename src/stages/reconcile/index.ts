export { runReconcileStage, RECONCILE_TABLES, type ReconcileCounts } from './reconcile-stage.js';
export { RECONCILE_DEFAULTS, reconcileSettings, type ReconcileOptions } from './reconcile-options.js';
export { INVENTORY_RECONCILIATION_SQL, INVENTORY_RECONCILIATION_TABLE } from './inventory-reconciliation-sql.js';
export { CROSS_TIER_CHECK_SQL, CROSS_TIER_CHECK_TABLE } from './cross-tier-check-sql.js';
export { TERMINAL_INVENTORY_SQL, TERMINAL_INVENTORY_TABLE } from './terminal-inventory-sql.js';
