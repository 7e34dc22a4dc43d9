/**
 * Months of a derived table kept as the last run left them. A stage that rebuilds every month
 * each run records each month with a fingerprint of what its rows are made from; a later run
 * rebuilds only the months whose fingerprint changed (classified-months.ts, attributed-months.ts,
 * rep-performance-months.ts, listed-months.ts).
 * The records are cleared before the stage touches its tables and written once it is done, so a
 * run stopped in between leaves nothing to trust, and the next run rebuilds every month.
 */
import { createHash } from 'node:crypto';
import { appendRow, quoteLiteral, type Database } from './database.js';
import { duckdbVersion, NO_ROWS, type RowsContent } from './rows-content.js';

export interface MonthPlan {
  /** Each month, with the fingerprint of what its rows are made from. */
  fingerprints: Map<string, string>;
  /** The months whose rows stand as the last run left them. */
  kept: string[];
}

/**
 * What one month's rows are made from, in one input: the content of its input rows; the
 * fingerprint another stage recorded for the month, which stands for that stage's rows of it
 * (a stage reading only what an earlier one built need not hash those rows again); or a value
 * its rows depend on (where the month's row numbers start).
 */
export type MonthInput = RowsContent | { builtAs: string } | { value: number | string };

export interface MonthInputs {
  /** What every month's rows depend on (code fingerprint, config, …); DuckDB's version is added. */
  shared: unknown[];
  /** The months, each with its own input. */
  months: Map<string, MonthInput>;
  /** More per-month inputs (a month missing from one counts as having no rows there). */
  perMonth: Map<string, MonthInput>[];
  /** The tables the kept rows are in: if any is missing, no month is kept. */
  keptIn: string[];
}

/** Fingerprints each month and compares it with what `table` recorded last. */
export async function planMonths(db: Database, table: string, inputs: MonthInputs): Promise<MonthPlan> {
  const shared = [...inputs.shared, await duckdbVersion(db)];
  const fingerprints = new Map(
    [...inputs.months].map(([period, content]) => [
      period,
      createHash('sha256')
        .update(JSON.stringify([shared, content, inputs.perMonth.map((m) => m.get(period) ?? NO_ROWS)]))
        .digest('hex'),
    ]),
  );
  const last = await lastFingerprints(db, table);
  for (const t of inputs.keptIn) if (!(await db.tableExists(t))) last.clear();
  const kept = [...fingerprints].filter(([period, fingerprint]) => last.get(period) === fingerprint).map(([period]) => period);
  return { fingerprints, kept };
}

/** SQL true of a row (with a `period`) of a month not in `kept`: what a run rebuilds. */
export function notKeptSql(kept: string[]): string {
  return kept.length === 0 ? 'true' : `(period IS NULL OR period NOT IN (${kept.map(quoteLiteral).join(', ')}))`;
}

/** The months `plan` builds again, as SQL on a `period` column; null when it keeps none, and every month is built anew. */
export function monthsBuiltAgain(plan: MonthPlan): string | null {
  return plan.kept.length > 0 ? notKeptSql(plan.kept) : null;
}

/**
 * The statements that write `rows` to `table`, each named for the log after `step`: the table
 * anew when `months` is null (rows of every month), else the rows of `months` deleted and
 * inserted (`rows` then holds those months' rows only), the kept months' rows left in place.
 */
export function replaceMonthsSteps(step: string, table: string, rows: string, months: string | null): [step: string, sql: string][] {
  return months === null
    ? [[step, `CREATE OR REPLACE TABLE ${table} AS ${rows}`]]
    : [
        [`${step}: months not kept`, `DELETE FROM ${table} WHERE ${months}`],
        [step, `INSERT INTO ${table} BY NAME ${rows}`],
      ];
}

/** Each month as another stage's plan built it: its fingerprint, as an input of a stage that reads those rows. */
export const builtAs = (plan: Pick<MonthPlan, 'fingerprints'>): Map<string, MonthInput> =>
  new Map([...plan.fingerprints].map(([period, fingerprint]) => [period, { builtAs: fingerprint }]));

/** What `table` recorded when its stage last finished; none when there are none, or another build wrote the table differently. */
export async function recordedMonths(db: Database, table: string): Promise<Pick<MonthPlan, 'fingerprints'>> {
  return { fingerprints: await lastFingerprints(db, table) };
}

/** The fingerprints recorded last; none when there are none, or another build wrote the table differently. */
async function lastFingerprints(db: Database, table: string): Promise<Map<string, string>> {
  if (!(await db.tableExists(table))) return new Map();
  try {
    const rows = await db.all<{ period: string; fingerprint: string }>(`${table}: last`, `SELECT period, fingerprint FROM ${table}`);
    return new Map(rows.map((r) => [r.period, r.fingerprint]));
  } catch {
    return new Map();
  }
}

/** Clears the records: before any of the months' rows is deleted or written. */
export async function forgetMonths(db: Database, table: string): Promise<void> {
  await db.run(`${table}: clear`, `CREATE OR REPLACE TABLE ${table} (period VARCHAR, fingerprint VARCHAR)`);
}

/**
 * Forgets what `table` recorded of `months` (SQL on a `period` column; null: every month), if it
 * recorded anything: those months are then built again by the stage that keeps them.
 */
export async function forgetMonthsOf(db: Database, table: string, months: string | null): Promise<void> {
  if (!(await db.tableExists(table))) return;
  try {
    await db.run(`${table}: forget months`, `DELETE FROM ${table} WHERE ${months ?? 'true'}`);
  } catch {
    // written differently by another build (no period column): no record is read from it anyway (lastFingerprints)
    await forgetMonths(db, table);
  }
}

/** Records every month's fingerprint, once the months' rows are all written. */
export async function recordMonths(db: Database, table: string, plan: MonthPlan): Promise<void> {
  await forgetMonths(db, table);
  const appender = await db.appender(table);
  try {
    for (const [period, fingerprint] of plan.fingerprints) appendRow(appender, [period, fingerprint]);
  } finally {
    appender.closeSync();
  }
}
