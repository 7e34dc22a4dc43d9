/**
 * "xls" files that are really HTML tables (web ERPs, old report servers). Decoded in memory
 * (they are small next to the file-size limit), then every <table> becomes a sheet.
 */
import { readFileSync } from 'node:fs';
import { InputFileError } from '../errors.js';
import { bomOf, decodeBuffer, firstInvalidUtf8, notUtf8, sniffEncoding } from './decode.js';
import { extractTables, TableTooWideError } from './html-table.js';
import { limitRows } from './limits.js';
/** The charset a page declares in <meta charset=…> or <meta http-equiv … content="…charset=…">. */
export function metaCharset(head) {
    const text = Buffer.from(head.subarray(0, 8192)).toString('latin1');
    const m = /<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]{1,40})/i.exec(text);
    if (!m)
        return null;
    const name = m[1].toLowerCase();
    if (['gbk', 'gb2312', 'gb18030', 'x-gbk', 'cp936', 'windows-936', 'euc-cn', 'hz-gb-2312'].includes(name))
        return 'gb18030';
    if (name === 'utf-8' || name === 'utf8')
        return 'utf-8';
    if (name === 'utf-16' || name === 'utf-16le' || name === 'unicode')
        return 'utf-16le';
    if (name === 'utf-16be')
        return 'utf-16be';
    return null;
}
function hasHighByte(buf) {
    return buf.some((b) => b >= 0x80);
}
/**
 * BOM, then the pipeline's declared encoding, then the page's own meta charset, then sniffing.
 * A page claiming GBK whose bytes are valid non-ASCII UTF-8 is UTF-8 (GBK text practically never
 * is); a page claiming UTF-8 whose bytes are not is sniffed instead of failing.
 */
export function htmlEncoding(file, buf, declared) {
    const bom = bomOf(buf);
    if (bom) {
        if (declared !== 'auto' && declared !== bom.encoding) {
            throw new InputFileError(file, `encoding is declared ${declared} but the file starts with a ${bom.encoding} byte-order mark`);
        }
        return { encoding: bom.encoding, bomLength: bom.length };
    }
    const validUtf8 = firstInvalidUtf8(buf) < 0;
    if (declared === 'utf-8' && !validUtf8)
        throw notUtf8(file, firstInvalidUtf8(buf));
    if (declared !== 'auto')
        return { encoding: declared, bomLength: 0 };
    const meta = metaCharset(buf);
    if (meta === 'gb18030' && !(validUtf8 && hasHighByte(buf)))
        return { encoding: meta, bomLength: 0 };
    if (meta && meta !== 'utf-8' && meta !== 'gb18030')
        return { encoding: meta, bomLength: 0 };
    const sniffed = sniffEncoding(buf.subarray(0, 1 << 20));
    if (sniffed === 'binary')
        throw new InputFileError(file, 'not a text file (HTML that is neither UTF-8 nor GB18030)');
    if (sniffed === 'utf-8' && !validUtf8)
        return { encoding: 'gb18030', bomLength: 0 };
    return { encoding: sniffed, bomLength: 0 };
}
export function openHtml(file, declared, limits) {
    const buf = readFileSync(file);
    const detected = htmlEncoding(file, buf, declared);
    const text = decodeBuffer(file, buf, detected);
    let tables;
    try {
        tables = extractTables(text, { maxColumns: limits.maxColumns });
    }
    catch (error) {
        if (error instanceof TableTooWideError) {
            throw new InputFileError(file, `table ${error.table}, row ${error.row}: more than ${limits.maxColumns} columns (limit ${limits.maxColumns})`);
        }
        throw error;
    }
    if (tables.length === 0)
        throw new InputFileError(file, 'HTML file contains no table rows');
    const sheets = tables.map((table, index) => ({
        name: tables.length === 1 ? 'Sheet1' : `table${index + 1}`,
        index,
        rows: () => limitRows(file, (async function* () {
            for (let r = 0; r < table.rows.length; r++)
                yield { rowNumber: r + 1, cells: table.rows[r] };
        })(), limits),
    }));
    return { encoding: detected.encoding, sheets };
}
//# sourceMappingURL=html.js.map