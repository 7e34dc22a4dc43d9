/**
 * The attributed months left as they are. The attribute stage attributes every terminal row
 * again each run, but on a night with history most months come out as they were: attaching a
 * 10M-row month takes ~20 s, and every month the workspace holds paid it every night.
 *
 * A month's attributed rows (flow_terminal_attributed) and reassignments are a function of:
 *   - its terminal rows as the attach reads them (TERMINAL_SOURCE, rid included: a late file of an
 *     earlier month renumbers the later months' rows, and so changes them too);
 *   - the attribution config (assignments, allocation rules) and the customer and product masters;
 *   - the confirmed months (which rows keep their confirmed rep, and where a reassignment is
 *     booked) and the month's confirmation snapshot;
 *   - the code that attributes, and DuckDB's version (its hash() makes the fingerprint).
 * Each month is recorded with a fingerprint of those. A month whose fingerprint is unchanged keeps
 * its rows; the others are attributed again. The records are cleared before either table is
 * touched, so a run killed midway leaves no record of a month it had not finished.
 */
import { createHash } from 'node:crypto';
import { appendRow, type Database } from '../../db/database.js';
import { contentOf, duckdbVersion, periodContents, queryContent } from '../../db/rows-content.js';
import { codeFingerprint } from '../../run/code-fingerprint.js';
import { CONFIRMED_ATTRIBUTION } from '../confirm/attribution-snapshot.js';
import { TERMINAL_SOURCE } from './attribute-sql.js';

export const ATTRIBUTED_MONTHS_TABLE = 'attributed_months';

/** The tables a kept month's rows stay in: without either, every month is attributed. */
const KEPT_IN = ['flow_terminal_attributed', 'reassignment_adjustments'];

/** The code the attributed rows depend on: this folder, the confirmation snapshot, rid's source order, the fingerprint itself. */
const ATTRIBUTION_CODE = { dirs: ['.'], files: ['../confirm/attribution-snapshot', '../classify/source-order-sql', '../../db/rows-content'] };

/** What every month's attribution reads besides its own rows: whole, since any change may move any row. */
const SHARED_INPUTS: Record<string, string> = {
  assignments: 'SELECT * FROM attr_assignments',
  allocation: 'SELECT * FROM attr_allocation',
  customers: 'SELECT * FROM customers',
  products: 'SELECT * FROM products',
};

export interface AttributionPlan {
  /** Each month of flow_terminal, with the fingerprint of what its attribution is made from. */
  fingerprints: Map<string, string>;
  /** The months whose attributed rows and reassignments stand as the last run left them. */
  kept: string[];
}

/** Which months must be attributed this run; `locked` is the confirmed months. */
export async function planAttribution(db: Database, locked: string[]): Promise<AttributionPlan> {
  const shared: unknown[] = [codeFingerprint(import.meta.url, ATTRIBUTION_CODE), await duckdbVersion(db), locked];
  for (const [name, query] of Object.entries(SHARED_INPUTS)) shared.push(name, await queryContent(db, `attribution fingerprint: ${name}`, query));
  const rows = await periodContents(db, 'attribution fingerprint: terminal rows', TERMINAL_SOURCE);
  const confirmed = await periodContents(db, 'attribution fingerprint: confirmed rows', `SELECT * FROM ${CONFIRMED_ATTRIBUTION}`);
  const fingerprints = new Map(
    [...rows].map(([period, content]) => [
      period,
      createHash('sha256')
        .update(JSON.stringify([shared, content, contentOf(confirmed, period)]))
        .digest('hex'),
    ]),
  );
  const last = await lastFingerprints(db);
  for (const table of KEPT_IN) if (!(await db.tableExists(table))) last.clear();
  const kept = [...fingerprints].filter(([period, fingerprint]) => last.get(period) === fingerprint).map(([period]) => period);
  return { fingerprints, kept };
}

/** The fingerprints the last run recorded; none when there are none, or another build wrote them differently. */
async function lastFingerprints(db: Database): Promise<Map<string, string>> {
  if (!(await db.tableExists(ATTRIBUTED_MONTHS_TABLE))) return new Map();
  try {
    const rows = await db.all<{ period: string; fingerprint: string }>('attributed months', `SELECT period, fingerprint FROM ${ATTRIBUTED_MONTHS_TABLE}`);
    return new Map(rows.map((r) => [r.period, r.fingerprint]));
  } catch {
    return new Map();
  }
}

/** Clears the records: before any attributed row is deleted or written. */
export async function forgetAttributedMonths(db: Database): Promise<void> {
  await db.run('attributed months table', `CREATE OR REPLACE TABLE ${ATTRIBUTED_MONTHS_TABLE} (period VARCHAR, fingerprint VARCHAR)`);
}

/** Records every month's fingerprint, once its attributed rows and reassignments are written. */
export async function recordAttributedMonths(db: Database, plan: AttributionPlan): Promise<void> {
  await forgetAttributedMonths(db);
  const appender = await db.appender(ATTRIBUTED_MONTHS_TABLE);
  try {
    for (const [period, fingerprint] of plan.fingerprints) appendRow(appender, [period, fingerprint]);
  } finally {
    appender.closeSync();
  }
}
