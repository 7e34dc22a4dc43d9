import { quoteIdent } from '../../db/database.js';
import { InputFileError } from '../../errors.js';
import { detectHeader } from '../../io/header.js';
import { openBook } from '../../io/open-book.js';
import { classifySkip } from '../standardise/skip-rows.js';
/** How many rows the header search looks at: title blocks are rarely longer than a dozen rows. */
const HEADER_SEARCH_ROWS = 50;
/**
 * Reads one file of one feed into a staging table of text cells, one column per standard field
 * found in its header. Blank and totals rows are counted and not staged. Any read problem throws
 * InputFileError and leaves nothing behind: the staging table is dropped.
 */
export async function stageFile(db, input) {
    const { fileId, relPath, pipeline } = input;
    const book = await openBook(input.absPath, { format: pipeline.format, encoding: pipeline.encoding, limits: input.limits }).catch((error) => {
        throw asInputError(relPath, error);
    });
    const sheet = pickSheet(book, pipeline, relPath);
    const stagingTable = `stage_${fileId}`;
    try {
        return await stageSheet(db, { fileId, relPath, pipeline, sheet, book, stagingTable });
    }
    catch (error) {
        await db.run('drop staging', `DROP TABLE IF EXISTS ${quoteIdent(stagingTable)}`);
        throw asInputError(relPath, error);
    }
}
async function stageSheet(db, input) {
    const iterator = input.sheet.rows()[Symbol.asyncIterator]();
    const head = [];
    while (head.length < HEADER_SEARCH_ROWS) {
        const next = await iterator.next();
        if (next.done)
            break;
        head.push(next.value);
    }
    if (head.every((r) => classifySkip(r.cells) === 'blank'))
        throw new InputFileError(input.relPath, 'no data: the sheet is empty');
    const header = detectHeader(head, { headerRow: input.pipeline.headerRow, columns: input.pipeline.columns, kind: input.pipeline.kind });
    const fields = Object.keys(header.mapping).sort();
    const columnIndex = fields.map((f) => header.mapping[f]);
    await db.run('create staging', `CREATE OR REPLACE TEMP TABLE ${quoteIdent(input.stagingTable)} (file_id INTEGER, sheet VARCHAR, source_row INTEGER, ${fields
        .map((f) => `${quoteIdent(f)} VARCHAR`)
        .join(', ')})`);
    const appender = await db.appender(input.stagingTable);
    let rowsAboveHeader = 0;
    let rowsRead = 0;
    let rowsSkipped = 0;
    let rowsStaged = 0;
    const take = (row) => {
        if (row.rowNumber <= header.headerRowNumber) {
            rowsAboveHeader++;
            return;
        }
        rowsRead++;
        if (classifySkip(row.cells) !== null) {
            rowsSkipped++;
            return;
        }
        appender.appendInteger(input.fileId);
        appender.appendVarchar(input.sheet.name);
        appender.appendInteger(row.rowNumber);
        for (const index of columnIndex) {
            const cell = row.cells[index];
            // NFKC here because DuckDB has none: full-width digits, letters and brackets become ASCII.
            const text = cell === undefined ? '' : cell.normalize('NFKC').trim();
            if (text === '')
                appender.appendNull();
            else
                appender.appendVarchar(text);
        }
        appender.endRow();
        rowsStaged++;
    };
    try {
        for (const row of head)
            take(row);
        for (let next = await iterator.next(); !next.done; next = await iterator.next())
            take(next.value);
    }
    finally {
        appender.closeSync();
    }
    return {
        stagingTable: input.stagingTable,
        presentFields: fields,
        sheet: input.sheet.name,
        format: input.book.format,
        encoding: input.book.encoding ?? null,
        headerRow: header.headerRowNumber,
        qtyUnitHint: header.unitHints.qty,
        rowsAboveHeader,
        rowsRead,
        rowsSkipped,
        rowsStaged,
    };
}
function pickSheet(book, pipeline, relPath) {
    if (book.sheets.length === 0)
        throw new InputFileError(relPath, 'the workbook has no sheets');
    if (pipeline.sheet === undefined)
        return book.sheets[0];
    const wanted = pipeline.sheet;
    const found = typeof wanted === 'number' ? book.sheets[wanted] : book.sheets.find((s) => s.name.trim() === wanted.trim());
    if (!found) {
        const names = book.sheets.map((s) => `"${s.name}"`).join(', ');
        throw new InputFileError(relPath, `sheet ${typeof wanted === 'number' ? `#${wanted}` : `"${wanted}"`} (${pipeline.configFile}: sheet) not found; sheets are: ${names}`);
    }
    return found;
}
function asInputError(relPath, error) {
    if (error instanceof InputFileError) {
        // Readers name the absolute path; tables and reports use the inbox-relative one.
        return error.file === relPath ? error : new InputFileError(relPath, stripPrefix(error.message, error.file), { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new InputFileError(relPath, message, { cause: error });
}
function stripPrefix(message, file) {
    return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
//# sourceMappingURL=stage-file.js.map