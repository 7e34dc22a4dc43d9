/**
 * Size limits shared by every reader. A reader calls `checkRow` on each row it yields, so a
 * hostile or broken file fails the same way whatever its format, naming the row and column an
 * analyst can look up.
 */
import { statSync } from 'node:fs';
import { InputFileError } from '../errors.js';
/** Refuses a file before reading it: too big, or nothing in it. Returns its size in bytes. */
export function checkFileSize(file, limits) {
    let size;
    try {
        const st = statSync(file);
        if (!st.isFile())
            throw new InputFileError(file, 'not a regular file');
        size = st.size;
    }
    catch (error) {
        if (error instanceof InputFileError)
            throw error;
        const code = error.code;
        throw new InputFileError(file, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`, {
            cause: error,
        });
    }
    if (size === 0)
        throw new InputFileError(file, 'file is empty');
    if (size > limits.maxFileBytes) {
        throw new InputFileError(file, `file has ${size} bytes (limit ${limits.maxFileBytes})`);
    }
    return size;
}
/** Checks one row against the column, cell and row-count limits; `ordinal` counts rows yielded so far. */
export function checkRow(file, row, ordinal, limits) {
    if (ordinal > limits.maxRows) {
        throw new InputFileError(file, `row ${row.rowNumber}: more than ${limits.maxRows} rows (limit ${limits.maxRows})`);
    }
    if (row.cells.length > limits.maxColumns) {
        throw new InputFileError(file, `row ${row.rowNumber}: ${row.cells.length} columns (limit ${limits.maxColumns})`);
    }
    for (let i = 0; i < row.cells.length; i++) {
        const len = row.cells[i].length;
        if (len > limits.maxCellChars) {
            throw new InputFileError(file, `row ${row.rowNumber}, column ${i + 1}: cell has ${len} characters (limit ${limits.maxCellChars})`);
        }
    }
}
/** Wraps a row stream with the limit checks, so each reader only has to produce rows. */
export async function* limitRows(file, rows, limits) {
    let ordinal = 0;
    for await (const row of rows) {
        ordinal++;
        checkRow(file, row, ordinal, limits);
        yield row;
    }
}
/** Column index from a column count check done before cells are materialised (sparse sheets). */
export function checkColumnIndex(file, rowNumber, column, limits) {
    if (column > limits.maxColumns) {
        throw new InputFileError(file, `row ${rowNumber}: a cell in column ${column} (limit ${limits.maxColumns} columns)`);
    }
}
//# sourceMappingURL=limits.js.map