import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Workspace } from '../config/workspace.js';
import { ConfigError, InputFileError, type ConfigProblem } from '../errors.js';
import { stagedText } from '../io/staged-text.js';
import { inferUnitFactor } from '../stages/resolve/unit-factor.js';
import { readCsvTable, writeCsvTable, type CsvTable } from './csv-file.js';
import { KEY_COLUMNS, NOT_OURS, REVIEW_COLUMNS, SHEET_NAMES, type ReviewKind } from './review-sheet.js';

export interface ReviewDecision {
  kind: ReviewKind;
  line: number;
  key: Record<string, string>;
  code: string | null; // null = not ours
  factor: string | null;
  reviewer: string;
}

export interface ImportResult {
  confirmed: Record<ReviewKind, number>;
  notOurs: number;
  replaced: number;
  unchanged: number;
}

const ALIAS_FILES: Record<ReviewKind, { file: string; headers: string[]; codeColumn: string }> = {
  customers: { file: 'customer_aliases.csv', headers: ['distributor', 'raw_name', 'code', 'confirmed_by', 'confirmed_at'], codeColumn: 'code' },
  products: {
    file: 'product_aliases.csv',
    headers: ['distributor', 'raw_name', 'raw_spec', 'raw_unit', 'sku', 'factor', 'confirmed_by', 'confirmed_at'],
    codeColumn: 'sku',
  },
};
export const NOT_OURS_FILE = 'not_ours.csv';
const NOT_OURS_HEADERS = ['kind', 'distributor', 'raw_name', 'raw_spec', 'raw_unit', 'raw_manufacturer', 'confirmed_by', 'confirmed_at'];

/**
 * Reads an edited review workbook, checks every decision (headers untouched, codes in the
 * master, a factor for units the spec cannot explain) and only then writes the confirmed
 * aliases into mappings/: all of them or, on any problem, none.
 */
export async function importReviewWorkbook(ws: Workspace, file: string, options: { reviewer?: string; now?: Date } = {}): Promise<ImportResult> {
  const decisions = await readDecisions(ws, file, options.reviewer ?? '');
  const at = (options.now ?? new Date()).toISOString();
  const result: ImportResult = { confirmed: { customers: 0, products: 0 }, notOurs: 0, replaced: 0, unchanged: 0 };

  const tables = {
    customers: new AliasRows(readCsvTable(path.join(ws.mappingsDir, ALIAS_FILES.customers.file), ALIAS_FILES.customers.headers), () => KEY_COLUMNS.customers),
    products: new AliasRows(readCsvTable(path.join(ws.mappingsDir, ALIAS_FILES.products.file), ALIAS_FILES.products.headers), () => PRODUCT_ALIAS_KEY),
    notOurs: new AliasRows(readCsvTable(path.join(ws.mappingsDir, NOT_OURS_FILE), NOT_OURS_HEADERS), notOursKey),
  };
  for (const d of decisions) {
    if (d.code === null) {
      tables.notOurs.upsert(NOT_OURS_HEADERS, { kind: d.kind, ...d.key, confirmed_by: d.reviewer, confirmed_at: at }, result);
      result.notOurs++;
      continue;
    }
    const spec = ALIAS_FILES[d.kind];
    const row: Record<string, string> = { ...d.key, [spec.codeColumn]: d.code, confirmed_by: d.reviewer, confirmed_at: at };
    if (d.kind === 'products') row.factor = d.factor ?? '1';
    tables[d.kind].upsert(spec.headers, row, result);
    result.confirmed[d.kind]++;
  }
  writeCsvTable(path.join(ws.mappingsDir, ALIAS_FILES.customers.file), tables.customers.table);
  writeCsvTable(path.join(ws.mappingsDir, ALIAS_FILES.products.file), tables.products.table);
  if (tables.notOurs.table.rows.length > 0) writeCsvTable(path.join(ws.mappingsDir, NOT_OURS_FILE), tables.notOurs.table);
  return result;
}

type CsvRow = Record<string, string>;

/** product_aliases.csv has no manufacturer column: the alias is name + spec + unit. */
const PRODUCT_ALIAS_KEY = ['distributor', 'raw_name', 'raw_spec', 'raw_unit'];

/** A not_ours.csv row's key: its kind and that kind's key columns; none for a kind no decision has. */
function notOursKey(r: CsvRow): readonly string[] | null {
  const kind = stagedText(r.kind ?? '');
  return Object.hasOwn(KEY_COLUMNS, kind) ? ['kind', ...KEY_COLUMNS[kind as ReviewKind]] : null;
}

/**
 * A mapping file's rows by alias key, its cells compared as the run compares them (stagedText,
 * as loaded text is cleaned), so a hand-written `协和  医院` and the reviewed `协和 医院` are one
 * alias. Indexed once per import: a decision finds its row without cleaning every row of the
 * file again (20,000 aliases × 200 decisions, scanned and cleaned per comparison: 0.8 s).
 */
class AliasRows {
  /** Key → the first row with it, as a scan from the top would find it. */
  private readonly firstRow = new Map<string, number>();

  constructor(
    readonly table: CsvTable,
    private readonly keyColumns: (r: CsvRow) => readonly string[] | null,
  ) {
    table.rows.forEach((r, i) => {
      const key = this.keyOf(r);
      if (key !== null && !this.firstRow.has(key)) this.firstRow.set(key, i);
    });
  }

  private keyOf(r: CsvRow): string | null {
    return this.keyColumns(r)?.map((c) => stagedText(r[c] ?? '')).join('\u0000') ?? null;
  }

  /** The same alias decided again replaces the earlier decision: the latest review wins. */
  upsert(headers: string[], row: CsvRow, result: ImportResult): void {
    const { table } = this;
    for (const h of headers) if (!table.headers.includes(h)) table.headers.push(h);
    const key = this.keyOf(row)!;
    const index = this.firstRow.get(key);
    if (index === undefined) {
      this.firstRow.set(key, table.rows.push(row) - 1);
      return;
    }
    const existing = table.rows[index]!;
    const unchanged = Object.entries(row).every(([k, v]) => k.startsWith('confirmed_') || (existing[k] ?? '') === v);
    if (unchanged) result.unchanged++;
    else {
      table.rows[index] = row;
      result.replaced++;
    }
  }
}

async function readDecisions(ws: Workspace, file: string, defaultReviewer: string): Promise<ReviewDecision[]> {
  const name = path.basename(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (error) {
    throw new InputFileError(file, `cannot read the review workbook: ${(error as Error).message}`);
  }
  const problems: ConfigProblem[] = [];
  const decisions: ReviewDecision[] = [];
  const customerCodes = new Set(ws.mappings.customers.map((c) => c.code));
  const products = new Map(ws.mappings.products.map((p) => [p.sku, p]));
  for (const kind of ['customers', 'products'] as const) {
    const sheet = wb.getWorksheet(SHEET_NAMES[kind]);
    if (!sheet) {
      problems.push({ file: name, path: `sheet ${SHEET_NAMES[kind]}`, message: 'missing (was it renamed?)' });
      continue;
    }
    const columnOf = headerColumns(sheet, kind, name, problems);
    if (!columnOf) continue;
    sheet.eachRow((row, line) => {
      if (line === 1) return;
      const get = (key: string) => cellText(row.getCell(columnOf.get(key)!).value);
      const decision = get('decision');
      if (!decision) return;
      const where = `sheet ${SHEET_NAMES[kind]} row ${line}`;
      const key = Object.fromEntries(KEY_COLUMNS[kind].map((k) => [k, unquote(get(k))]));
      if (!key.distributor || !key.raw_name) {
        problems.push({ file: name, path: where, message: 'distributor and raw_name must not be emptied' });
        return;
      }
      const reviewer = get('reviewer') || defaultReviewer;
      if (NOT_OURS.includes(decision)) {
        decisions.push({ kind, line, key, code: null, factor: null, reviewer });
        return;
      }
      if (kind === 'customers') {
        if (!customerCodes.has(decision)) problems.push({ file: name, path: where, message: `code "${decision}" is not in customers.csv` });
        else decisions.push({ kind, line, key, code: decision, factor: null, reviewer });
        return;
      }
      const product = products.get(decision);
      if (!product) {
        problems.push({ file: name, path: where, message: `sku "${decision}" is not in products.csv` });
        return;
      }
      const typed = get('factor');
      if (typed && !/^\d+(\.\d+)?(\/\d+(\.\d+)?)?$/.test(typed)) {
        problems.push({ file: name, path: `${where}.factor`, message: `"${typed}" is not a number or fraction like 1/15` });
        return;
      }
      const inferred = inferUnitFactor(key.raw_unit, product.unit, product.spec);
      if (!typed && inferred.factor === null) {
        problems.push({ file: name, path: `${where}.factor`, message: `unit "${key.raw_unit}" needs a factor (${inferred.rule})` });
        return;
      }
      decisions.push({ kind, line, key, code: decision, factor: typed || formatFactor(inferred.factor!), reviewer });
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return decisions;
}

function headerColumns(sheet: ExcelJS.Worksheet, kind: ReviewKind, file: string, problems: ConfigProblem[]): Map<string, number> | null {
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const m = /\[([a-z0-9_]+)\]\s*$/.exec(cellText(cell.value));
    if (m) found.set(m[1]!, col);
  });
  const missing = REVIEW_COLUMNS[kind].filter((c) => !found.has(c.key)).map((c) => c.header);
  if (missing.length > 0) {
    problems.push({ file, path: `sheet ${SHEET_NAMES[kind]} header`, message: `column(s) edited or missing: ${missing.join(', ')}` });
    return null;
  }
  return found;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if ('text' in value) return String(value.text).trim();
  }
  return String(value).trim();
}

/** Export quoted text that looked like a formula; give the alias back as the distributor wrote it. */
function unquote(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function formatFactor(f: number): string {
  if (Number.isInteger(f)) return String(f);
  const inverse = 1 / f;
  return Number.isInteger(Math.round(inverse * 1e9) / 1e9) ? `1/${Math.round(inverse)}` : String(f);
}
