import type { Pipeline } from '../../../src/config/workspace.js';
import { Database } from '../../../src/db/database.js';
import { ensureCoreSchema } from '../../../src/db/schema.js';
import { createWorkTableSql } from '../../../src/stages/load/load-batch.js';
import { createStagingTableSql } from '../../../src/stages/load/staging-table.js';
import { installStandardiseMacros } from '../../../src/stages/standardise/macros.js';

/** A sales feed of CSV files with every layout setting on auto: the load tests' common feed. */
export function csvSalesPipeline(feed: string, overrides: Partial<Pipeline> = {}): Pipeline {
  return {
    feed,
    configFile: `pipelines/${feed}.yaml`,
    distributor: 'D9',
    kind: 'sales',
    files: '*.csv',
    format: 'auto',
    encoding: 'auto',
    sheet: undefined,
    headerRow: 'auto',
    cadence: 'monthly',
    columns: {},
    returnDocTypes: [],
    ...overrides,
  };
}

/** An in-memory database with what the loader stages into: core schema, macros, staging and work tables. */
export async function loadTestDatabase(): Promise<Database> {
  const db = await Database.open(':memory:');
  await ensureCoreSchema(db);
  await installStandardiseMacros(db);
  await db.run('staging', createStagingTableSql());
  await db.run('work', createWorkTableSql());
  return db;
}
