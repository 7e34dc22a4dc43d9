/**
 * Checks a master list before any matching: an empty master, a duplicate code or an empty name
 * would make every later answer wrong, so each is reported with its row, all at once.
 */
import type { ConfigProblem } from '../errors.js';
import type { CustomerMasterEntry, ProductMasterEntry } from './types.js';

export interface MasterRowRef {
  /** 1-based line in the file (the header is line 1, so the first entry is line 2). */
  line: number;
}

function validate<T>(rows: T[], file: string, codeField: string, code: (r: T) => string | undefined, name: (r: T) => string | undefined, lineOf: (index: number) => number): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (rows.length === 0) {
    problems.push({ file, path: '', message: 'the master list is empty: nothing to match against' });
    return problems;
  }
  const firstLine = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = lineOf(index);
    const c = (code(row) ?? '').trim();
    if (!c) problems.push({ file, path: `row ${line}`, message: `empty ${codeField}` });
    else {
      const seen = firstLine.get(c);
      if (seen !== undefined) problems.push({ file, path: `row ${line}`, message: `duplicate ${codeField} "${c}" (first on row ${seen})` });
      else firstLine.set(c, line);
    }
    if (!(name(row) ?? '').trim()) problems.push({ file, path: `row ${line}`, message: 'empty name' });
  });
  return problems;
}

/** Problems in a customer master (customers.csv: code,name,type,tier,province,city). */
export function validateCustomerMaster(rows: CustomerMasterEntry[], file = 'customers.csv', lineOf: (index: number) => number = (i) => i + 2): ConfigProblem[] {
  return validate(rows, file, 'code', (r) => r.code, (r) => r.name, lineOf);
}

/** Problems in a product master (products.csv: sku,name,brand,spec,unit,manufacturer,product_group). */
export function validateProductMaster(rows: ProductMasterEntry[], file = 'products.csv', lineOf: (index: number) => number = (i) => i + 2): ConfigProblem[] {
  return validate(rows, file, 'sku', (r) => r.sku, (r) => r.name || r.brand, lineOf);
}
