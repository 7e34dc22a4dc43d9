import { quoteLiteral } from '../../db/database.js';

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

/**
 * By source file, sheet and source row, as a person finds the rows in the inbox. Sorted on two
 * integers (the place of the row's file and sheet among the period's few thousand, then the row)
 * instead of on the file name: the 10M-row month's flow_terminal export took 20.6 s instead of
 * 27.9 s (10.2 s unsorted).
 */
export const BY_SOURCE = 'by source';

/** One period's rows of `table` in `order`. */
export function orderedPeriodRows(table: string, period: string, order: RowOrder): string {
  const inPeriod = `period = ${quoteLiteral(period)}`;
  if (order === AS_STORED) return `SELECT * FROM ${table} WHERE ${inPeriod}`;
  if (order !== BY_SOURCE) return `SELECT * FROM ${table} WHERE ${inPeriod} ORDER BY ${order.orderBy}`;
  return `WITH file_order AS (
    SELECT source_file, sheet, row_number() OVER (ORDER BY source_file, sheet) AS place
    FROM (SELECT DISTINCT source_file, sheet FROM ${table} WHERE ${inPeriod}))
  SELECT t.* FROM ${table} t
  JOIN file_order o ON o.source_file IS NOT DISTINCT FROM t.source_file AND o.sheet IS NOT DISTINCT FROM t.sheet
  WHERE t.${inPeriod}
  ORDER BY o.place, t.source_row`;
}
