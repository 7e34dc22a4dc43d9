/**
 * What a set of rows holds, cheaply: their count and the sum of their row hashes, the same in any
 * row order (duplicates counted). Derived data kept between runs (export files, attributed months)
 * is reused when the rows it was made from have the same content. One scan, no sort: 0.4-0.6 s
 * for the 10M month's 8.9M terminal rows.
 */
import type { Database } from './database.js';

export interface RowsContent {
  rows: number;
  hashSum: string;
}

export const NO_ROWS: RowsContent = { rows: 0, hashSum: '0' };

/** Per period of `query` (which has a `period` column): its rows' content, in one scan. Rows without a period are left out. */
export async function periodContents(db: Database, step: string, query: string): Promise<Map<string, RowsContent>> {
  const rows = await db.all<{ period: string | null; n: number | bigint; h: string }>(
    step,
    `SELECT period, count(*) AS n, sum(hash(t)::HUGEINT)::VARCHAR AS h FROM (${query}) t GROUP BY period`,
  );
  return new Map(rows.filter((r) => r.period !== null).map((r) => [r.period!, { rows: Number(r.n), hashSum: r.h }]));
}

/** The content of all the rows of `query`. */
export async function queryContent(db: Database, step: string, query: string): Promise<RowsContent> {
  const row = await db.one<{ n: number | bigint; h: string | null }>(step, `SELECT count(*) AS n, coalesce(sum(hash(q)::HUGEINT), 0)::VARCHAR AS h FROM (${query}) q`);
  return row ? { rows: Number(row.n), hashSum: row.h ?? '0' } : NO_ROWS;
}

/** A period's content from periodContents: NO_ROWS where the period has none. */
export const contentOf = (contents: Map<string, RowsContent>, period: string): RowsContent => contents.get(period) ?? NO_ROWS;

/** DuckDB's version, part of every fingerprint built on hash(): another version may hash the same rows differently. */
export async function duckdbVersion(db: Database): Promise<string> {
  return String(await db.value('duckdb version', 'SELECT version()'));
}
