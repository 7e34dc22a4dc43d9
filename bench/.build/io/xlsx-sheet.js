/**
 * Rows of one worksheet part, parsed from XML text chunks. Cell text follows the RawRow contract:
 * shared/inline strings as stored, numbers via String(n), date-formatted numbers as dates,
 * formulas as their cached result with its type (str/b/e), errors as their code (#N/A).
 */
import { InputFileError } from '../errors.js';
import { excelSerialToDate, formatDate, formatNumber, trimTrailing } from './cell-text.js';
import { XmlScanner, attr } from './xml-scan.js';
/** "BC12" → 55 (1-based column), or 0 when the reference has no letters. */
export function columnOf(ref) {
    let col = 0;
    for (let i = 0; i < ref.length && i < 4; i++) {
        const c = ref.charCodeAt(i) | 0x20;
        if (c < 0x61 || c > 0x7a)
            break;
        col = col * 26 + (c - 0x60);
    }
    return col;
}
export class SheetParser {
    ctx;
    scanner;
    ready = [];
    row = null;
    lastRow = 0;
    cell = null;
    collect = null;
    phonetic = 0;
    constructor(ctx) {
        this.ctx = ctx;
        this.scanner = new XmlScanner({
            open: (name, attrs, selfClosing) => this.open(name, attrs, selfClosing),
            close: (name) => this.close(name),
            text: (text) => this.text(text),
        });
    }
    /** Feeds XML text; returns the rows completed by it. */
    write(text) {
        this.scanner.write(text);
        const out = this.ready;
        this.ready = [];
        return out;
    }
    end() {
        this.scanner.end();
        return this.ready;
    }
    open(name, attrs, selfClosing) {
        if (name === 'row') {
            const r = Number(attr(attrs, 'r'));
            this.lastRow = Number.isInteger(r) && r > 0 ? r : this.lastRow + 1;
            this.row = { number: this.lastRow, cells: [] };
        }
        else if (name === 'c' && this.row) {
            const ref = attr(attrs, 'r');
            const col = ref ? columnOf(ref) : this.row.cells.length + 1;
            const style = Number(attr(attrs, 's') ?? 0);
            this.cell = { col, style, type: attr(attrs, 't') ?? 'n', value: [], inline: [] };
            if (selfClosing)
                this.cell = null;
        }
        else if (this.cell) {
            if (name === 'v')
                this.collect = 'v';
            else if (name === 'rPh')
                this.phonetic++;
            else if (name === 't' && this.phonetic === 0)
                this.collect = 't';
        }
    }
    close(name) {
        if (name === 'v' || name === 't')
            this.collect = null;
        else if (name === 'rPh')
            this.phonetic--;
        else if (name === 'c' && this.cell && this.row) {
            const { cells } = this.row;
            const { col } = this.cell;
            const text = this.cellText(this.cell);
            this.cell = null;
            // Styled empty cells out to the sheet's edge are formatting; only content counts as a column.
            if (text === '')
                return;
            if (col > this.ctx.limits.maxColumns) {
                throw new InputFileError(this.ctx.file, `row ${this.row.number}: a cell in column ${col} (limit ${this.ctx.limits.maxColumns} columns)`);
            }
            while (cells.length < col - 1)
                cells.push('');
            cells[col - 1] = text;
        }
        else if (name === 'row' && this.row) {
            this.ready.push({ rowNumber: this.row.number, cells: trimTrailing(this.row.cells) });
            this.row = null;
        }
    }
    text(text) {
        if (!this.cell || !this.collect)
            return;
        (this.collect === 'v' ? this.cell.value : this.cell.inline).push(text);
    }
    cellText(cell) {
        const v = cell.value.join('');
        switch (cell.type) {
            case 's':
                return this.ctx.sharedStrings[Number(v)] ?? '';
            case 'inlineStr':
                return cell.inline.join('');
            case 'str':
            case 'e':
                return v;
            case 'b':
                return v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : v === '' ? '' : 'FALSE';
            case 'd': {
                const d = new Date(v.endsWith('Z') || v.length <= 10 ? v : `${v}Z`);
                return Number.isNaN(d.getTime()) ? v : formatDate(d);
            }
            default: {
                if (v.trim() === '')
                    return '';
                const n = Number(v);
                if (!Number.isFinite(n))
                    return v;
                return this.ctx.dateStyles[cell.style] ? formatDate(excelSerialToDate(n, this.ctx.date1904)) : formatNumber(n);
            }
        }
    }
}
//# sourceMappingURL=xlsx-sheet.js.map