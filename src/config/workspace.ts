import type { DatabaseSettings } from '../db/database.js';
import type { Attribution } from './attribution-schemas.js';
import type { FeedKind, StandardField } from './fields.js';
import type { CustomerAliasRow, CustomerRow, NotOursRow, ProductAliasRow, ProductRow } from './mapping-schemas.js';
import type { FileFormat, ReadLimits, TextEncoding } from '../io/types.js';
import type { MatchThresholds } from '../match/types.js';
import type { ReconcileOptions } from '../stages/reconcile/reconcile-options.js';

/** One feed, validated and resolved: everything the loader needs to read its files. */
export interface Pipeline {
  feed: string;
  /** pipelines/<name>.yaml, relative to the workspace, for messages. */
  configFile: string;
  /** The seller's code: the distributor for sales/purchases/inventory/retail, our company for shipments. */
  distributor: string;
  kind: FeedKind;
  files: string;
  format: FileFormat | 'auto';
  encoding: TextEncoding | 'auto';
  sheet: string | number | undefined;
  headerRow: 'auto' | number;
  cadence: 'daily' | 'weekly' | 'monthly';
  /** Days after a cadence unit ends by which its file is due (及时率); undefined = the cadence's default. */
  dueDays?: number;
  columns: Partial<Record<StandardField, string | string[]>>;
  returnDocTypes: string[];
}

export interface Mappings {
  customers: CustomerRow[];
  products: ProductRow[];
  customerAliases: CustomerAliasRow[];
  productAliases: ProductAliasRow[];
  notOurs: NotOursRow[];
}

export interface Gates {
  maxRejectShare: number;
  maxUnreadableFiles: number;
}

export interface Workspace {
  root: string;
  databasePath: string;
  inboxDir: string;
  outDir: string;
  mappingsDir: string;
  company: { code: string; name: string };
  limits: ReadLimits;
  /** DuckDB settings from drugflow.yaml `limits` (memory_mb, threads); absent: the defaults. */
  database?: DatabaseSettings;
  /** Overrides of the engine's thresholds; empty means the measured defaults. */
  matching: { customers: Partial<MatchThresholds>; products: Partial<MatchThresholds> };
  gates: Gates;
  reconcile: ReconcileOptions;
  /** drugflow.yaml `export`; absent: the defaults (CSV up to Excel's row limit). */
  export?: { csvMaxRows: number | null };
  pipelines: Pipeline[];
  mappings: Mappings;
  /** 客户分管, 指标, 提成 and allocation rules; optional so hand-built workspaces in tests need none. */
  attribution?: Attribution;
}
