/**
 * Flow rows in source order (period, source file, sheet, source row) without sorting them by file
 * name: each of a month's few thousand places gets its place in that order, and the rows sort on
 * two integers, that place and their source row. Sorting millions of rows on the name with their
 * columns in tow took twice as long (rid numbering, 3M rows) and spilled; the 10M-row
 * flow_terminal export took 27.9 s that way against 20.6 s on the place. Pure SQL.
 *
 * A place is one loaded file's rows of one period and sheet. Two files may share a path (a
 * distributor that overwrites its daily file, loaded again once its content changes): they are
 * two places, the earlier-loaded first, so that their rows with the same source row neither
 * share a rid nor swap places between two exports.
 */
const PLACE = ['period', 'source_file', 'sheet', 'file_id'];
const PLACE_COLUMNS = PLACE.join(', ');

/** Each place of `rows` (a FROM item) with its `place` number in source order. */
export function sourceFilePlacesSql(rows: string): string {
  return `SELECT ${PLACE_COLUMNS}, row_number() OVER (ORDER BY ${PLACE_COLUMNS}) AS place
    FROM (SELECT DISTINCT ${PLACE_COLUMNS} FROM ${rows})`;
}

/**
 * Each place of `rows` with `rows_before`: the sum, over the places before it in source order, of
 * their highest source row. Source rows count from 1 and name one row of a place, so
 * `rows_before + source_row` numbers every row in source order, unique and increasing, with no
 * window over the rows themselves: the gaps are a file's rows that are not in `rows`. Numbering
 * the 10M-row month's terminal rows with a row_number over (place, source_row), joined back by
 * rowid, took 9 s more than this. BIGINT, as rid was: a sum of integers is a HUGEINT, which
 * Parquet stores as a double.
 */
export function sourceRowNumberBaseSql(rows: string): string {
  return `SELECT ${PLACE_COLUMNS},
           coalesce(sum(last_row) OVER (ORDER BY ${PLACE_COLUMNS} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::BIGINT AS rows_before
    FROM (SELECT ${PLACE_COLUMNS}, max(source_row) AS last_row FROM ${rows} GROUP BY ALL)`;
}

/** Row `r` comes from place `o` (sheet is NULL for a CSV file). */
export function ofSourceFile(o: string, r: string): string {
  return PLACE.map((c) => `${o}.${c} IS NOT DISTINCT FROM ${r}.${c}`).join(' AND ');
}
