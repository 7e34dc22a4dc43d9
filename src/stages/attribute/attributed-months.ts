/**
 * The attributed months left as they are. The attribute stage attributed every terminal row
 * again each run, but on a night with history most months come out as they were: attaching a
 * 10M-row month takes ~20 s, and every month the workspace holds paid it every night.
 *
 * A month's attributed rows (flow_terminal_attributed), reassignments, unassigned volume, sales
 * per rep and product group (rep_month_sales) and sales per distributor (rebate_month_sales) are
 * a function of:
 *   - its terminal rows as the attach reads them (TERMINAL_SOURCE, rid included: a late file of an
 *     earlier month renumbers the later months' rows, and so changes them too). The classify
 *     stage's fingerprint of the month stands for its flow_terminal rows, and for the
 *     flow_secondary rows rebate_month_sales also sums (recorded after the locks stage, before
 *     this one; classify forgets the attribution of a month it writes again). rid adds where the
 *     month's numbering starts: rid is rows_before + source_row, and a place's rows_before counts
 *     the months before it and the month's own places before it (source-order-sql.ts). Hashing
 *     the rows instead took 1.2 s of a night on a year of 1M months;
 *   - the attribution config (assignments, allocation rules) and the customer and product masters;
 *   - the confirmed months (which rows keep their confirmed rep, and where a reassignment is
 *     booked) and the month's confirmation snapshot;
 *   - the code that attributes, and DuckDB's version (its hash() makes the fingerprint).
 * Each month is recorded with a fingerprint of those (db/kept-months.ts). A month whose
 * fingerprint is unchanged keeps its rows; the others are attributed again.
 */
import type { Database } from '../../db/database.js';
import { builtAs, forgetMonths, forgetMonthsOf, planMonths, recordedMonths, recordMonths, type MonthInput, type MonthPlan } from '../../db/kept-months.js';
import { periodContents, queryContent } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { quoteLiteral } from '../../db/database.js';
import { CLASSIFIED_MONTHS_TABLE } from '../classify/classified-months.js';
import { sourceRowNumberBaseSql } from '../classify/source-order-sql.js';
import { CONFIRMED_ATTRIBUTION } from '../confirm/attribution-snapshot.js';
import { REBATE_MONTH_SALES, REP_MONTH_SALES, TERMINAL_SOURCE } from './attribute-sql.js';

export const ATTRIBUTED_MONTHS_TABLE = 'attributed_months';

/** The code the attributed rows depend on: this folder, the confirmation snapshot, rid's source order, the fingerprint and the month-by-month writes. */
const ATTRIBUTION_CODE = { dirs: ['.'], files: ['../confirm/attribution-snapshot', '../classify/source-order-sql', '../classify/classified-months', '../../db/rows-content', '../../db/kept-months'] };
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
  const terminal = await terminalMonths(db);
  return planMonths(db, ATTRIBUTED_MONTHS_TABLE, {
    shared,
    months: terminal.rows,
    perMonth: [terminal.ridsFrom, await periodContents(db, 'attribution fingerprint: confirmed rows', `SELECT * FROM ${CONFIRMED_ATTRIBUTION}`)],
    keptIn: ['flow_terminal_attributed', 'reassignment_adjustments', 'unassigned_volume', REP_MONTH_SALES, REBATE_MONTH_SALES],
  });
}

/**
 * Each month with terminal rows: what stands for its rows (classify's fingerprint of it), and
 * where its rids start. A month classify has no record of (the stage run alone, in tests) has its
 * rows hashed as the attach reads them.
 */
async function terminalMonths(db: Database): Promise<{ rows: Map<string, MonthInput>; ridsFrom: Map<string, MonthInput> }> {
  const classified = builtAs(await recordedMonths(db, CLASSIFIED_MONTHS_TABLE));
  const starts = await db.all<{ period: string; rids_from: number | bigint }>(
    'attribution fingerprint: where each month numbers from',
    `SELECT period, min(rows_before) AS rids_from FROM (${sourceRowNumberBaseSql('flow_terminal')}) WHERE period IS NOT NULL GROUP BY period`,
  );
  const unrecorded = starts.filter((s) => !classified.has(s.period)).map((s) => quoteLiteral(s.period));
  const hashed: Map<string, MonthInput> =
    unrecorded.length === 0
      ? new Map()
      : await periodContents(db, 'attribution fingerprint: terminal rows', `SELECT * FROM (${TERMINAL_SOURCE}) WHERE period IN (${unrecorded.join(', ')})`);
  return {
    rows: new Map(starts.map((s) => [s.period, hashed.get(s.period) ?? classified.get(s.period)!])),
    ridsFrom: new Map(starts.map((s) => [s.period, { value: Number(s.rids_from) }])),
  };
}

/** Clears the records: before any of the tables is touched. */
export const forgetAttributedMonths = (db: Database): Promise<void> => forgetMonths(db, ATTRIBUTED_MONTHS_TABLE);

/**
 * Forgets the attribution of the months classify writes again (`months`, SQL on period; null:
 * every month), inside classify's transaction. Their flow_terminal rows come back without a rep,
 * and only the months attributed again have it filled (fillTerminalRepSteps). Their fingerprints
 * alone might not say so: a run stopped after classify and before its record leaves classify no
 * record, and the next run then writes every month again with the fingerprints it had.
 */
export const forgetAttributionOf = (db: Database, months: string | null): Promise<void> => forgetMonthsOf(db, ATTRIBUTED_MONTHS_TABLE, months);

/** Records every month's fingerprint, once its attributed rows, reassignments, unassigned volume and sums are written. */
export const recordAttributedMonths = (db: Database, plan: MonthPlan): Promise<void> => recordMonths(db, ATTRIBUTED_MONTHS_TABLE, plan);
