/**
 * The months of hospital_sku_months kept as the last run left them. Listings aggregated every
 * month's terminal rows each night (3.4 s of a 3M-row month, 7.8 s of a 10M one), so a night's
 * cost grew with every month the workspace holds, though a night changes only a month or two.
 *
 * A month's rows of hospital_sku_months are a function of its rows of flow_terminal_attributed
 * and of the code that sums them. The attribute stage records a fingerprint per month that
 * stands for those rows (attributed-months.ts; written as the stage finished, just before this
 * one), so the listings take it as their input instead of hashing the month's rows again: the
 * plan costs one read of a table of a few rows.
 */
import type { Database } from '../../db/database.js';
import { builtAs, forgetMonths, planMonths, recordedMonths, recordMonths, type MonthPlan } from '../../db/kept-months.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { ATTRIBUTED_MONTHS_TABLE } from '../attribute/attributed-months.js';

export const LISTED_MONTHS_TABLE = 'listed_months';

/** The hospital × SKU × month sums the listings are made from (listings-stage.ts). */
export const HOSPITAL_SKU_MONTHS = 'hospital_sku_months';

/** The code those sums depend on: this folder (the sum, its delivery order), NO_TERRITORY, the fingerprint and the month-by-month writes. */
const LISTINGS_CODE = { dirs: ['.'], files: ['../attribute/attribute-sql', '../../db/rows-content', '../../db/kept-months'] };
const LISTINGS_CODE_HASH = codeFingerprint(import.meta.url, LISTINGS_CODE); // as the module loads (code-fingerprint.ts)

/** Which months of hospital_sku_months must be summed again this run: those attributed again, or new. */
export async function planListings(db: Database): Promise<MonthPlan> {
  return planMonths(db, LISTED_MONTHS_TABLE, {
    shared: [LISTINGS_CODE_HASH],
    months: builtAs(await recordedMonths(db, ATTRIBUTED_MONTHS_TABLE)),
    perMonth: [],
    keptIn: [HOSPITAL_SKU_MONTHS, 'hospital_listings', 'new_listings'],
  });
}

/** Clears the records: before hospital_sku_months is touched. */
export const forgetListedMonths = (db: Database): Promise<void> => forgetMonths(db, LISTED_MONTHS_TABLE);

/** Records every month's fingerprint, once hospital_sku_months is written. */
export const recordListedMonths = (db: Database, plan: MonthPlan): Promise<void> => recordMonths(db, LISTED_MONTHS_TABLE, plan);
