/**
 * Streams one zip entry of an .xlsx as text, and loads the two parts every sheet needs: shared
 * strings and the cell formats that say which numbers are dates.
 */
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { InputFileError } from '../errors.js';
import { isDateFormat } from './cell-text.js';
import { XmlScanner, attr } from './xml-scan.js';
import { dataOffset } from './zip-directory.js';
/** An entry's XML as text chunks, decoded with `stream: true` so no character is ever split. */
export async function* entryText(file, entry) {
    const start = dataOffset(file, entry);
    if (entry.compressedSize === 0)
        return;
    const source = createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
    const inflater = entry.method === 8 ? createInflateRaw({ chunkSize: 256 * 1024 }) : null;
    source.on('error', (e) => inflater?.destroy(e));
    let decoder = null;
    try {
        for await (const chunk of (inflater ? source.pipe(inflater) : source)) {
            // XML parts are UTF-8 unless a byte-order mark says UTF-16; fatal: never invent characters.
            decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8', { fatal: true });
            yield decoder.decode(chunk, { stream: true });
        }
        if (decoder)
            yield decoder.decode();
    }
    catch (error) {
        if (error instanceof InputFileError)
            throw error;
        throw new InputFileError(file, `not a valid .xlsx (${entry.name} cannot be read: ${error.message})`, {
            cause: error,
        });
    }
    finally {
        source.destroy();
        inflater?.destroy();
    }
}
async function scanEntry(file, entry, scanner) {
    for await (const text of entryText(file, entry))
        scanner.write(text);
    scanner.end();
}
/** Shared strings in order; rich-text runs joined, phonetic guides (<rPh>) left out. */
export async function loadSharedStrings(file, entry) {
    const strings = [];
    if (!entry)
        return strings;
    let current = null;
    let inText = false;
    let phonetic = 0;
    await scanEntry(file, entry, new XmlScanner({
        open(name) {
            if (name === 'si')
                current = [];
            else if (name === 'rPh')
                phonetic++;
            else if (name === 't' && phonetic === 0)
                inText = true;
        },
        close(name) {
            if (name === 'si') {
                strings.push(current ? current.join('') : '');
                current = null;
            }
            else if (name === 'rPh')
                phonetic--;
            else if (name === 't')
                inText = false;
        },
        text(text) {
            if (inText && current)
                current.push(text);
        },
    }));
    return strings;
}
/** Built-in number formats that show dates or times (ids 27-36 and 50-58 are the CJK date formats). */
function builtInDateFormat(id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}
/** For each cell style index (the `s` attribute of a cell): does it format numbers as dates? */
export async function loadDateStyles(file, entry) {
    if (!entry)
        return [];
    const formats = new Map();
    const xfFormats = [];
    let inCellXfs = false;
    await scanEntry(file, entry, new XmlScanner({
        open(name, attrs) {
            if (name === 'numFmt')
                formats.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
            else if (name === 'cellXfs')
                inCellXfs = true;
            else if (name === 'xf' && inCellXfs)
                xfFormats.push(Number(attr(attrs, 'numFmtId') ?? 0));
        },
        close(name) {
            if (name === 'cellXfs')
                inCellXfs = false;
        },
        text() { },
    }));
    return xfFormats.map((id) => (formats.has(id) ? isDateFormat(formats.get(id)) : builtInDateFormat(id)));
}
//# sourceMappingURL=xlsx-parts.js.map