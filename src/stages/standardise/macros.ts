import { quoteLiteral, type Database } from '../../db/database.js';
import { TOTAL_MARKER_PATTERN } from './skip-rows.js';

/**
 * Text → typed values, as DuckDB macros, so the same SQL serves rows appended by JavaScript and
 * millions of rows straight from read_csv. Input may not be NFKC-normalised (read_csv output is
 * not), so full-width digits and punctuation are folded here with translate (character-aware).
 * Patterns are RE2; DuckDB string literals keep backslashes as written.
 */

/** Whitespace incl. ideographic space U+3000, NBSP (both in \p{Z}), zero-width space and BOM. */
const WS = String.raw`[\s\p{Z}\x{200B}\x{FEFF}]`;

/** Cells that mean "nothing here" in Chinese exports: `-`, `--`, `/`, `无`, Excel's `#N/A`. */
export const MISSING_TOKENS = ['-', '--', '---', '—', '——', '－', '/', '\\', 'N/A', 'NA', '#N/A', 'NULL', 'NONE', '无', '空'];

/** Full-width forms → ASCII; the three currency signs past the end of `to` are deleted. */
const NUM_FROM = '０１２３４５６７８９．，－＋（）ｅＥ−﹣¥￥$';
const NUM_TO = '0123456789.,-+()eE--';

/**
 * A number, optionally signed, with thousands groups or none, decimals, exponent, then any
 * trailing unit or currency word (`10盒`, `12.5元`, `3支/盒`). Group 1 is the number.
 */
const NUMBER = String.raw`^([+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[\p{L}/]*$`;
/** Accounting negative `(12)` (the full-width form is folded to this first). */
const ACCOUNTING = String.raw`^\((.+)\)([\p{L}/]*)$`;
/** SAP-style trailing minus `12.00-`. */
const TRAILING_MINUS = String.raw`^([\d,]+(?:\.\d*)?)-([\p{L}/]*)$`;

const DATE_FROM = '０１２３４５６７８９／－．：';
const DATE_TO = '0123456789/-.:';
const YEAR = String.raw`((?:19|20|21)\d{2})`;
const TIME = String.raw`(?:(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?`;
/** Year-month-day in that order only: `10/01/2026` is ambiguous between US and European use. */
const DATE_YMD = String.raw`^${YEAR}\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${TIME}$`;
const DATE_COMPACT = String.raw`^${YEAR}(\d{2})(\d{2})${TIME}$`;
/** Excel serial day numbers 20000–80000 (1954–2119), fraction = time of day. */
const EXCEL_SERIAL = String.raw`^(\d{5})(?:\.\d+)?$`;
/** Expiry is often a month: `2028-06`, `2028.6`, `2028年6月`, `202806` = valid through its end. */
const YEAR_MONTH = String.raw`^${YEAR}\s*[-/.年]\s*(\d{1,2})\s*月?$`;
const YEAR_MONTH_COMPACT = String.raw`^${YEAR}(\d{2})$`;

const q = quoteLiteral;
const YMD = `['y', 'm', 'd']`;

export const STANDARDISE_MACROS = `
CREATE OR REPLACE TEMP MACRO df_text(s) AS
  nullif(regexp_replace(regexp_replace(CAST(s AS VARCHAR), ${q(`^${WS}+|${WS}+$`)}, '', 'g'), ${q(`${WS}+`)}, ' ', 'g'), '');

CREATE OR REPLACE TEMP MACRO df_missing(s) AS
  coalesce(upper(df_text(s)) IN (${MISSING_TOKENS.map(q).join(', ')}), true);

CREATE OR REPLACE TEMP MACRO df_num_text(s) AS
  regexp_replace(regexp_replace(
    regexp_replace(translate(CAST(s AS VARCHAR), ${q(NUM_FROM)}, ${q(NUM_TO)}), ${q(`${WS}+`)}, '', 'g'),
    ${q(ACCOUNTING)}, '-\\1\\2'),
    ${q(TRAILING_MINUS)}, '-\\1\\2');

CREATE OR REPLACE TEMP MACRO df_num(s) AS
  try_cast(replace(regexp_extract(df_num_text(s), ${q(NUMBER)}, 1), ',', '') AS DOUBLE);

CREATE OR REPLACE TEMP MACRO df_date_text(s) AS
  df_text(translate(CAST(s AS VARCHAR), ${q(DATE_FROM)}, ${q(DATE_TO)}));

CREATE OR REPLACE TEMP MACRO df_ymd(p) AS
  try_cast(p['y'] || '-' || p['m'] || '-' || p['d'] AS DATE);

CREATE OR REPLACE TEMP MACRO df_serial_date(t) AS
  CASE WHEN try_cast(regexp_extract(t, ${q(EXCEL_SERIAL)}, 1) AS INTEGER) BETWEEN 20000 AND 80000
    THEN DATE '1899-12-30' + CAST(regexp_extract(t, ${q(EXCEL_SERIAL)}, 1) AS INTEGER) END;

CREATE OR REPLACE TEMP MACRO df_date_of_text(t) AS
  coalesce(
    df_ymd(regexp_extract(t, ${q(DATE_YMD)}, ${YMD})),
    df_ymd(regexp_extract(t, ${q(DATE_COMPACT)}, ${YMD})),
    df_serial_date(t));

CREATE OR REPLACE TEMP MACRO df_date(s) AS df_date_of_text(df_date_text(s));

CREATE OR REPLACE TEMP MACRO df_expiry(s) AS
  coalesce(
    df_date(s),
    last_day(try_cast(regexp_extract(df_date_text(s), ${q(YEAR_MONTH)}, 1) || '-' ||
      regexp_extract(df_date_text(s), ${q(YEAR_MONTH)}, 2) || '-01' AS DATE)),
    last_day(try_cast(regexp_extract(df_date_text(s), ${q(YEAR_MONTH_COMPACT)}, 1) || '-' ||
      regexp_extract(df_date_text(s), ${q(YEAR_MONTH_COMPACT)}, 2) || '-01' AS DATE)));

CREATE OR REPLACE TEMP MACRO df_is_total(s) AS
  coalesce(regexp_full_match(lower(regexp_replace(CAST(s AS VARCHAR), ${q(`${WS}+`)}, '', 'g')), ${q(TOTAL_MARKER_PATTERN)}), false);
`;

/**
 * Temp macros: they live with the connection, so a database file never keeps a stale version
 * of them and other tools opening it see no drugflow objects.
 */
export async function installStandardiseMacros(db: Database): Promise<void> {
  for (const statement of STANDARDISE_MACROS.split(';\n').map((s) => s.trim()).filter(Boolean)) {
    await db.run('standardise: install macros', statement);
  }
}
