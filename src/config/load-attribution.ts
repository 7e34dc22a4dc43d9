import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { ATTRIBUTION_FILES, assignmentRowSchema, commissionSchema, quotaRowSchema, type AllocationRule, type Attribution } from './attribution-schemas.js';
import type { CustomerRow, ProductRow } from './mapping-schemas.js';
import { readMappingCsv, type MappingRow } from './read-mapping-csv.js';
import { readYamlFile } from './read-yaml.js';

/**
 * Reads mappings/assignments.csv, quotas.csv and commission.yaml (each optional) and checks
 * them against the masters: every problem names the file and row (or key) that must change.
 */
export function loadAttribution(
  input: {
    mappingsAbs: string;
    mappingsDir: string;
    allocation: AllocationRule[];
    quotaSplit: 'even' | 'by_days';
    customers: MappingRow<CustomerRow>[];
    products: MappingRow<ProductRow>[];
  },
  problems: ConfigProblem[],
): Attribution {
  const { mappingsAbs, mappingsDir } = input;
  const file = (name: string) => `${mappingsDir}/${name}`;
  const assignments = readMappingCsv(path.join(mappingsAbs, ATTRIBUTION_FILES.assignments), file(ATTRIBUTION_FILES.assignments), assignmentRowSchema, false, problems);
  const quotas = readMappingCsv(path.join(mappingsAbs, ATTRIBUTION_FILES.quotas), file(ATTRIBUTION_FILES.quotas), quotaRowSchema, false, problems);
  const commissionPath = path.join(mappingsAbs, ATTRIBUTION_FILES.commission);
  const commission = existsSync(commissionPath) ? readYamlFile(commissionPath, file(ATTRIBUTION_FILES.commission), commissionSchema, problems) : undefined;

  const customers = new Map(input.customers.map((r) => [r.value.code, r.value]));
  const groups = new Set(input.products.map((r) => r.value.product_group).filter((g): g is string => Boolean(g)));
  const groupOk = (g: string) => g === '*' || groups.has(g);
  const groupHint = () => `not a product_group in ${mappingsDir}/products.csv (${[...groups].sort().join(', ')}) or *`;

  const assignFile = file(ATTRIBUTION_FILES.assignments);
  for (const row of assignments) {
    const c = customers.get(row.value.customer_code);
    if (!c) problems.push({ file: assignFile, path: `row ${row.line}.customer_code`, message: `"${row.value.customer_code}" is not a code in ${mappingsDir}/customers.csv` });
    else if (c.type === 'distributor') problems.push({ file: assignFile, path: `row ${row.line}.customer_code`, message: `"${row.value.customer_code}" is a distributor; reps are assigned terminals` });
    if (!groupOk(row.value.product_group)) problems.push({ file: assignFile, path: `row ${row.line}.product_group`, message: `"${row.value.product_group}" is ${groupHint()}` });
  }
  for (const [a, b] of overlappingAssignments(assignments)) {
    problems.push({
      file: assignFile,
      path: `row ${b.line}`,
      message: `${b.value.customer_code} × ${b.value.product_group} ${span(b.value)} overlaps row ${a.line} (${a.value.rep_code} ${span(a.value)}): one rep per customer × product group per month`,
    });
  }

  const quotaFile = file(ATTRIBUTION_FILES.quotas);
  const seenQuota = new Map<string, number>();
  for (const row of quotas) {
    if (!groups.has(row.value.product_group)) {
      problems.push({ file: quotaFile, path: `row ${row.line}.product_group`, message: `"${row.value.product_group}" is not a product_group in ${mappingsDir}/products.csv (quotas are per product group)` });
    }
    const key = `${row.value.period}\u0000${row.value.rep_code}\u0000${row.value.product_group}`;
    const first = seenQuota.get(key);
    if (first !== undefined) problems.push({ file: quotaFile, path: `row ${row.line}`, message: `same period, rep_code and product_group as row ${first}` });
    else seenQuota.set(key, row.line);
  }

  const commissionFile = file(ATTRIBUTION_FILES.commission);
  for (const g of Object.keys(commission?.bands ?? {})) {
    if (!groupOk(g)) problems.push({ file: commissionFile, path: `bands.${g}`, message: `"${g}" is ${groupHint()}` });
  }
  (commission?.rebates ?? []).forEach((r, i) => {
    const c = customers.get(r.distributor);
    if (r.distributor !== '*' && c?.type !== 'distributor') {
      problems.push({ file: commissionFile, path: `rebates.${i}.distributor`, message: `"${r.distributor}" is not a distributor in ${mappingsDir}/customers.csv (use * for any)` });
    }
    if (!groupOk(r.product_group)) problems.push({ file: commissionFile, path: `rebates.${i}.product_group`, message: `"${r.product_group}" is ${groupHint()}` });
  });
  input.allocation.forEach((rule, i) => {
    const g = rule.match.product_group;
    if (g !== undefined && !groupOk(g)) problems.push({ file: 'drugflow.yaml', path: `allocation.${i}.match.product_group`, message: `"${g}" is ${groupHint()}` });
    const cc = rule.match.customer_code;
    if (cc !== undefined && !customers.has(cc)) problems.push({ file: 'drugflow.yaml', path: `allocation.${i}.match.customer_code`, message: `"${cc}" is not a code in ${mappingsDir}/customers.csv` });
  });
  const catchAll = input.allocation.findIndex((r) => Object.keys(r.match).length === 0);
  if (catchAll >= 0 && catchAll < input.allocation.length - 1) {
    problems.push({ file: 'drugflow.yaml', path: `allocation.${catchAll + 1}`, message: `allocation.${catchAll}.match is empty and catches everything: later rules never apply` });
  }

  return {
    assignments: assignments.map((r) => ({ ...r.value, line: r.line })),
    quotas: quotas.map((r) => ({ ...r.value, line: r.line })),
    quotaSplit: input.quotaSplit,
    allocation: input.allocation,
    commission,
  };
}

type Validity = { valid_from: string; valid_to?: string | undefined };
const span = (v: Validity) => `${v.valid_from}..${v.valid_to ?? 'open'}`;

/** Pairs of rows for the same customer × product group whose month ranges overlap (earlier row first). */
export function overlappingAssignments<T extends Validity & { customer_code: string; product_group: string }>(
  rows: MappingRow<T>[],
): [MappingRow<T>, MappingRow<T>][] {
  const pairs: [MappingRow<T>, MappingRow<T>][] = [];
  const byKey = new Map<string, MappingRow<T>[]>();
  for (const row of rows) {
    const key = `${row.value.customer_code}\u0000${row.value.product_group}`;
    const list = byKey.get(key) ?? [];
    for (const other of list) {
      const end = (v: Validity) => v.valid_to ?? '9999-12';
      if (row.value.valid_from <= end(other.value) && other.value.valid_from <= end(row.value)) pairs.push([other, row]);
    }
    list.push(row);
    byKey.set(key, list);
  }
  return pairs;
}
