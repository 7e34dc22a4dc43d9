import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { pinZipTimes } from './pin-zip-times.js';
/** Fixed workbook times: the same inputs must give the same bytes. */
const WORKBOOK_TIME = new Date(Date.UTC(2000, 0, 1));
/**
 * Text that Excel would run as a formula (= + - @, and tab/CR tricks) gets a leading
 * apostrophe-like quote prefix so it shows as text. Names come from distributors' files.
 */
export function neutraliseFormula(text) {
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
/**
 * A workbook people open in Excel: bold frozen header, autofilter, numbers as numbers, text
 * never executed. Written to a temporary name and renamed.
 */
export async function writeWorkbook(target, sheets) {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'drugflow';
    wb.created = WORKBOOK_TIME;
    wb.modified = WORKBOOK_TIME;
    for (const spec of sheets) {
        const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
        ws.columns = spec.columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
        ws.getRow(1).font = { bold: true };
        for (const row of spec.rows) {
            const values = {};
            for (const c of spec.columns) {
                const v = row[c.key];
                values[c.key] = v === undefined || v === null ? null : typeof v === 'number' ? v : neutraliseFormula(v);
            }
            ws.addRow(values);
        }
        spec.columns.forEach((c, i) => {
            if (c.numFmt)
                ws.getColumn(i + 1).numFmt = c.numFmt;
        });
        if (spec.columns.length > 0)
            ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, spec.rows.length + 1), column: spec.columns.length } };
    }
    const buffer = pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), WORKBOOK_TIME);
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    writeFileSync(tmp, buffer);
    renameSync(tmp, target);
}
//# sourceMappingURL=xlsx-writer.js.map