import type { Pipeline } from '../../config/workspace.js';
import { appendRow, type Database } from '../../db/database.js';
import { COLLECTION_STATUS_SQL, DISTRIBUTORS_WITHOUT_FEED_SQL } from './collection-sql.js';
import { COLLECTION_PERIODS_SQL, dueDaysOf } from './timeliness-sql.js';

export interface CollectionSummary {
  as_of: string | null;
  feeds: number;
  /** Cadence units (days, weeks, months) the feeds should have sent, from each feed's first data to as_of. */
  periods_expected: number;
  periods_received: number;
  periods_on_time: number;
  /** 采集率: units received / units expected, over all feeds. */
  collection_rate: number;
  /** 及时率: units whose file arrived by its due day / units expected, over all feeds. */
  on_time_rate: number;
  silent_3_days: string[];
  silent_5_days: string[];
  distributors_without_feed: string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1e4) / 1e4);

/** Writes collection_periods, collection_status (per feed) and distributors_without_feed, and sums them up for the run summary. */
export async function runCollectionStage(db: Database, pipelines: Pipeline[]): Promise<CollectionSummary> {
  await db.run('feed config', 'CREATE OR REPLACE TABLE feed_config (feed VARCHAR, kind VARCHAR, seller_code VARCHAR, cadence VARCHAR, due_days DOUBLE)');
  const appender = await db.appender('feed_config');
  try {
    for (const p of pipelines) appendRow(appender, [p.feed, p.kind, p.distributor, p.cadence, dueDaysOf(p)]);
  } finally {
    appender.closeSync();
  }
  await db.run('collection periods', COLLECTION_PERIODS_SQL);
  await db.run('collection status', COLLECTION_STATUS_SQL);
  await db.run('distributors without feed', DISTRIBUTORS_WITHOUT_FEED_SQL);
  const rows = await db.all<{
    feed: string;
    silent_3_days: boolean;
    silent_5_days: boolean;
    as_of: string | null;
    periods_expected: number;
    periods_received: number;
    periods_on_time: number;
  }>('collection summary', 'SELECT feed, silent_3_days, silent_5_days, as_of, periods_expected, periods_received, periods_on_time FROM collection_status ORDER BY feed');
  const missing = await db.all<{ code: string }>('without feed', 'SELECT code FROM distributors_without_feed ORDER BY code');
  const sum = (k: 'periods_expected' | 'periods_received' | 'periods_on_time') => rows.reduce((acc, r) => acc + Number(r[k]), 0);
  const [expected, received, onTime] = [sum('periods_expected'), sum('periods_received'), sum('periods_on_time')];
  return {
    as_of: rows[0]?.as_of ?? null,
    feeds: rows.length,
    periods_expected: expected,
    periods_received: received,
    periods_on_time: onTime,
    collection_rate: ratio(received, expected),
    on_time_rate: ratio(onTime, expected),
    silent_3_days: rows.filter((r) => r.silent_3_days).map((r) => r.feed),
    silent_5_days: rows.filter((r) => r.silent_5_days).map((r) => r.feed),
    distributors_without_feed: missing.map((m) => m.code),
  };
}
