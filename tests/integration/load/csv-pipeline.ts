import type { Pipeline } from '../../../src/config/workspace.js';

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
