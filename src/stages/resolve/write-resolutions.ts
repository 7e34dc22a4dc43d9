import { appendRow, type Database } from '../../db/database.js';

export interface ResolutionUpdate {
  /** The alias key: distributor and raw_name, plus raw_spec/raw_unit/raw_manufacturer for products. */
  key: Record<string, string | null>;
  code?: string | null;
  status?: string;
  method?: string;
  score?: number;
  matchedName?: string | null;
  runnerUpCode?: string | null;
  runnerUpScore?: number | null;
  reason?: string;
  candidates?: string;
  factor?: number | null;
  /** Appended to the existing reason instead of replacing it. */
  reasonSuffix?: string;
}

const TARGET = {
  customer: { table: 'customer_resolutions', keys: ['distributor', 'raw_name'] },
  product: { table: 'product_resolutions', keys: ['distributor', 'raw_name', 'raw_spec', 'raw_unit', 'raw_manufacturer'] },
  'product-factor': { table: 'product_resolutions', keys: ['distributor', 'raw_name', 'raw_spec', 'raw_unit', 'raw_manufacturer'] },
} as const;

/**
 * Writes engine answers back in one statement: appended to a temp table, then one UPDATE …
 * FROM, so thousands of aliases cost one join rather than thousands of statements.
 */
export async function writeResolutions(db: Database, target: keyof typeof TARGET, updates: ResolutionUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const { table, keys } = TARGET[target];
  await db.run(
    'resolution updates',
    `CREATE OR REPLACE TEMP TABLE resolution_updates (${keys.map((k) => `${k} VARCHAR`).join(', ')},
       code VARCHAR, status VARCHAR, method VARCHAR, score DOUBLE, matched_name VARCHAR, runner_up_code VARCHAR,
       runner_up_score DOUBLE, reason VARCHAR, candidates VARCHAR, factor DOUBLE, reason_suffix VARCHAR)`,
  );
  const appender = await db.appender('resolution_updates');
  try {
    for (const u of updates) {
      appendRow(appender, [
        ...keys.map((k) => u.key[k]),
        u.code,
        u.status,
        u.method,
        u.score,
        u.matchedName,
        u.runnerUpCode,
        u.runnerUpScore,
        u.reason,
        u.candidates,
        u.factor,
        u.reasonSuffix,
      ]);
    }
  } finally {
    appender.closeSync();
  }
  const set =
    target === 'product-factor'
      ? `factor = u.factor, reason = coalesce(t.reason, '') || coalesce(u.reason_suffix, '')`
      : `code = u.code, status = u.status, method = u.method, score = u.score, matched_name = u.matched_name,
         runner_up_code = u.runner_up_code, runner_up_score = u.runner_up_score, reason = u.reason, candidates = u.candidates`;
  await db.run(
    `write ${table}`,
    `UPDATE ${table} t SET ${set} FROM resolution_updates u WHERE ${keys.map((k) => `t.${k} IS NOT DISTINCT FROM u.${k}`).join(' AND ')}`,
  );
}
