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

/** Full-width date digits and separators, and odd spaces, → ASCII (for the slow path only). */
const DATE_FROM = '０１２３４５６７８９／－．：\u3000\u00a0\t';
const DATE_TO = '0123456789/-.:   ';
const YEAR = String.raw`((?:19|20|21)\d{2})`;
const TIME = String.raw`(?:(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?`;
/**
 * Year-month-day in that order only (`10/01/2026` is ambiguous between US and European use):
 * separated `2026-10-1`, `2026/10/01`, `2026.10.01`, `2026年10月1日`, or compact `20261001`,
 * optionally with a time. One regex, two sets of groups: only one set is ever non-empty, so
 * concatenating them yields the match without evaluating the regex twice.
 */
const DATE_YMD = String.raw`^(?:${YEAR}\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|${YEAR}(\d{2})(\d{2}))${TIME}$`;
/** Expiry is often a month: `2028-06`, `2028.6`, `2028年6月`, `202806` = valid through its end. */
const YEAR_MONTH = String.raw`^${YEAR}(?:\s*[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$`;

const q = quoteLiteral;
/** Whitespace df_text must deal with, tested with cheap substring scans before any regex. */
const ODD_WHITESPACE = ['  ', '\u3000', '\u00a0', '\t', '\n', '\r', '\ufeff', '\u200b'];

/*
 * Cost model (1M rows, 2 cores): a regex costs ~0.6 µs per value, building any new string
 * ~0.5 µs, try_cast and contains() ~0.05 µs. So each macro tries a cast or a scan first and
 * falls back to regexes only for the odd value; COALESCE and CASE evaluate lazily in DuckDB.
 */
export const STANDARDISE_MACROS = `
CREATE OR REPLACE TEMP MACRO df_text_slow(s) AS
  nullif(regexp_replace(regexp_replace(s, ${q(`^${WS}+|${WS}+$`)}, '', 'g'), ${q(`${WS}+`)}, ' ', 'g'), '');

CREATE OR REPLACE TEMP MACRO df_text(s) AS
  CASE
    WHEN CAST(s AS VARCHAR) = '' THEN NULL
    WHEN ${ODD_WHITESPACE.map((w) => `contains(CAST(s AS VARCHAR), ${q(w)})`).join(' OR ')}
      OR starts_with(CAST(s AS VARCHAR), ' ') OR ends_with(CAST(s AS VARCHAR), ' ')
      THEN df_text_slow(CAST(s AS VARCHAR))
    ELSE CAST(s AS VARCHAR)
  END;

CREATE OR REPLACE TEMP MACRO df_missing_text(t) AS
  t IS NULL OR (length(t) <= 4 AND upper(t) IN (${MISSING_TOKENS.map(q).join(', ')}));

CREATE OR REPLACE TEMP MACRO df_missing(s) AS df_missing_text(df_text(s));

CREATE OR REPLACE TEMP MACRO df_num_text(s) AS
  regexp_replace(regexp_replace(
    regexp_replace(translate(s, ${q(NUM_FROM)}, ${q(NUM_TO)}), ${q(`${WS}+`)}, '', 'g'),
    ${q(ACCOUNTING)}, '-\\1\\2'),
    ${q(TRAILING_MINUS)}, '-\\1\\2');

CREATE OR REPLACE TEMP MACRO df_plain_number(s) AS
  ltrim(s, '0123456789.') = '' OR (starts_with(s, '-') AND ltrim(substr(s, 2), '0123456789.') = '');

CREATE OR REPLACE TEMP MACRO df_num(s) AS
  coalesce(
    -- try_cast alone would take 'inf', 'NaN', '+-5', '1_000': only plain decimals go the fast way
    CASE WHEN df_plain_number(CAST(s AS VARCHAR)) THEN try_cast(CAST(s AS VARCHAR) AS DOUBLE) END,
    try_cast(replace(regexp_extract(df_num_text(CAST(s AS VARCHAR)), ${q(NUMBER)}, 1), ',', '') AS DOUBLE));

CREATE OR REPLACE TEMP MACRO df_plausible_date(d) AS
  CASE WHEN d BETWEEN DATE '1900-01-01' AND DATE '2199-12-31' THEN d END;

CREATE OR REPLACE TEMP MACRO df_ymd(p) AS
  try_cast(p['y1'] || p['y2'] || '-' || p['m1'] || p['m2'] || '-' || p['d1'] || p['d2'] AS DATE);

CREATE OR REPLACE TEMP MACRO df_date_text(s) AS
  trim(translate(CAST(s AS VARCHAR), ${q(DATE_FROM)}, ${q(DATE_TO)}));

CREATE OR REPLACE TEMP MACRO df_date(s) AS
  coalesce(
    -- ISO-like text as xlsx readers write it: DuckDB's own cast, then a sanity range. The cast
    -- is lenient ('2026-10-01x', '0026-10-01', '2026-10-01 (BC)'), hence the guards.
    CASE WHEN substr(CAST(s AS VARCHAR), 5, 1) IN ('-', '/') AND length(CAST(s AS VARCHAR)) BETWEEN 8 AND 10
      AND ltrim(CAST(s AS VARCHAR), '0123456789-/') = ''
      THEN df_plausible_date(try_cast(CAST(s AS VARCHAR) AS DATE)) END,
    CASE WHEN substr(CAST(s AS VARCHAR), 5, 1) = '-' AND substr(CAST(s AS VARCHAR), 11, 1) = ' '
      AND ltrim(CAST(s AS VARCHAR), '0123456789-: .') = ''
      THEN df_plausible_date(try_cast(left(CAST(s AS VARCHAR), 10) AS DATE)) END,
    -- Excel serial day numbers 20000–80000 (1954–2119), fraction = time of day
    CASE WHEN length(CAST(s AS VARCHAR)) BETWEEN 5 AND 20 AND ltrim(CAST(s AS VARCHAR), '0123456789.') = ''
      AND try_cast(CAST(s AS VARCHAR) AS DOUBLE) >= 20000 AND try_cast(CAST(s AS VARCHAR) AS DOUBLE) < 80001
      THEN DATE '1899-12-30' + CAST(floor(try_cast(CAST(s AS VARCHAR) AS DOUBLE)) AS INTEGER) END,
    df_ymd(regexp_extract(df_date_text(s), ${q(DATE_YMD)}, ['y1', 'm1', 'd1', 'y2', 'm2', 'd2'])));

CREATE OR REPLACE TEMP MACRO df_year_month_end(p) AS
  last_day(try_cast(p['y'] || '-' || p['m1'] || p['m2'] || '-01' AS DATE));

CREATE OR REPLACE TEMP MACRO df_expiry(s) AS
  coalesce(df_date(s), df_year_month_end(regexp_extract(df_date_text(s), ${q(YEAR_MONTH)}, ['y', 'm1', 'm2'])));

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
