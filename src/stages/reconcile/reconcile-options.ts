/**
 * Tolerances of the 进销存 reconciliation and the cross-tier check. Defaults follow common
 * practice; the workspace (drugflow.yaml) may override each one.
 */
export interface ReconcileOptions {
  /** A gap within max(gapToleranceBoxes, gapToleranceShare × |sales|) is not flagged. */
  gapToleranceBoxes?: number;
  gapToleranceShare?: number;
  /** Days of inventory above this are flagged as overstock. */
  overstockDays?: number;
  /** A cross-tier difference within this many boxes is a match. */
  crossTierToleranceBoxes?: number;
}

export type ReconcileSettings = Required<ReconcileOptions>;

export const RECONCILE_DEFAULTS: ReconcileSettings = {
  gapToleranceBoxes: 2,
  gapToleranceShare: 0.02,
  overstockDays: 110,
  crossTierToleranceBoxes: 0,
};

/** Defaults filled in; a negative or non-finite tolerance is a caller bug, not a silent default. */
export function reconcileSettings(options: ReconcileOptions = {}): ReconcileSettings {
  const settings: ReconcileSettings = { ...RECONCILE_DEFAULTS };
  for (const key of Object.keys(RECONCILE_DEFAULTS) as (keyof ReconcileSettings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`reconcile option ${key} must be a finite number ≥ 0, got ${value}`);
    settings[key] = value;
  }
  return settings;
}
