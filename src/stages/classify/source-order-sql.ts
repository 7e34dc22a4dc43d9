/**
 * Flow rows in source order (period, source file, sheet, source row) without sorting them by file
 * name: each of a month's few thousand (period, source_file, sheet) gets its place in that order,
 * and the rows sort on two integers, that place and their source row. Sorting millions of rows on
 * the name with their columns in tow took twice as long (rid numbering, 3M rows) and spilled; the
 * 10M-row flow_terminal export took 27.9 s that way against 20.6 s on the place. Pure SQL.
 */

/** Each distinct (period, source_file, sheet) of `rows` (a FROM item) with its `place` in source order. */
export function sourceFilePlacesSql(rows: string): string {
  return `SELECT period, source_file, sheet, row_number() OVER (ORDER BY period, source_file, sheet) AS place
    FROM (SELECT DISTINCT period, source_file, sheet FROM ${rows})`;
}

/**
 * Each distinct (period, source_file, sheet) of `rows` with `rows_before`: the sum, over the places
 * before it in source order, of their highest source row. `rows_before + source_row` then numbers
 * every row in source order, unique and increasing, with no window over the rows themselves: the
 * gaps are a file's rows that are not in `rows`. Numbering the 10M-row month's terminal rows with
 * a row_number over (place, source_row), joined back by rowid, took 9 s more than this. BIGINT,
 * as rid was: a sum of integers is a HUGEINT, which Parquet stores as a double.
 */
export function sourceRowNumberBaseSql(rows: string): string {
  return `SELECT period, source_file, sheet,
           coalesce(sum(last_row) OVER (ORDER BY period, source_file, sheet ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::BIGINT AS rows_before
    FROM (SELECT period, source_file, sheet, max(source_row) AS last_row FROM ${rows} GROUP BY ALL)`;
}

/** Row `r` comes from file place `o` (sheet is NULL for a CSV file). */
export function ofSourceFile(o: string, r: string): string {
  return ['period', 'source_file', 'sheet'].map((c) => `${o}.${c} IS NOT DISTINCT FROM ${r}.${c}`).join(' AND ');
}
