/**
 * Extracts the cells of every <table> in an HTML document with a single forward scan: no DOM,
 * no backtracking regexes over the untrusted input. Tolerates what ERP "xls" exports do:
 * missing </td> and </tr>, upper-case tags, attributes without quotes, colspan/rowspan.
 */
import { decodeEntities } from './html-entities.js';
export class TableTooWideError extends Error {
    table;
    row;
    columns;
    constructor(table, row, columns) {
        super(`table ${table}, row ${row}: more than ${columns} columns`);
        this.table = table;
        this.row = row;
        this.columns = columns;
    }
}
const BR = '\ue000';
/** Trims what HTML calls whitespace only: U+3000 (ideographic space) is content in Chinese text. */
function asciiTrim(s) {
    const ws = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
    let a = 0;
    let b = s.length;
    while (a < b && ws(s.charCodeAt(a)))
        a++;
    while (b > a && ws(s.charCodeAt(b - 1)))
        b--;
    return s.slice(a, b);
}
/** Whitespace as a browser shows it: runs collapsed, ends trimmed, &nbsp; counted as a space. */
function cellText(raw) {
    const text = decodeEntities(raw.replace(/[ \t\n\r\f]+/g, ' ')).replace(/\u00a0/g, ' ');
    const lines = text.split(BR).map(asciiTrim);
    while (lines.length > 1 && lines[lines.length - 1] === '')
        lines.pop();
    while (lines.length > 1 && lines[0] === '')
        lines.shift();
    return lines.join('\n');
}
function spanValue(attrs, name, max) {
    const m = new RegExp(`(?:^|[\\s"'])${name}\\s*=\\s*["']?\\s*(\\d{1,6})`, 'i').exec(attrs);
    const n = m ? parseInt(m[1], 10) : 1;
    return Math.min(Math.max(n, 1), max);
}
/** End of a tag starting at `lt`, skipping quoted attribute values that may contain '>'. */
function tagEnd(html, lt) {
    let quote = '';
    for (let i = lt + 1; i < html.length; i++) {
        const ch = html[i];
        if (quote) {
            if (ch === quote)
                quote = '';
        }
        else if (ch === '"' || ch === "'") {
            // Only a quote right after '=' (allowing spaces) opens a value; stray quotes do not.
            let j = i - 1;
            while (j > lt && (html[j] === ' ' || html[j] === '\t' || html[j] === '\n' || html[j] === '\r'))
                j--;
            if (html[j] === '=')
                quote = ch;
        }
        else if (ch === '>')
            return i;
    }
    return html.length - 1;
}
export function extractTables(html, limits) {
    const done = [];
    const stack = [];
    let opened = 0;
    const top = () => stack[stack.length - 1];
    const closeCell = (t) => {
        if (!t.cell || !t.row)
            return;
        const { text, colspan, rowspan } = t.cell;
        const col = t.row.length;
        for (let k = 0; k < colspan; k++) {
            t.row.push(k === 0 ? cellText(text) : '');
            if (rowspan > 1)
                t.carry[col + k] = rowspan - 1;
        }
        if (t.row.length > limits.maxColumns)
            throw new TableTooWideError(t.ordinal, t.rows.length + 1, limits.maxColumns);
        t.cell = null;
    };
    const skipOccupied = (t) => {
        if (!t.row)
            return;
        while (t.occupied[t.row.length])
            t.row.push('');
    };
    const closeRow = (t) => {
        closeCell(t);
        if (t.row)
            t.rows.push(t.row);
        t.row = null;
    };
    const openRow = (t) => {
        closeRow(t);
        t.row = [];
        t.occupied = t.carry.map((n) => n > 0);
        t.carry = t.carry.map((n) => Math.max(0, n - 1));
    };
    const closeTable = () => {
        const t = stack.pop();
        if (!t)
            return;
        closeRow(t);
        if (t.rows.length > 0)
            done.push({ ordinal: t.ordinal, rows: t.rows });
    };
    let i = 0;
    while (i < html.length) {
        const lt = html.indexOf('<', i);
        const textEnd = lt < 0 ? html.length : lt;
        const t = top();
        if (t?.cell && textEnd > i)
            t.cell.text += html.slice(i, textEnd);
        if (lt < 0)
            break;
        const next = html.charCodeAt(lt + 1);
        if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
            // Comments, doctype, processing instructions: skipped whole.
            const close = html.startsWith('<!--', lt) ? '-->' : '>';
            const end = html.indexOf(close, lt + 2);
            i = end < 0 ? html.length : end + close.length;
            continue;
        }
        const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 40));
        if (!m) {
            // A '<' that starts no tag ("<5mg") is text, as in a browser.
            if (t?.cell)
                t.cell.text += '<';
            i = lt + 1;
            continue;
        }
        const end = tagEnd(html, lt);
        i = end + 1;
        const closing = m[1] === '/';
        const name = m[2].toLowerCase();
        if (!closing && (name === 'script' || name === 'style')) {
            const close = new RegExp(`</${name}\\s*>`, 'gi');
            close.lastIndex = i;
            i = close.exec(html) ? close.lastIndex : html.length;
            continue;
        }
        const cur = top();
        if (name === 'table') {
            if (closing)
                closeTable();
            else
                stack.push({ ordinal: ++opened, rows: [], row: null, carry: [], occupied: [], cell: null });
        }
        else if (name === 'tr') {
            if (cur)
                closing ? closeRow(cur) : openRow(cur);
        }
        else if (name === 'td' || name === 'th') {
            if (!cur)
                continue;
            if (closing) {
                closeCell(cur);
                continue;
            }
            if (!cur.row)
                openRow(cur);
            closeCell(cur);
            skipOccupied(cur);
            const attrs = html.slice(lt + m[0].length, end);
            cur.cell = { text: '', colspan: spanValue(attrs, 'colspan', 1000), rowspan: spanValue(attrs, 'rowspan', 65534) };
        }
        else if (name === 'br' && cur?.cell) {
            cur.cell.text += BR;
        }
        else if ((name === 'p' || name === 'div') && closing && cur?.cell) {
            cur.cell.text += BR;
        }
    }
    while (stack.length > 0)
        closeTable();
    return done.sort((a, b) => a.ordinal - b.ordinal).map(({ rows }) => ({ rows }));
}
//# sourceMappingURL=html-table.js.map