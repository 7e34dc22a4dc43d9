import type { ConfigProblem } from '../errors.js';
import type { CustomerAliasRow, CustomerRow, NotOursRow, ProductAliasRow, ProductRow } from './mapping-schemas.js';
import type { MappingRow } from './read-mapping-csv.js';
import type { Pipeline } from './workspace.js';

export interface MappingTables {
  customers: MappingRow<CustomerRow>[];
  products: MappingRow<ProductRow>[];
  customerAliases: MappingRow<CustomerAliasRow>[];
  productAliases: MappingRow<ProductAliasRow>[];
  notOurs: MappingRow<NotOursRow>[];
}

/**
 * Rules across files: codes unique, aliases point at codes that exist, every feed's seller is
 * a distributor in the master. Each problem names the file and row that must change.
 */
export function crossCheck(
  input: { pipelines: Pipeline[]; tables: MappingTables; mappingsDir: string; company: { code: string } },
  problems: ConfigProblem[],
): void {
  const { tables, mappingsDir } = input;
  const customers = uniqueCodes(tables.customers, (r) => r.code, `${mappingsDir}/customers.csv`, 'code', problems);
  const skus = uniqueCodes(tables.products, (r) => r.sku, `${mappingsDir}/products.csv`, 'sku', problems);
  const distributors = new Set(tables.customers.filter((r) => r.value.type === 'distributor').map((r) => r.value.code));

  for (const row of tables.customers) {
    if (row.value.type === 'distributor' && row.value.tier === null) {
      problems.push({ file: `${mappingsDir}/customers.csv`, path: `row ${row.line}.tier`, message: 'a distributor needs tier 1 or 2' });
    }
  }
  const aliasDistributor = (d: string) => d === '*' || d === input.company.code || distributors.has(d);
  checkAliases(tables.customerAliases, `${mappingsDir}/customer_aliases.csv`, (r) => [r.distributor, r.raw_name], problems, {
    distributorOk: aliasDistributor,
    target: (r) => (customers.has(r.code) ? null : `code "${r.code}" is not in customers.csv`),
    answer: (r) => `code ${r.code}`,
  });
  checkAliases(
    tables.productAliases,
    `${mappingsDir}/product_aliases.csv`,
    (r) => [r.distributor, r.raw_name, r.raw_spec ?? '', r.raw_unit ?? ''],
    problems,
    {
      distributorOk: aliasDistributor,
      target: (r) => (skus.has(r.sku) ? null : `sku "${r.sku}" is not in products.csv`),
      answer: (r) => `sku ${r.sku} × ${r.factor}`,
    },
  );
  for (const p of input.pipelines) {
    if (p.kind === 'shipments') continue;
    if (!customers.has(p.distributor)) {
      problems.push({ file: p.configFile, path: 'distributor', message: `"${p.distributor}" is not a code in ${mappingsDir}/customers.csv` });
    } else if (!distributors.has(p.distributor) && p.kind !== 'retail') {
      problems.push({ file: p.configFile, path: 'distributor', message: `"${p.distributor}" is not of type distributor in ${mappingsDir}/customers.csv` });
    }
  }
}

function uniqueCodes<T>(
  rows: MappingRow<T>[],
  key: (r: T) => string,
  file: string,
  column: string,
  problems: ConfigProblem[],
): Set<string> {
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const k = key(row.value);
    const first = firstLine.get(k);
    if (first !== undefined) problems.push({ file, path: `row ${row.line}.${column}`, message: `duplicate "${k}" (first at row ${first})` });
    else firstLine.set(k, row.line);
  }
  return new Set(firstLine.keys());
}

/**
 * Aliases are compared as the schemas cleaned them, the way loaded text is cleaned (so
 * `协和  医院（东院）` and `协和 医院(东院)` are one alias). The same alias twice with the same answer
 * is only redundant, and is let be: a workspace whose file holds both spellings from before they
 * were compared this way keeps running. With two answers it is a conflict the run cannot decide.
 */
function checkAliases<T extends { distributor: string }>(
  rows: MappingRow<T>[],
  file: string,
  identity: (r: T) => string[],
  problems: ConfigProblem[],
  rules: { distributorOk: (d: string) => boolean; target: (r: T) => string | null; answer: (r: T) => string },
): void {
  const seen = new Map<string, { line: number; answer: string }>();
  for (const row of rows) {
    if (!rules.distributorOk(row.value.distributor)) {
      problems.push({ file, path: `row ${row.line}.distributor`, message: `"${row.value.distributor}" is not a distributor in customers.csv (use * for any)` });
    }
    const targetProblem = rules.target(row.value);
    if (targetProblem) problems.push({ file, path: `row ${row.line}`, message: targetProblem });
    const key = identity(row.value).join('\u0000');
    const answer = rules.answer(row.value);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, { line: row.line, answer });
    else if (first.answer !== answer) {
      problems.push({ file, path: `row ${row.line}`, message: `same alias as row ${first.line} (compared as loaded text is cleaned), with another answer: ${first.answer} there, ${answer} here` });
    }
  }
}
