/**
 * Which reader a file needs, from its first bytes. Extensions lie in this trade: ERPs save HTML
 * tables as ".xls", users rename .xlsx to .xls, and mail gateways wrap anything in anything.
 */
import { InputFileError } from '../errors.js';
import { bomOf, utf16Pattern, looksBinary } from './decode.js';
const ZIP = [0x50, 0x4b, 0x03, 0x04];
// An empty zip (only an end-of-central-directory record) is still a zip, just not a workbook.
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
function startsWith(buf, magic) {
    return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}
/** The head as text good enough to look for markup: UTF-16 decoded, anything else as Latin-1. */
function headText(head) {
    const bom = bomOf(head);
    const wide = bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be' ? bom.encoding : utf16Pattern(head);
    const body = head.subarray(bom?.length ?? 0, 4096);
    if (wide)
        return new TextDecoder(wide).decode(body.subarray(0, body.length & ~1));
    return Buffer.from(body).toString('latin1');
}
/** Skips whitespace and any number of leading `<!-- -->` comments and `<?xml ?>` declarations. */
function firstTag(text) {
    let s = text.replace(/^\uFEFF/, '').trimStart();
    for (let guard = 0; guard < 20; guard++) {
        if (s.startsWith('<!--')) {
            const end = s.indexOf('-->');
            if (end < 0)
                return s;
            s = s.slice(end + 3).trimStart();
        }
        else if (s.startsWith('<?')) {
            const end = s.indexOf('?>');
            if (end < 0)
                return s;
            s = s.slice(end + 2).trimStart();
        }
        else
            break;
    }
    return s.slice(0, 64).toLowerCase();
}
const HTML_STARTS = ['<html', '<!doctype html', '<table', '<meta', '<head', '<body', '<title', '<style', '<div', '<tr'];
/** Format from the first few KB of a file (pure; see `readHead`). */
export function sniffFormat(head) {
    if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY))
        return 'xlsx';
    if (startsWith(head, OLE2))
        return 'xls';
    const text = headText(head);
    const tag = firstTag(text);
    if (tag.startsWith('<')) {
        if (HTML_STARTS.some((t) => tag.startsWith(t)))
            return 'html';
        const lower = text.toLowerCase();
        // Excel 2003 XML Spreadsheet, another thing ERPs call ".xls"; SheetJS reads it.
        if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && !lower.includes('<table'))
            return 'xls';
        if (lower.includes('<table') || lower.includes('<html'))
            return 'html';
    }
    const bom = bomOf(head);
    if (!bom && !utf16Pattern(head) && looksBinary(head))
        return 'binary';
    return 'csv';
}
const DESCRIBE = {
    xlsx: 'a zip container (.xlsx)',
    xls: 'an OLE2/BIFF workbook (.xls)',
    html: 'an HTML table',
    csv: 'plain text (csv)',
    binary: 'binary data',
};
/** Resolves the declared format against the bytes; a contradiction names both. */
export function resolveFormat(file, head, declared) {
    const sniffed = sniffFormat(head);
    if (sniffed === 'binary') {
        throw new InputFileError(file, 'not a text file or workbook (binary content; not CSV, .xlsx, .xls or HTML)');
    }
    if (declared === 'auto' || declared === sniffed)
        return sniffed;
    throw new InputFileError(file, `format is declared ${declared} but the file is ${DESCRIBE[sniffed]} (set format: ${sniffed} or auto)`);
}
/** Password-protected .xlsx files are OLE2 containers holding an EncryptedPackage stream. */
export function isEncryptedOle(buf) {
    const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    return (b.indexOf(Buffer.from('EncryptedPackage', 'utf16le')) >= 0 || b.indexOf(Buffer.from('EncryptionInfo', 'utf16le')) >= 0);
}
//# sourceMappingURL=detect-format.js.map