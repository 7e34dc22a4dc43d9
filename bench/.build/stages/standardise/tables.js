import { STANDARD_FIELDS } from '../../config/fields.js';
import { quoteIdent } from '../../db/database.js';
/**
 * The tables around the standardise stage. The loader creates the staging table (one VARCHAR
 * column per field present in the file, named as the field); standardise fills `std_rows` and
 * `rejects`. Every staged row ends in exactly one of the two.
 */
/** Typed standard rows. qty and amount are signed: returns are negative. */
export const STD_ROWS_COLUMNS = [
    ['file_id', 'INTEGER'],
    ['sheet', 'VARCHAR'],
    ['source_row', 'INTEGER'],
    ['txn_date', 'DATE'],
    ['customer', 'VARCHAR'],
    ['customer_province', 'VARCHAR'],
    ['customer_city', 'VARCHAR'],
    ['customer_county', 'VARCHAR'],
    ['customer_address', 'VARCHAR'],
    ['product', 'VARCHAR'],
    ['spec', 'VARCHAR'],
    ['manufacturer', 'VARCHAR'],
    ['lot', 'VARCHAR'],
    ['expiry', 'DATE'],
    ['production_date', 'DATE'],
    ['qty', 'DOUBLE'],
    ['in_transit', 'DOUBLE'],
    ['unit', 'VARCHAR'],
    ['price', 'DOUBLE'],
    ['amount', 'DOUBLE'],
    ['doc_no', 'VARCHAR'],
    ['doc_type', 'VARCHAR'],
    ['store', 'VARCHAR'],
    ['rep_name', 'VARCHAR'],
    ['remark', 'VARCHAR'],
    ['is_return', 'BOOLEAN'],
];
/**
 * One row per rejected staged row: the first problem found. `column` is the standard field at
 * fault; `raw` is a JSON object (as VARCHAR, so it exports to CSV as is) of the row's staged
 * text by field name, e.g. {"date":"2026-13-45","customer":"协和医院","qty":"10"}.
 */
export const REJECTS_COLUMNS = [
    ['file_id', 'INTEGER'],
    ['sheet', 'VARCHAR'],
    ['source_row', 'INTEGER'],
    ['column', 'VARCHAR'],
    ['reason', 'VARCHAR'],
    ['raw', 'VARCHAR'],
];
function createTable(table, columns) {
    const body = columns.map(([name, type]) => `${quoteIdent(name)} ${type}`).join(', ');
    return `CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (${body})`;
}
export function buildStandardiseTablesSql(input) {
    return [createTable(input.outputTable, STD_ROWS_COLUMNS), createTable(input.rejectsTable, REJECTS_COLUMNS)];
}
/** The staging table the loader appends to: ids, then the file's fields as text. */
export function buildStagingTableSql(stagingTable, fields) {
    const ordered = STANDARD_FIELDS.filter((f) => fields.includes(f));
    return createTable(stagingTable, [
        ['file_id', 'INTEGER'],
        ['sheet', 'VARCHAR'],
        ['source_row', 'INTEGER'],
        ...ordered.map((f) => [f, 'VARCHAR']),
    ]);
}
//# sourceMappingURL=tables.js.map