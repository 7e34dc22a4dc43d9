import type { CustomerQuery } from '../../match/types.js';

/**
 * One row per distinct alias, not per flow row: a month of millions of rows carries only
 * thousands of distinct names. Each row keeps how it was resolved, so any number in a flow
 * table can be explained (method, score, runner-up, reason).
 */
export const RESOLUTION_COLUMNS = `
  code VARCHAR,
  status VARCHAR NOT NULL,          -- auto | review | unmatched | not_ours
  method VARCHAR NOT NULL,          -- dictionary | exact | normalised | fuzzy | none
  score DOUBLE,
  matched_name VARCHAR,
  runner_up_code VARCHAR,
  runner_up_score DOUBLE,
  reason VARCHAR,
  candidates VARCHAR                -- JSON [{code, name, score}], best first
`;

/**
 * The row order each resolutions table is written in (the tiers' INSERT) and its answers are
 * applied in (write-resolutions.ts): an UPDATE whose answers arrive in another order than the
 * table's rows was 100× slower, with nothing to say so. One definition keeps the two in step.
 */
export const RESOLUTION_ORDER = {
  customer: 'distributor, raw_name',
  product: 'distributor, raw_name, raw_spec NULLS FIRST, raw_unit NULLS FIRST, raw_manufacturer NULLS FIRST',
} as const;

export const CUSTOMER_RESOLUTIONS_DDL = `CREATE OR REPLACE TABLE customer_resolutions (
  distributor VARCHAR NOT NULL,
  raw_name VARCHAR NOT NULL,
  province VARCHAR,
  city VARCHAR,
  rows INTEGER,
  qty DOUBLE,
  amount DOUBLE,
  ${RESOLUTION_COLUMNS}
)`;

export const PRODUCT_RESOLUTIONS_DDL = `CREATE OR REPLACE TABLE product_resolutions (
  distributor VARCHAR NOT NULL,
  raw_name VARCHAR NOT NULL,
  raw_spec VARCHAR,
  raw_unit VARCHAR,
  raw_manufacturer VARCHAR,
  rows INTEGER,
  qty DOUBLE,
  amount DOUBLE,
  factor DOUBLE,                    -- standard units per raw unit; NULL when unknown
  ${RESOLUTION_COLUMNS}
)`;

/** The kinds whose `customer` column names a counterparty we must resolve. */
export const KINDS_WITH_COUNTERPARTY = ['sales', 'purchases', 'shipments'];

/** An alias of resolutions table row `r` that the deterministic tiers left for the matching engine. */
export const awaitsEngine = (r: string): string => `${r}.status = 'unmatched' AND ${r}.method = 'none'`;

/**
 * The customer aliases left for the engine, each with the question the engine is asked: its
 * name, its rows' province and city, and its distributor's province and city as context. The
 * resolve stage matches these rows, and an early answer is taken for exactly this question.
 */
export const PENDING_CUSTOMER_QUESTIONS = `SELECT r.distributor, r.raw_name, r.province, r.city, d.province AS ctx_province, d.city AS ctx_city
  FROM customer_resolutions r LEFT JOIN customers d ON d.code = r.distributor
  WHERE ${awaitsEngine('r')}`;

/** A customer question's columns, as PENDING_CUSTOMER_QUESTIONS and the early questions give them (NULL: none). */
export interface CustomerQuestionColumns {
  province?: string | null;
  city?: string | null;
  ctx_province?: string | null;
  ctx_city?: string | null;
}

/** The engine's question about the alias `name` from its question columns. */
export function customerQuestion(name: string, c: CustomerQuestionColumns): CustomerQuery {
  return { name, province: c.province ?? undefined, city: c.city ?? undefined, contextProvince: c.ctx_province ?? undefined, contextCity: c.ctx_city ?? undefined };
}
