/**
 * `drugflow resolve customers|products`: match a file of raw names against a master file and
 * write one row per input row: its own columns, the answer, and the top three candidates.
 * Nothing is written when the master or the names file is unusable.
 */
import { ConfigError } from '../errors.js';
import { matchCustomersInParallel } from './customer-match-pool.js';
import { validateCustomerMaster, validateProductMaster } from './master-validation.js';
import { columnIndex, readTable, requireColumns, writeTable, type Table } from './names-table.js';
import { createProductMatcher } from './product/product-matcher.js';
import type { CustomerMasterEntry, MatchResult, MatchThresholds, ProductMasterEntry } from './types.js';

export interface ResolveNamesOptions {
  kind: 'customers' | 'products';
  masterPath: string;
  namesPath: string;
  outPath: string;
  /** The names column (default `name`). */
  column?: string;
  thresholds?: Partial<MatchThresholds>;
  /** Told when a worker thread could not help (the names are still all matched, on one thread). */
  onWorkerProblem?: (message: string) => void;
}

export interface ResolveSummary {
  total: number;
  auto: number;
  review: number;
  unmatched: number;
}

function cell(table: Table, row: string[], name: string): string | undefined {
  const i = columnIndex(table.header, name);
  const value = i >= 0 ? row[i]?.trim() : undefined;
  return value ? value : undefined;
}

function readCustomerMaster(table: Table): CustomerMasterEntry[] {
  requireColumns(table, ['code', 'name']);
  return table.rows.map((r) => ({
    code: cell(table, r, 'code') ?? '',
    name: cell(table, r, 'name') ?? '',
    type: cell(table, r, 'type') ?? '',
    province: cell(table, r, 'province'),
    city: cell(table, r, 'city'),
  }));
}

function readProductMaster(table: Table): ProductMasterEntry[] {
  requireColumns(table, ['sku', 'name']);
  return table.rows.map((r) => ({
    sku: cell(table, r, 'sku') ?? '',
    name: cell(table, r, 'name') ?? '',
    brand: cell(table, r, 'brand'),
    spec: cell(table, r, 'spec'),
    unit: cell(table, r, 'unit'),
    manufacturer: cell(table, r, 'manufacturer'),
  }));
}

function answerColumns(kind: ResolveNamesOptions['kind']): string[] {
  const columns = [kind === 'customers' ? 'code' : 'sku', 'matched_name', 'score', 'status', 'method', 'reason'];
  for (let i = 1; i <= 3; i++) columns.push(`candidate${i}_code`, `candidate${i}_name`, `candidate${i}_score`);
  return columns;
}

function answerCells(r: MatchResult): string[] {
  const cells = [r.code ?? '', r.matchedName ?? '', String(r.score), r.status, r.method, r.reason];
  for (let i = 0; i < 3; i++) {
    const c = r.candidates[i];
    cells.push(c?.code ?? '', c?.name ?? '', c ? String(c.score) : '');
  }
  return cells;
}

/** Resolves every name in `namesPath` and writes the answers to `outPath` (.csv or .xlsx). */
export async function resolveNamesFile(options: ResolveNamesOptions): Promise<ResolveSummary> {
  const column = options.column ?? 'name';
  const masterTable = await readTable(options.masterPath);
  const namesTable = await readTable(options.namesPath);
  requireColumns(namesTable, [column]);
  const lineOf = (i: number): number => masterTable.lines[i] ?? i + 2;

  let results: MatchResult[];
  const rowsOf = namesTable.rows;
  if (options.kind === 'customers') {
    const master = masterTable.header.length ? readCustomerMaster(masterTable) : [];
    const problems = validateCustomerMaster(master, options.masterPath, lineOf);
    if (problems.length) throw new ConfigError(problems);
    results = await matchCustomersInParallel(
      master,
      rowsOf.map((r) => ({
        name: cell(namesTable, r, column) ?? '',
        province: cell(namesTable, r, 'province'),
        city: cell(namesTable, r, 'city'),
      })),
      { thresholds: options.thresholds, onWorkerProblem: options.onWorkerProblem },
    );
  } else {
    const master = masterTable.header.length ? readProductMaster(masterTable) : [];
    const problems = validateProductMaster(master, options.masterPath, lineOf);
    if (problems.length) throw new ConfigError(problems);
    const matcher = createProductMatcher(master, { thresholds: options.thresholds });
    results = matcher.matchAll(
      rowsOf.map((r) => ({
        name: cell(namesTable, r, column) ?? '',
        spec: cell(namesTable, r, 'spec'),
        manufacturer: cell(namesTable, r, 'manufacturer'),
        unit: cell(namesTable, r, 'unit'),
      })),
    );
  }

  // An input column named like an answer column would be ambiguous: keep it, prefixed.
  const answers = answerColumns(options.kind);
  const inputHeader = namesTable.header.map((h) => (answers.includes(h) ? `input_${h}` : h));
  await writeTable(options.outPath, [...inputHeader, ...answers], rowsOf.map((r, i) => [...r, ...answerCells(results[i]!)]));

  const summary: ResolveSummary = { total: results.length, auto: 0, review: 0, unmatched: 0 };
  for (const r of results) summary[r.status]++;
  return summary;
}
