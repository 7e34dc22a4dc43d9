import { writeWorkbook } from '../report/xlsx-writer.js';
import { REVIEW_COLUMNS, SHEET_NAMES } from './review-sheet.js';
const SOURCE = {
    customers: {
        table: 'customer_resolutions',
        keys: 'r.distributor, r.raw_name, r.province, r.city',
        sampleJoin: 's.seller_code = r.distributor AND s.customer = r.raw_name',
    },
    products: {
        table: 'product_resolutions',
        keys: 'r.distributor, r.raw_name, r.raw_spec, r.raw_unit, r.raw_manufacturer',
        sampleJoin: `s.seller_code = r.distributor AND s.product = r.raw_name AND s.spec IS NOT DISTINCT FROM r.raw_spec
                 AND s.unit IS NOT DISTINCT FROM r.raw_unit AND s.manufacturer IS NOT DISTINCT FROM r.raw_manufacturer`,
    },
};
/**
 * The human queue: every alias the engine would not decide alone (review, and unmatched ones a
 * person may still place), highest money first, with context, sample rows and candidates.
 */
export async function exportReviewWorkbook(db, target) {
    const sheets = [];
    const counts = { customers: 0, products: 0 };
    for (const kind of ['customers', 'products']) {
        const src = SOURCE[kind];
        const rows = await db.all(`review ${kind}`, `SELECT ${src.keys}, d.name AS distributor_name, r.rows, r.qty, r.amount, r.status, r.score, r.reason, r.candidates,
              (SELECT string_agg(f.path || ' 第' || s.source_row || '行', '; ' ORDER BY s.file_id, s.source_row)
               FROM (SELECT * FROM std_rows s WHERE ${src.sampleJoin} ORDER BY s.file_id, s.source_row LIMIT 3) s
               JOIN files f USING (file_id)) AS samples
       FROM ${src.table} r LEFT JOIN customers d ON d.code = r.distributor
       WHERE r.status IN ('review', 'unmatched')
       ORDER BY abs(coalesce(r.amount, 0)) DESC, abs(coalesce(r.qty, 0)) DESC, r.distributor, r.raw_name`);
        counts[kind] = rows.length;
        sheets.push({
            name: SHEET_NAMES[kind],
            columns: REVIEW_COLUMNS[kind],
            rows: rows.map((row) => ({ ...row, ...candidateCells(row.candidates) })),
        });
    }
    await writeWorkbook(target, sheets);
    return counts;
}
function candidateCells(json) {
    const cells = {};
    let list = [];
    try {
        list = json ? JSON.parse(json) : [];
    }
    catch {
        list = [];
    }
    list.slice(0, 3).forEach((c, i) => {
        cells[`candidate${i + 1}_code`] = c.code;
        cells[`candidate${i + 1}_name`] = c.name;
        cells[`candidate${i + 1}_score`] = c.score;
    });
    return cells;
}
//# sourceMappingURL=review-export.js.map