/**
 * Rows the loader drops before staging: blank spacer rows and totals rows. They are counted as
 * skipped, not rejected: they never were data.
 */

/**
 * A totals marker, matched against a cell with all whitespace removed (`合  计` is common:
 * centred text padded with spaces) and lower-cased.
 */
const TOTAL_MARKER_PATTERN =
  '^(?:本页|本月|本期|本日|总|全部)?(?:合计|总计|小计|累计)(?:[:：].*)?$|^(?:grand|sub)?total(?:[:：].*)?$';

const TOTAL_MARKER = new RegExp(TOTAL_MARKER_PATTERN, 'u');
const WHITESPACE = /[\s\p{Z}\u200b\ufeff]+/gu;

/** How many leading non-empty cells may carry the marker: totals rows label themselves early. */
const MARKER_CELLS = 3;

export function isTotalMarker(cell: string): boolean {
  return TOTAL_MARKER.test(cell.normalize('NFKC').replace(WHITESPACE, '').toLowerCase());
}

/**
 * Every totals marker holds 计 or the letters of "total" (any case, any width): a cell without
 * them needs no Unicode regex. This runs on every row of every file, so the cheap test matters.
 */
const MAY_BE_MARKER = /计|[tTｔＴ]/;

export function classifySkip(cells: readonly string[]): 'blank' | 'total' | null {
  let seen = 0;
  for (const cell of cells) {
    if (!isFilled(cell)) continue;
    if (MAY_BE_MARKER.test(cell) && isTotalMarker(cell)) return 'total';
    if (++seen === MARKER_CELLS) return null;
  }
  return seen === 0 ? 'blank' : null;
}

/** Not blank: a first character that is plainly not whitespace decides without a regex. */
function isFilled(cell: string): boolean {
  if (cell.length === 0) return false;
  const first = cell.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return true;
  return cell.replace(WHITESPACE, '') !== '';
}

/**
 * False when no way of cutting this CSV line into cells can give a blank or totals row: it has
 * a character that is not whitespace, a quote or the delimiter (so a filled cell), and none of
 * the characters every totals marker holds. The CSV fast path runs classifySkip only on the
 * rest, so it judges rows exactly as the JavaScript path at a fraction of the cost.
 */
export function lineMayBeSkipped(line: string, delimiter: string): boolean {
  if (MAY_BE_MARKER.test(line)) return true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === delimiter || ch === '"') continue;
    if (isFilled(ch)) return false;
  }
  return true;
}
