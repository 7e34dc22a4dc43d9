/**
 * .xlsx read straight from the zip: the container is vetted first (zip-directory.ts: sizes,
 * zip bombs, corruption), the sheet list comes from workbook.xml (workbook order, not zip order),
 * then each sheet part is inflated and parsed as a stream, so memory stays flat on big books and
 * any sheet can be read without passing the others.
 *
 * Not exceljs's streaming reader: it garbles CJK characters split across inflate chunks
 * (issue #2316) and races on Node ≥ 18 (issue #3064); see xml-scan.ts.
 */
import { InputFileError } from '../errors.js';
import { limitRows } from './limits.js';
import { entryText, loadDateStyles, loadSharedStrings } from './xlsx-parts.js';
import { SheetParser } from './xlsx-sheet.js';
import { readXlsxWorkbook } from './xlsx-workbook.js';
import { XmlTooLargeError } from './xml-scan.js';
import { checkZipBomb, readZipDirectory, verifyInflatedSizes } from './zip-directory.js';
export async function openXlsx(file, size, limits) {
    const entries = readZipDirectory(file, size);
    checkZipBomb(file, size, entries, limits.maxFileBytes);
    const info = readXlsxWorkbook(file, entries);
    await verifyInflatedSizes(file, entries, limits.maxFileBytes);
    const byName = new Map(entries.map((e) => [e.name, e]));
    let context = null;
    // Loaded once, on first use, and shared by the book's sheets.
    const getContext = () => (context ??= (async () => ({
        file,
        sharedStrings: await guardXml(file, loadSharedStrings(file, byName.get('xl/sharedStrings.xml'))),
        dateStyles: await guardXml(file, loadDateStyles(file, byName.get('xl/styles.xml'))),
        date1904: info.date1904,
        limits,
    }))());
    return info.sheets.map((sheet) => ({
        name: sheet.name,
        index: sheet.index,
        rows: () => limitRows(file, streamSheet(file, sheet, byName.get(sheet.path), getContext), limits),
    }));
}
async function guardXml(file, work) {
    try {
        return await work;
    }
    catch (error) {
        if (error instanceof XmlTooLargeError)
            throw new InputFileError(file, `not a valid .xlsx (${error.message})`);
        throw error;
    }
}
async function* streamSheet(file, sheet, entry, getContext) {
    if (!entry)
        throw new InputFileError(file, `not a valid .xlsx (sheet "${sheet.name}" has no part ${sheet.path})`);
    const parser = new SheetParser(await getContext());
    try {
        for await (const text of entryText(file, entry))
            yield* parser.write(text);
        yield* parser.end();
    }
    catch (error) {
        if (error instanceof XmlTooLargeError)
            throw new InputFileError(file, `not a valid .xlsx (${error.message})`);
        throw error;
    }
}
//# sourceMappingURL=xlsx.js.map