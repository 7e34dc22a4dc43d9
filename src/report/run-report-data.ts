import type { Database } from '../db/database.js';
import { listRecentRuns, type RunListing } from './run-report-history.js';

export type StatusCount = {
  status: string;
  aliases: number;
  rows: number;
  amount: number;
}

export type BacklogAlias = {
  kind: 'customer' | 'product';
  distributor: string;
  raw_name: string;
  status: string;
  matched_name: string | null;
  score: number | null;
  rows: number;
  amount: number;
}

export type ReasonCount = {
  reason: string;
  rows: number;
  amount: number;
}

export interface ReportData {
  customers: StatusCount[];
  products: StatusCount[];
  backlog: BacklogAlias[];
  collection: { feeds: string[]; days: string[]; counts: Map<string, number> };
  unresolved: ReasonCount[];
  rejects: ReasonCount[];
  terminal: { period: string; channel: string; qty: number; amount: number }[];
  runs: RunListing[];
}

/** At most this many days in the collection heat map, ending on the latest transaction. */
export const HEAT_MAP_DAYS = 92;
export const TOP_N = 10;

/**
 * Everything the run report shows that is not in the run summary, read from the tables the run
 * just wrote. Every query has a total order, so the same database gives the same page.
 */
export async function readReportData(db: Database): Promise<ReportData> {
  const has = async (table: string) => db.tableExists(table);
  const statusCounts = async (table: string) =>
    (await has(table))
      ? numeric(await db.all<StatusCount>(`report: ${table}`, `SELECT status, count(*) AS aliases, coalesce(sum("rows"), 0) AS "rows", coalesce(sum(amount), 0) AS amount FROM ${table} GROUP BY status ORDER BY status`))
      : [];
  const customers = await statusCounts('customer_resolutions');
  const products = await statusCounts('product_resolutions');

  const backlogParts: string[] = [];
  if (await has('customer_resolutions')) backlogParts.push(`SELECT 'customer' AS kind, distributor, raw_name, status, matched_name, score, "rows", amount FROM customer_resolutions WHERE status IN ('review', 'unmatched')`);
  if (await has('product_resolutions')) backlogParts.push(`SELECT 'product' AS kind, distributor, raw_name || coalesce(' ' || raw_spec, '') AS raw_name, status, matched_name, score, "rows", amount FROM product_resolutions WHERE status IN ('review', 'unmatched')`);
  const backlog = backlogParts.length === 0 ? [] : numeric(
    await db.all<BacklogAlias>('report: review backlog', `SELECT kind, distributor, raw_name, status, matched_name, score, coalesce("rows", 0) AS "rows", coalesce(amount, 0) AS amount
       FROM (${backlogParts.join(' UNION ALL ')}) ORDER BY amount DESC, "rows" DESC, kind, distributor, raw_name LIMIT ${TOP_N * 2}`),
  );

  const unresolved = (await has('unresolved_rows'))
    ? numeric(await db.all<ReasonCount>('report: unresolved reasons', `SELECT reason, count(*) AS "rows", coalesce(sum(amount), 0) AS amount FROM unresolved_rows GROUP BY reason ORDER BY "rows" DESC, reason LIMIT ${TOP_N}`))
    : [];
  // Rejects of superseded files no longer count: their rows were replaced by the restatement.
  const rejects = numeric(
    await db.all<ReasonCount>('report: reject reasons', `SELECT r.reason, count(*) AS "rows", 0 AS amount FROM rejects r JOIN files f USING (file_id) WHERE f.status = 'loaded' GROUP BY r.reason ORDER BY "rows" DESC, r.reason LIMIT ${TOP_N}`),
  );
  const terminal = (await has('flow_terminal'))
    ? numeric(await db.all<ReportData['terminal'][number]>('report: terminal trend', `SELECT period, coalesce(channel, 'other') AS channel, coalesce(sum(qty), 0) AS qty, coalesce(sum(amount), 0) AS amount FROM flow_terminal WHERE period IS NOT NULL GROUP BY ALL ORDER BY period, channel`))
    : [];

  return { customers, products, backlog, collection: await readCollection(db), unresolved, rejects, terminal, runs: await listRecentRuns(db, 10) };
}

async function readCollection(db: Database): Promise<ReportData['collection']> {
  const feeds = (await db.all<{ feed: string }>('report: feeds', `SELECT DISTINCT feed FROM files ORDER BY feed`)).map((r) => r.feed);
  const last = await db.value<string | null>('report: last day', `SELECT max(txn_date)::VARCHAR FROM std_rows`);
  if (!last) return { feeds, days: [], counts: new Map() };
  const first = await db.value<string>('report: first day', `SELECT greatest(min(txn_date), $last::DATE - ${HEAT_MAP_DAYS - 1})::VARCHAR FROM std_rows`, { last });
  const cells = await db.all<{ feed: string; day: string; n: number }>(
    'report: rows per feed and day',
    `SELECT feed, txn_date::VARCHAR AS day, count(*) AS n FROM std_rows WHERE txn_date BETWEEN $first::DATE AND $last::DATE GROUP BY ALL ORDER BY feed, day`,
    { first, last },
  );
  const counts = new Map(cells.map((c) => [`${c.feed}|${c.day}`, Number(c.n)] as const));
  return { feeds, days: daysBetween(first, last), counts };
}

export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && days.length < HEAT_MAP_DAYS; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** DuckDB sums come back as numbers or bigints depending on type; the report wants numbers. */
function numeric<T extends object>(rows: T[]): T[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])) as T);
}
