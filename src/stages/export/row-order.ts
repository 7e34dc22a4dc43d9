import { quoteLiteral } from '../../db/database.js';
import { ofSourceFile, sourceFilePlacesSql } from '../classify/source-order-sql.js';

/**
 * The order of a table's rows in its exported files: fixed, so that two runs on the same inputs
 * write the same bytes. Sorting is most of a big table's export, so where a cheaper way gives
 * the same order it is taken.
 */
export type RowOrder = { orderBy: string } | typeof AS_STORED | typeof BY_SOURCE;

/**
 * As the table is stored: its writer sorts it in its export order, and the export only scans it.
 * DuckDB returns a scan's rows in insertion order (preserve_insertion_order, which drugflow never
 * turns off), and deleting or updating rows keeps the others in place. Sorting the month's
 * flow_terminal_attributed again took half of its export (8.5 s of the 3M-row month).
 */
export const AS_STORED = 'as stored';

/** By source file, sheet and source row, as a person finds the rows in the inbox (classify/source-order-sql.ts). */
export const BY_SOURCE = 'by source';

/** One period's rows of `table` in `order`. */
export function orderedPeriodRows(table: string, period: string, order: RowOrder): string {
  const rows = `SELECT * FROM ${table} WHERE period = ${quoteLiteral(period)}`;
  if (order === AS_STORED) return rows;
  if (order !== BY_SOURCE) return `${rows} ORDER BY ${order.orderBy}`;
  return `WITH places AS (${sourceFilePlacesSql(`(${rows})`)})
  SELECT t.* FROM (${rows}) t JOIN places o ON ${ofSourceFile('o', 't')}
  ORDER BY o.place, t.source_row`;
}
