import { quoteLiteral, type Database } from '../../db/database.js';
import { DELETED, FOLDED_TO_SPACE } from '../../io/staged-text.js';

/**
 * Text → typed values as DuckDB macros, so the same SQL serves rows appended by JavaScript and
 * millions of rows straight from read_csv. Both loading paths stage text already NFKC'd
 * (io/staged-text.ts; the CSV transcoder normalises each line before read_csv sees it). The
 * full-width folds below (translate, character-aware) predate that and are now only a guard for
 * text staged some other way; what dropping them would save is not measured.
 * Patterns are RE2; DuckDB string literals keep backslashes as written.
 *
 * Cost model, measured on 1M rows (2 cores), which shapes every macro below:
 * - try_cast, contains, strlen/length and a regex on a short ASCII string: 0.05–0.25 µs;
 * - any regex over Unicode classes (\p{Z}, \p{L}) or CJK text: 1–5 µs; translate: ~0.2 µs per
 *   character of its `from` list; upper() or building any long string: ~0.5 µs;
 * - COALESCE and CASE evaluate lazily, AND/OR in a projection do not;
 * - a subexpression repeated inside a macro is hoisted by DuckDB's common-subexpression pass
 *   and evaluated eagerly for every row, even inside a lazy branch. So an expensive expression
 *   appears once: a slow regex both decides and reshapes, on text prefixed with `~`, so a
 *   non-matching value keeps its `~` and fails the final cast.
 * Hence: cheap exact fast paths first, slow regexes only for the odd value.
 */

/**
 * Whitespace df_text folds to a space (the last, the BOM, is deleted): the characters the readers
 * fold (io/staged-text.ts), found with cheap substring scans before any regex. \p{Z} regexes
 * over CJK text cost ~2 µs a value.
 */
const ODD_WHITESPACE = [...FOLDED_TO_SPACE, DELETED];
const ODD_WHITESPACE_TO = ' '.repeat(FOLDED_TO_SPACE.length);

/** Cells that mean "nothing here" in Chinese exports: `-`, `--`, `/`, `无`, Excel's `#N/A`. */
export const MISSING_TOKENS = ['-', '--', '---', '—', '——', '－', '/', '\\', 'N/A', 'NA', '#N/A', 'NULL', 'NONE', '无', '空'];

const MISSING_SPELLINGS = [
  ...new Set(MISSING_TOKENS.flatMap((t) => [t, t.toLowerCase(), t.charAt(0) + t.slice(1).toLowerCase()])),
];

/** Full-width forms → ASCII; the characters past the end of `to` (spaces, ¥) are deleted. */
const NUM_FROM = '０１２３４５６７８９．，－＋（）ｅＥ−﹣\u3000\u00a0¥￥';
const NUM_TO = '0123456789.,-+()eE--';
/**
 * A number: sign, currency sign, thousands groups or none, decimals, exponent, then any trailing
 * unit or currency word (`10盒`, `12.5元`, `3支/盒`) holding no digit (ASCII or full-width),
 * sign or `.,()%`. CJK units match without folding, so translate is the last resort.
 */
const CURRENCY = '(?:\\$|¥|￥)?';
const NUMBER = String.raw`^~ *${CURRENCY} *([+-]?) *${CURRENCY} *((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)((?:[eE][+-]?\d+)?)[^0-9０-９.,+\-()%~]*$`;
/** `1,234.50`: common enough in CSV exports to deserve a fast path. */
const THOUSANDS = String.raw`[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?`;
/** Accounting negative `(12)`, `(1,200.50)元` → `-12`: the inside must be unsigned. */
const ACCOUNTING = String.raw`^ *\( *([^+\-() ][^()]*)\)([^0-9()]*)$`;
/** SAP-style trailing minus `12.00-` → `-12.00`. */
const TRAILING_MINUS = String.raw`^ *([0-9][0-9,]*(?:\.[0-9]*)?) *- *$`;

/** Full-width digits and separators and odd spaces → ASCII, before the slow date regexes. */
const DATE_FROM = '０１２３４５６７８９／－．：\u3000\u00a0\t';
const DATE_TO = '0123456789/-.:   ';
const Y = String.raw`(?:19|20|21)\d{2}`;
/*
 * Date fast paths: a regex on a short ASCII string proves the shape, then DuckDB's cast or a
 * single-format strptime builds the date. The cast alone is lenient ('2026-10-01x',
 * '0026-10-01', '2026-10-01 (BC)'), strptime's %Y%m%d reads '2026101', and strptime with a
 * list of formats costs 8× one format.
 */
const ISO_LIKE = String.raw`${Y}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const DOTTED = String.raw`${Y}\.\d{1,2}\.\d{1,2}`;
const COMPACT = String.raw`${Y}\d{4}`;
const CHINESE = String.raw`${Y}年\d{1,2}月\d{1,2}日`;
/** Excel serial day numbers 20000–80000 (1954–2119); the fraction is the time of day. */
const EXCEL_SERIAL = String.raw`\d{5}(?:\.\d+)?`;
const MONTH = String.raw`${Y}[-/.]\d{1,2}`;
const MONTH_COMPACT = String.raw`${Y}\d{2}`;
/**
 * Everything else the date parser accepts, after folding: year-month-day in that order only
 * (`10/01/2026` is ambiguous between US and European use), separated by `-/.` or 年月日 with
 * optional spaces, or compact, optionally with a time. ASCII classes only: Unicode ones made
 * RE2 five times slower.
 */
const YEAR = `(${Y})`;
const TIME = String.raw`(?:(?: +|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?`;
const DATE_SLOW = String.raw`^~ *(?:${YEAR} *[-/.年] *(\d{1,2}) *[-/.月] *(\d{1,2}) *日?|${YEAR}(\d{2})(\d{2}))${TIME} *$`;
/** Expiry is often a month: `2028-06`, `2028.6`, `2028年6月`, `202806` = valid through its end. */
const YEAR_MONTH_SLOW = String.raw`^~ *${YEAR}(?: *[-/.年] *(\d{1,2}) *月?|(\d{2})) *$`;

const q = quoteLiteral;
const v = (s: string): string => `CAST(${s} AS VARCHAR)`;

export const STANDARDISE_MACROS = `
CREATE OR REPLACE TEMP MACRO df_text(s) AS
  CASE
    WHEN ${v('s')} = '' THEN NULL
    -- odd whitespace (full-width space, NBSP, tabs, line breaks, BOM): to spaces, then as below
    WHEN ${ODD_WHITESPACE.map((w) => `contains(${v('s')}, ${q(w)})`).join(' OR ')}
      THEN nullif(trim(regexp_replace(translate(${v('s')}, ${q(ODD_WHITESPACE.join(''))}, ${q(ODD_WHITESPACE_TO)}), ' {2,}', ' ', 'g')), '')
    WHEN contains(${v('s')}, '  ') THEN nullif(trim(regexp_replace(${v('s')}, ' {2,}', ' ', 'g')), '')
    WHEN starts_with(${v('s')}, ' ') OR ends_with(${v('s')}, ' ') THEN nullif(trim(${v('s')}), '')
    ELSE ${v('s')}
  END;

-- upper() costs ~0.5 µs a value: the tokens are listed in their usual spellings instead. And
-- list_contains, not IN: inside nested CTEs DuckDB turns a long IN list into a join (~0.5 µs).
CREATE OR REPLACE TEMP MACRO df_missing_text(t) AS
  coalesce(list_contains([${MISSING_SPELLINGS.map(q).join(', ')}], t), true);

CREATE OR REPLACE TEMP MACRO df_missing(s) AS df_missing_text(df_text(s));

CREATE OR REPLACE TEMP MACRO df_num_core(x) AS
  try_cast(replace(regexp_replace('~' || x, ${q(NUMBER)}, '\\1\\2\\3'), ',', '') AS DOUBLE);

-- Takes its input once (see the cost model above): for text that had to be translated.
CREATE OR REPLACE TEMP MACRO df_num_read(x) AS
  df_num_core(regexp_replace(regexp_replace(x, ${q(ACCOUNTING)}, '-\\1\\2'), ${q(TRAILING_MINUS)}, '-\\1'));

-- For cheap input: the sign rewrites only run when a parenthesis or trailing minus is there.
CREATE OR REPLACE TEMP MACRO df_num_ascii(x) AS
  CASE WHEN contains(x, '(') OR contains(x, '-') THEN df_num_read(x) ELSE df_num_core(x) END;

CREATE OR REPLACE TEMP MACRO df_finite(x) AS CASE WHEN isfinite(x) THEN x END;

CREATE OR REPLACE TEMP MACRO df_num(s) AS
  coalesce(
    -- DuckDB's cast takes plain numbers, but also 'inf', 'NaN', '+-5' and '1_000'
    CASE WHEN NOT contains(${v('s')}, '_') AND NOT contains(${v('s')}, '+-')
      THEN df_finite(try_cast(${v('s')} AS DOUBLE)) END,
    CASE WHEN regexp_full_match(${v('s')}, ${q(THOUSANDS)}) THEN try_cast(replace(${v('s')}, ',', '') AS DOUBLE) END,
    df_num_ascii(${v('s')}),
    -- full-width digits and punctuation, odd spaces: fold, then read again
    CASE WHEN strlen(${v('s')}) <> length(${v('s')})
      THEN df_num_read(translate(${v('s')}, ${q(NUM_FROM)}, ${q(NUM_TO)})) END);

CREATE OR REPLACE TEMP MACRO df_serial_days(n) AS
  CASE WHEN n >= 20000 AND n < 80001 THEN DATE '1899-12-30' + CAST(floor(n) AS INTEGER) END;

CREATE OR REPLACE TEMP MACRO df_fold_date(s) AS
  CASE WHEN strlen(s) = length(s) THEN s ELSE translate(s, ${q(DATE_FROM)}, ${q(DATE_TO)}) END;

CREATE OR REPLACE TEMP MACRO df_date(s) AS
  coalesce(
    CASE WHEN regexp_full_match(${v('s')}, ${q(ISO_LIKE)}) THEN try_cast(${v('s')} AS DATE) END,
    CASE WHEN regexp_full_match(${v('s')}, ${q(COMPACT)}) THEN CAST(try_strptime(${v('s')}, '%Y%m%d') AS DATE) END,
    CASE WHEN regexp_full_match(${v('s')}, ${q(DOTTED)}) THEN try_cast(replace(${v('s')}, '.', '-') AS DATE) END,
    CASE WHEN regexp_full_match(${v('s')}, ${q(CHINESE)})
      THEN CAST(try_strptime(${v('s')}, '%Y年%m月%d日') AS DATE) END,
    CASE WHEN regexp_full_match(${v('s')}, ${q(EXCEL_SERIAL)}) THEN df_serial_days(try_cast(${v('s')} AS DOUBLE)) END,
    try_cast(regexp_replace('~' || df_fold_date(${v('s')}), ${q(DATE_SLOW)}, '\\1\\4-\\2\\5-\\3\\6') AS DATE));

CREATE OR REPLACE TEMP MACRO df_expiry(s) AS
  coalesce(
    CASE WHEN regexp_full_match(${v('s')}, ${q(MONTH)})
      THEN last_day(try_cast(replace(replace(${v('s')}, '.', '-'), '/', '-') || '-01' AS DATE)) END,
    CASE WHEN regexp_full_match(${v('s')}, ${q(MONTH_COMPACT)})
      THEN last_day(CAST(try_strptime(${v('s')} || '01', '%Y%m%d') AS DATE)) END,
    df_date(s),
    last_day(try_cast(regexp_replace('~' || df_fold_date(${v('s')}), ${q(YEAR_MONTH_SLOW)}, '\\1-\\2\\3-01') AS DATE)));

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
