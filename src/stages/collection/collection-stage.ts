import type { Pipeline } from '../../config/workspace.js';
import { appendRow, type Database } from '../../db/database.js';
import { COLLECTION_STATUS_SQL, DISTRIBUTORS_WITHOUT_FEED_SQL } from './collection-sql.js';

export interface CollectionSummary {
  as_of: string | null;
  feeds: number;
  /** 采集率: feeds with data in the as-of month / feeds configured. */
  collection_rate: number;
  silent_3_days: string[];
  silent_5_days: string[];
  distributors_without_feed: string[];
}

/** Writes collection_status (per feed) and distributors_without_feed, and sums them up for the run summary. */
export async function runCollectionStage(db: Database, pipelines: Pipeline[]): Promise<CollectionSummary> {
  await db.run('feed config', 'CREATE OR REPLACE TABLE feed_config (feed VARCHAR, kind VARCHAR, seller_code VARCHAR, cadence VARCHAR)');
  const appender = await db.appender('feed_config');
  try {
    for (const p of pipelines) appendRow(appender, [p.feed, p.kind, p.distributor, p.cadence]);
  } finally {
    appender.closeSync();
  }
  await db.run('collection status', COLLECTION_STATUS_SQL);
  await db.run('distributors without feed', DISTRIBUTORS_WITHOUT_FEED_SQL);
  const rows = await db.all<{ feed: string; silent_3_days: boolean; silent_5_days: boolean; received_this_period: boolean | null; as_of: string | null }>(
    'collection summary',
    'SELECT feed, silent_3_days, silent_5_days, received_this_period, as_of FROM collection_status ORDER BY feed',
  );
  const missing = await db.all<{ code: string }>('without feed', 'SELECT code FROM distributors_without_feed ORDER BY code');
  const received = rows.filter((r) => r.received_this_period).length;
  return {
    as_of: rows[0]?.as_of ?? null,
    feeds: rows.length,
    collection_rate: rows.length === 0 ? 0 : Math.round((received / rows.length) * 1e4) / 1e4,
    silent_3_days: rows.filter((r) => r.silent_3_days).map((r) => r.feed),
    silent_5_days: rows.filter((r) => r.silent_5_days).map((r) => r.feed),
    distributors_without_feed: missing.map((m) => m.code),
  };
}
