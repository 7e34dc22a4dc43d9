import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { UsageError } from '../errors.js';
import { neutraliseFormula, writeWorkbook, type CellValue, type SheetSpec } from '../report/xlsx-writer.js';
import { BI_SUMMARY } from '../stages/attribute/attribute-sql.js';
import { copyToParquet, ensureDir } from '../stages/export/copy-files.js';
import { adjustmentsSheet, CSV_SLUGS, detailSheet, repSheet, sheetCsv, skuSheet, territorySheet, unassignedSheet, SHEET_NAMES } from './finance-sheets.js';

export type FinanceFormat = 'xlsx' | 'csv' | 'parquet';
export const FINANCE_FORMATS: FinanceFormat[] = ['xlsx', 'csv', 'parquet'];

type Row = Record<string, CellValue>;

const QUERIES: Record<keyof typeof SHEET_NAMES, string> = {
  rep: `SELECT * FROM rep_group_performance WHERE period = $p ORDER BY rep_code, product_group`,
  sku: `SELECT * FROM rep_performance WHERE period = $p ORDER BY rep_code, product_group, sku NULLS LAST`,
  territory: `SELECT * FROM territory_performance WHERE period = $p ORDER BY territory`,
  detail: `SELECT t.period, strftime(t.txn_date, '%Y-%m-%d') AS txn_date, t.seller_code, s.name AS seller_name, t.buyer_code, t.buyer_name,
                  t.buyer_type, t.buyer_province AS province, t.buyer_city AS city, t.sku, p.name AS product_name, t.product_group, t.lot,
                  t.qty, t.amount, CASE WHEN t.is_return THEN '是' ELSE '否' END AS is_return, t.rep_code, t.rep_name, t.territory, t.manager,
                  t.assignment_rule, t.source_file, t.source_row
           FROM flow_terminal_attributed t LEFT JOIN customers s ON s.code = t.seller_code LEFT JOIN products p ON p.sku = t.sku
           WHERE t.period = $p ORDER BY t.rid`,
  unassigned: `SELECT * FROM unassigned_volume WHERE period = $p ORDER BY buyer_code, seller_code, sku`,
  // Terminal corrections as they count for reps (restatements and reassignments), then the other levels' as they stand.
  adjustments: `SELECT 'terminal' AS level, CASE kind WHEN 'restatement' THEN '补传/重报' ELSE '改派' END AS kind, period, booked_in, seller_code, buyer_code,
                  sku, qty, amount, rep_code, assignment_rule, source_file, source_row
           FROM booked_adjustments WHERE booked_in = $p
           UNION ALL
           SELECT level, '补传/重报', period, booked_in, seller_code, buyer_code, sku, qty, amount, NULL, NULL, NULL, NULL
           FROM adjustments WHERE level <> 'terminal' AND booked_in = $p
           ORDER BY level, kind, period, seller_code, buyer_code, sku, rep_code, qty`,
};

const REQUIRED_TABLES = ['rep_group_performance', 'rep_performance', 'territory_performance', 'flow_terminal_attributed', 'unassigned_volume', 'booked_adjustments', 'adjustments'];

/** The finance sheets of one month, read from the attribute stage's tables. */
export async function financeSheets(db: Database, period: string): Promise<SheetSpec[]> {
  for (const t of REQUIRED_TABLES) {
    if (!(await db.tableExists(t))) throw new UsageError(`table ${t} is missing: run "drugflow run" first (with the attribute stage)`);
  }
  const rows: Partial<Record<keyof typeof SHEET_NAMES, Row[]>> = {};
  for (const [key, sql] of Object.entries(QUERIES) as [keyof typeof SHEET_NAMES, string][]) {
    rows[key] = await db.all<Row>(`finance ${key}`, sql, { p: period });
  }
  return [repSheet(rows.rep!), skuSheet(rows.sku!), territorySheet(rows.territory!), detailSheet(rows.detail!), unassignedSheet(rows.unassigned!), adjustmentsSheet(rows.adjustments!)];
}

/**
 * `out/<period>/finance_<period>.xlsx` (the six sheets), one CSV per sheet (UTF-8 with BOM) and
 * the BI summary Parquet (product × province × city × rep × month). Returns the paths written,
 * relative to the out folder.
 */
export async function exportFinance(db: Database, outDir: string, period: string, formats: FinanceFormat[] = FINANCE_FORMATS): Promise<string[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError(`--period "${period}" must be YYYY-MM`);
  const dir = path.join(outDir, period);
  ensureDir(dir);
  const written: string[] = [];
  const sheets = await financeSheets(db, period);
  if (formats.includes('xlsx')) {
    const name = `finance_${period}.xlsx`;
    await writeWorkbook(path.join(dir, name), sheets);
    written.push(`${period}/${name}`);
  }
  if (formats.includes('csv')) {
    const keys = Object.keys(SHEET_NAMES) as (keyof typeof SHEET_NAMES)[];
    sheets.forEach((sheet, i) => {
      const name = `finance_${period}_${CSV_SLUGS[keys[i]!]}.csv`;
      const target = path.join(dir, name);
      const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, sheetCsv(sheet, neutraliseFormula));
      renameSync(tmp, target);
      written.push(`${period}/${name}`);
    });
  }
  if (formats.includes('parquet')) {
    const name = `finance_${period}_bi.parquet`;
    const query = `SELECT * FROM (${BI_SUMMARY}) WHERE month = '${period}'`;
    await copyToParquet(db, query, path.join(dir, name));
    written.push(`${period}/${name}`);
  }
  return written;
}
