/**
 * Rows the loader drops before staging: blank spacer rows and totals rows. They are counted as
 * skipped, not rejected: they never were data.
 */
/**
 * A totals marker, matched against a cell with all whitespace removed (`合  计` is common:
 * centred text padded with spaces) and lower-cased. Written in the syntax common to JavaScript
 * and RE2 so the SQL macro df_is_total uses the very same pattern.
 */
export const TOTAL_MARKER_PATTERN = '^(?:本页|本月|本期|本日|总|全部)?(?:合计|总计|小计|累计)(?:[:：].*)?$|^(?:grand|sub)?total(?:[:：].*)?$';
const TOTAL_MARKER = new RegExp(TOTAL_MARKER_PATTERN, 'u');
const WHITESPACE = /[\s\p{Z}\u200b\ufeff]+/gu;
/** How many leading non-empty cells may carry the marker: totals rows label themselves early. */
const MARKER_CELLS = 3;
export function isTotalMarker(cell) {
    return TOTAL_MARKER.test(cell.normalize('NFKC').replace(WHITESPACE, '').toLowerCase());
}
export function classifySkip(cells) {
    const filled = cells.filter((cell) => cell.replace(WHITESPACE, '') !== '');
    if (filled.length === 0)
        return 'blank';
    return filled.slice(0, MARKER_CELLS).some(isTotalMarker) ? 'total' : null;
}
//# sourceMappingURL=skip-rows.js.map