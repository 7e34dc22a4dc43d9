/**
 * Workbook cell values to the text a person sees, per the RawRow contract in types.ts. Readers
 * hand over raw library values; nothing here parses or guesses types (the standardise stage does).
 */
/** `YYYY-MM-DD`, or with ` HH:MM:SS` when there is a time of day. Workbook dates carry no zone:
 * both libraries build them with UTC components, so UTC getters give back what Excel shows. */
export function formatDate(d) {
    const t = d.getTime();
    if (Number.isNaN(t))
        return '';
    // Serial-to-date arithmetic lands a millisecond off (13:05:14.999); Excel shows whole seconds.
    const r = new Date(Math.round(t / 1000) * 1000);
    const pad = (n, w = 2) => String(n).padStart(w, '0');
    const date = `${pad(r.getUTCFullYear(), 4)}-${pad(r.getUTCMonth() + 1)}-${pad(r.getUTCDate())}`;
    const h = r.getUTCHours();
    const m = r.getUTCMinutes();
    const s = r.getUTCSeconds();
    return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
}
/** JavaScript's shortest round-trip decimal; -0 is shown as Excel shows it. */
export function formatNumber(n) {
    if (Number.isNaN(n))
        return ERROR_TEXT;
    return Object.is(n, -0) ? '0' : String(n);
}
/** An error cell whose code was lost: visibly an error, never a number or an empty cell. */
export const ERROR_TEXT = '#ERROR!';
/** Excel serial day number to a Date with UTC components (1900 or 1904 date system). */
export function excelSerialToDate(serial, date1904) {
    return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}
/** Whether a number format shows a date or time (same rule as exceljs, without regex backtracking). */
export function isDateFormat(fmt) {
    if (!fmt)
        return false;
    let plain = '';
    let skipUntil = '';
    for (const ch of fmt) {
        if (skipUntil) {
            if (ch === skipUntil)
                skipUntil = '';
        }
        else if (ch === '[')
            skipUntil = ']';
        else if (ch === '"')
            skipUntil = '"';
        else
            plain += ch;
    }
    return /[ymdhMsb]/.test(plain);
}
export function sheetjsCellText(cell) {
    if (!cell)
        return '';
    const { t, v } = cell;
    switch (t) {
        case 'd':
            return v instanceof Date ? formatDate(v) : typeof v === 'string' ? v : (cell.w ?? '');
        case 'n':
            return typeof v === 'number' ? formatNumber(v) : (cell.w ?? '');
        case 'b':
            return v ? 'TRUE' : 'FALSE';
        case 'e':
            return cell.w ?? ERROR_TEXT;
        case 'z':
            return '';
        default:
            return v === null || v === undefined ? '' : String(v);
    }
}
/** Drops trailing empty cells: styled-but-empty cells to the sheet's edge are formatting, not data. */
export function trimTrailing(cells) {
    let n = cells.length;
    while (n > 0 && cells[n - 1] === '')
        n--;
    if (n < cells.length)
        cells.length = n;
    return cells;
}
//# sourceMappingURL=cell-text.js.map