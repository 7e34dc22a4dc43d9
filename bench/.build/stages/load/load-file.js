import { REQUIRED_FIELDS } from '../../config/fields.js';
import { buildStandardiseSql } from '../standardise/standardise-sql.js';
import { dateFromFileName } from '../discover/file-identity.js';
import { cadenceUnitSql, coveredUnits } from './periods.js';
const STD_TMP = 'std_tmp';
const REJECTS_TMP = 'rejects_tmp';
/**
 * Standardises a staged file and commits it in one transaction: its rows, its rejects, its
 * `files` record and the restatement of earlier files of the same feed and period. All or none.
 */
export async function loadStagedFile(db, record, staged) {
    const { pipeline } = record;
    await db.run('create std temp', `CREATE OR REPLACE TEMP TABLE ${STD_TMP} AS SELECT * EXCLUDE (feed, kind, seller_code, period, out_of_period) FROM std_rows LIMIT 0`);
    await db.run('create rejects temp', `CREATE OR REPLACE TEMP TABLE ${REJECTS_TMP} AS SELECT * EXCLUDE (source_file) FROM rejects LIMIT 0`);
    const built = buildStandardiseSql({
        stagingTable: staged.stagingTable,
        outputTable: STD_TMP,
        rejectsTable: REJECTS_TMP,
        fileId: record.fileId,
        presentFields: staged.presentFields,
        requiredFields: REQUIRED_FIELDS[pipeline.kind],
        returnsDocTypes: pipeline.returnDocTypes,
        defaultUnit: staged.qtyUnitHint,
    });
    for (const sql of built.sql)
        await db.run(`standardise ${record.relPath}`, sql);
    await fillUndatedRows(db, record);
    const unit = cadenceUnitSql(pipeline.cadence, 'txn_date');
    const unitCounts = await db.all('count periods', `SELECT ${unit} AS unit, count(*) AS n FROM ${STD_TMP} WHERE txn_date IS NOT NULL GROUP BY 1`);
    const units = coveredUnits(unitCounts);
    const monthCounts = await db.all('count months', `SELECT strftime(txn_date, '%Y-%m') AS unit, count(*) AS n FROM ${STD_TMP} WHERE txn_date IS NOT NULL GROUP BY 1`);
    const periods = coveredUnits(monthCounts);
    return db.transaction(`load ${record.relPath}`, async () => {
        const superseded = await supersedeEarlierFiles(db, record, staged.sheet, units);
        await db.run('insert std_rows', `INSERT INTO std_rows BY NAME
       SELECT *, $feed AS feed, $kind AS kind, $seller AS seller_code,
              strftime(txn_date, '%Y-%m') AS period,
              strftime(txn_date, '%Y-%m') <> ALL(from_json($periods, '["VARCHAR"]')) AS out_of_period
       FROM ${STD_TMP}`, { feed: pipeline.feed, kind: pipeline.kind, seller: pipeline.distributor, periods: listValue(periods) });
        await db.run('insert rejects', `INSERT INTO rejects BY NAME SELECT *, $path AS source_file FROM ${REJECTS_TMP}`, { path: record.relPath });
        const stats = await db.one('file stats', `SELECT count(*) AS loaded, count(*) FILTER (WHERE out_of_period) AS oop, coalesce(sum(qty), 0) AS qty,
              min(txn_date) AS min_date, max(txn_date) AS max_date
       FROM std_rows WHERE file_id = $id`, { id: record.fileId });
        const rejected = Number(await db.value('count rejects', `SELECT count(*) FROM ${REJECTS_TMP}`));
        await insertFileRecord(db, record, staged, {
            status: 'loaded',
            reason: superseded.length ? `restates ${superseded.map((s) => s.path).join(', ')}` : null,
            periods,
            minDate: stats?.min_date ?? null,
            maxDate: stats?.max_date ?? null,
            rowsLoaded: Number(stats?.loaded ?? 0),
            rowsRejected: rejected,
            rowsOutOfPeriod: Number(stats?.oop ?? 0),
            qtyLoaded: Number(stats?.qty ?? 0),
        });
        return {
            rowsLoaded: Number(stats?.loaded ?? 0),
            rowsRejected: rejected,
            rowsOutOfPeriod: Number(stats?.oop ?? 0),
            qtyLoaded: Number(stats?.qty ?? 0),
            periods,
            superseded,
        };
    });
}
/** Inventory snapshots often carry no date column: the date in the file name is the snapshot date. */
async function fillUndatedRows(db, record) {
    const fromName = dateFromFileName(record.relPath);
    if (fromName) {
        await db.run('date from file name', `UPDATE ${STD_TMP} SET txn_date = $d::DATE WHERE txn_date IS NULL`, { d: fromName });
    }
    await db.run('reject undated rows', `INSERT INTO ${REJECTS_TMP} BY NAME
     SELECT file_id, sheet, source_row, 'date' AS "column", 'date: no date in the row or in the file name' AS reason, NULL AS raw
     FROM ${STD_TMP} WHERE txn_date IS NULL`);
    await db.run('drop undated rows', `DELETE FROM ${STD_TMP} WHERE txn_date IS NULL`);
}
/**
 * A restatement replaces, never adds: earlier loaded files of the same feed whose restatement
 * units (days, weeks or months by cadence) lie within this file's are superseded whole; files
 * that overlap only partly lose their rows in the overlapping units.
 */
async function supersedeEarlierFiles(db, record, sheet, units) {
    if (units.length === 0)
        return [];
    const unitSql = cadenceUnitSql(record.pipeline.cadence, 'txn_date');
    const rowUnit = cadenceUnitSql(record.pipeline.cadence, 's.txn_date');
    const earlier = await db.all('find restated files', `SELECT f.file_id, f.path, list(DISTINCT ${rowUnit} ORDER BY ${rowUnit}) AS units
     FROM files f JOIN std_rows s USING (file_id)
     WHERE f.feed = $feed AND f.status = 'loaded' AND coalesce(f.sheet, '') = coalesce($sheet, '') AND NOT s.out_of_period
     GROUP BY f.file_id, f.path
     HAVING list_has_any(list(DISTINCT ${rowUnit}), from_json($units, '["VARCHAR"]'))
     ORDER BY f.file_id`, { feed: record.pipeline.feed, sheet, units: listValue(units) });
    const out = [];
    for (const old of earlier) {
        const partial = !old.units.every((u) => units.includes(u));
        if (partial) {
            await db.run('restate part of a file', `DELETE FROM std_rows WHERE file_id = $id AND ${unitSql} = ANY(from_json($units, '["VARCHAR"]'))`, {
                id: old.file_id,
                units: listValue(units),
            });
        }
        else {
            await db.run('restate a file', `DELETE FROM std_rows WHERE file_id = $id`, { id: old.file_id });
            await db.run('restate rejects', `DELETE FROM rejects WHERE file_id = $id`, { id: old.file_id });
            await db.run('mark superseded', `UPDATE files SET status = 'superseded', superseded_by = $by WHERE file_id = $id`, {
                id: old.file_id,
                by: record.fileId,
            });
        }
        out.push({ fileId: old.file_id, path: old.path, partial });
    }
    return out;
}
function sheetName(record) {
    const s = record.pipeline.sheet;
    return s === undefined ? null : String(s);
}
export async function insertFileRecord(db, record, staged, outcome) {
    await db.run('record file', `INSERT INTO files (file_id, feed, kind, seller_code, path, sheet, sha256, size_bytes, format, encoding, header_row, status, reason,
       periods, min_date, max_date, rows_above_header, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_out_of_period, qty_loaded, run_id)
     VALUES ($id, $feed, $kind, $seller, $path, $sheet, $sha, $size, $format, $encoding, $header, $status, $reason,
       from_json($periods, '["VARCHAR"]'), $min::DATE, $max::DATE, $above, $read, $loaded, $rejected, $skipped, $oop, $qty, $run)`, {
        id: record.fileId,
        feed: record.pipeline.feed,
        kind: record.pipeline.kind,
        seller: record.pipeline.distributor,
        path: record.relPath,
        sheet: staged?.sheet ?? sheetName(record),
        sha: record.sha256,
        size: record.sizeBytes,
        format: staged?.format ?? null,
        encoding: staged?.encoding ?? null,
        header: staged?.headerRow ?? null,
        status: outcome.status,
        reason: outcome.reason,
        periods: listValue(outcome.periods ?? []),
        min: outcome.minDate ?? null,
        max: outcome.maxDate ?? null,
        above: staged?.rowsAboveHeader ?? 0,
        read: staged?.rowsRead ?? 0,
        loaded: outcome.rowsLoaded ?? 0,
        rejected: outcome.rowsRejected ?? 0,
        skipped: staged?.rowsSkipped ?? 0,
        oop: outcome.rowsOutOfPeriod ?? 0,
        qty: outcome.qtyLoaded ?? 0,
        run: record.runId,
    });
}
function listValue(values) {
    return JSON.stringify(values);
}
//# sourceMappingURL=load-file.js.map