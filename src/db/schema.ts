import type { Database } from './database.js';

/**
 * Tables that persist between runs. Stage outputs (flows, unresolved, reconciliation) are
 * rebuilt from these each run, so a run is a function of what was loaded: re-running is safe.
 */
export const CORE_SCHEMA = [
  // Unused since file ids became max(file_id) + 1 (see load-stage.ts); kept so the schema of
  // existing databases does not change.
  `CREATE SEQUENCE IF NOT EXISTS file_id_seq START 1`,
  `CREATE TABLE IF NOT EXISTS files (
    file_id INTEGER PRIMARY KEY,
    feed VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    seller_code VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    sheet VARCHAR,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    format VARCHAR,
    encoding VARCHAR,
    header_row INTEGER,
    status VARCHAR NOT NULL,           -- loaded | superseded | duplicate | unreadable
    reason VARCHAR,
    superseded_by INTEGER,
    periods VARCHAR[],
    min_date DATE,
    max_date DATE,
    rows_above_header INTEGER DEFAULT 0,
    rows_read INTEGER DEFAULT 0,       -- rows below the header = loaded + rejected + skipped
    rows_loaded INTEGER DEFAULT 0,
    rows_rejected INTEGER DEFAULT 0,
    rows_skipped INTEGER DEFAULT 0,
    rows_out_of_period INTEGER DEFAULT 0,
    qty_loaded DOUBLE DEFAULT 0,
    run_id VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS std_rows (
    file_id INTEGER NOT NULL,
    feed VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    seller_code VARCHAR NOT NULL,
    sheet VARCHAR,
    source_row INTEGER NOT NULL,
    txn_date DATE,
    period VARCHAR,
    out_of_period BOOLEAN DEFAULT false,
    customer VARCHAR,
    customer_province VARCHAR,
    customer_city VARCHAR,
    customer_county VARCHAR,
    customer_address VARCHAR,
    product VARCHAR,
    spec VARCHAR,
    manufacturer VARCHAR,
    lot VARCHAR,
    expiry DATE,
    production_date DATE,
    qty DOUBLE,
    in_transit DOUBLE,
    unit VARCHAR,
    price DOUBLE,
    amount DOUBLE,
    doc_no VARCHAR,
    doc_type VARCHAR,
    store VARCHAR,
    rep_name VARCHAR,
    remark VARCHAR,
    is_return BOOLEAN DEFAULT false
  )`,
  `CREATE TABLE IF NOT EXISTS rejects (
    file_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR,
    source_row INTEGER NOT NULL,
    "column" VARCHAR,
    reason VARCHAR NOT NULL,
    raw VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    outcome VARCHAR,
    exit_code INTEGER,
    summary JSON
  )`,
];

export async function ensureCoreSchema(db: Database): Promise<void> {
  for (const ddl of CORE_SCHEMA) await db.run('create core schema', ddl);
}
