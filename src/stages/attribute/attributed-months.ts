/**
 * The attributed months left as they are. The attribute stage attributed every terminal row
 * again each run, but on a night with history most months come out as they were: attaching a
 * 10M-row month takes ~20 s, and every month the workspace holds paid it every night.
 *
 * A month's attributed rows (flow_terminal_attributed), reassignments and unassigned volume are
 * a function of:
 *   - its terminal rows as the attach reads them (TERMINAL_SOURCE, rid included: a late file of an
 *     earlier month renumbers the later months' rows, and so changes them too);
 *   - the attribution config (assignments, allocation rules) and the customer and product masters;
 *   - the confirmed months (which rows keep their confirmed rep, and where a reassignment is
 *     booked) and the month's confirmation snapshot;
 *   - the code that attributes, and DuckDB's version (its hash() makes the fingerprint).
 * Each month is recorded with a fingerprint of those (db/kept-months.ts). A month whose
 * fingerprint is unchanged keeps its rows; the others are attributed again.
 */
import type { Database } from '../../db/database.js';
import { forgetMonths, planMonths, recordMonths, type MonthPlan } from '../../db/kept-months.js';
import { periodContents, queryContent } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { CONFIRMED_ATTRIBUTION } from '../confirm/attribution-snapshot.js';
import { TERMINAL_SOURCE } from './attribute-sql.js';

export const ATTRIBUTED_MONTHS_TABLE = 'attributed_months';

/** The code the attributed rows depend on: this folder, the confirmation snapshot, rid's source order, the fingerprint and the month-by-month writes. */
const ATTRIBUTION_CODE = { dirs: ['.'], files: ['../confirm/attribution-snapshot', '../classify/source-order-sql', '../../db/rows-content', '../../db/kept-months'] };
const ATTRIBUTION_CODE_HASH = codeFingerprint(import.meta.url, ATTRIBUTION_CODE); // as the module loads (code-fingerprint.ts)

/** What every month's attribution reads besides its own rows: whole, since any change may move any row. */
const SHARED_INPUTS: Record<string, string> = {
  assignments: 'SELECT * FROM attr_assignments',
  allocation: 'SELECT * FROM attr_allocation',
  customers: 'SELECT * FROM customers',
  products: 'SELECT * FROM products',
};

/** Which months must be attributed this run; `locked` is the confirmed months. */
export async function planAttribution(db: Database, locked: string[]): Promise<MonthPlan> {
  const shared: unknown[] = [ATTRIBUTION_CODE_HASH, locked];
  for (const [name, query] of Object.entries(SHARED_INPUTS)) shared.push(name, await queryContent(db, `attribution fingerprint: ${name}`, query));
  return planMonths(db, ATTRIBUTED_MONTHS_TABLE, {
    shared,
    months: await periodContents(db, 'attribution fingerprint: terminal rows', TERMINAL_SOURCE),
    perMonth: [await periodContents(db, 'attribution fingerprint: confirmed rows', `SELECT * FROM ${CONFIRMED_ATTRIBUTION}`)],
    keptIn: ['flow_terminal_attributed', 'reassignment_adjustments', 'unassigned_volume'],
  });
}

/** Clears the records: before any of the tables is touched. */
export const forgetAttributedMonths = (db: Database): Promise<void> => forgetMonths(db, ATTRIBUTED_MONTHS_TABLE);

/** Records every month's fingerprint, once its attributed rows, reassignments and unassigned volume are written. */
export const recordAttributedMonths = (db: Database, plan: MonthPlan): Promise<void> => recordMonths(db, ATTRIBUTED_MONTHS_TABLE, plan);
