/**
 * The one entry point for reading a distributor file: sniff the format from its bytes, vet it
 * against the limits, and hand back sheets of raw text rows. Every unreadable-file case leaves
 * here as an InputFileError naming the file and the reason; the run records it and goes on.
 */
import { InputFileError, errorMessage } from '../errors.js';
import { readCsvRows } from './csv.js';
import { detectFileEncoding, readBytes } from './decode.js';
import { isEncryptedOle, resolveFormat } from './detect-format.js';
import { openHtml } from './html.js';
import { checkFileSize, limitRows } from './limits.js';
import { openXls } from './xls.js';
import { openXlsx } from './xlsx.js';
export async function openBook(path, options) {
    try {
        return await open(path, options);
    }
    catch (error) {
        if (error instanceof InputFileError)
            throw error;
        // A library failing on bad input must still read as "this file is unreadable, because …".
        throw new InputFileError(path, `cannot read file: ${errorMessage(error)}`, { cause: error });
    }
}
async function open(file, options) {
    const { limits } = options;
    const size = checkFileSize(file, limits);
    const head = readBytes(file, 0, 8192);
    // Checked before the format: an encrypted .xlsx is an OLE2 file and would otherwise be
    // reported as "declared xlsx but the file is .xls", which sends the user the wrong way.
    if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && isEncryptedOle(readBytes(file, 0, Math.min(size, 4 << 20)))) {
        throw new InputFileError(file, 'password-protected workbook (remove the password and re-save)');
    }
    const format = resolveFormat(file, head, options.format);
    switch (format) {
        case 'csv': {
            const encoding = detectFileEncoding(file, size, options.encoding);
            const sheet = {
                name: 'Sheet1',
                index: 0,
                rows: () => guard(file, limitRows(file, readCsvRows(file, encoding), limits)),
            };
            return { format, encoding: encoding.encoding, sheets: [sheet] };
        }
        case 'html': {
            const { encoding, sheets } = openHtml(file, options.encoding, limits);
            return { format, encoding, sheets };
        }
        case 'xlsx':
            return { format, sheets: guardSheets(file, await openXlsx(file, size, limits)) };
        case 'xls':
            return { format, sheets: guardSheets(file, openXls(file, limits)) };
    }
}
function guardSheets(file, sheets) {
    return sheets.map((s) => ({ name: s.name, index: s.index, rows: () => guard(file, s.rows()) }));
}
/** Row streams fail lazily; this keeps their failures InputFileErrors too. */
async function* guard(file, rows) {
    try {
        yield* rows;
    }
    catch (error) {
        if (error instanceof InputFileError)
            throw error;
        throw new InputFileError(file, `cannot read file: ${errorMessage(error)}`, { cause: error });
    }
}
//# sourceMappingURL=open-book.js.map