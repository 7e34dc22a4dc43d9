/**
 * A realistic product master and alias list for tests that need volume: bench/eval's dev set,
 * built from the real generic, brand and maker names in ../shared/data/reference with
 * distributor-style noise (full-width specs, missing makers, glued specs; see bench/eval/README.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { ProductMasterEntry, ProductQuery } from '../../../../src/match/types.js';

const DEV = fileURLToPath(new URL('../../../../bench/eval/data/dev', import.meta.url));

function readRows(file: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(path.join(DEV, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

const orUndefined = (s: string | undefined): string | undefined => (s ? s : undefined);

/** About 2,100 SKUs. */
export function evalProductMaster(): ProductMasterEntry[] {
  return readRows('products_master.csv').map((r) => ({
    sku: r.sku!, name: r.name!, brand: orUndefined(r.brand), spec: orUndefined(r.spec), unit: orUndefined(r.unit), manufacturer: orUndefined(r.manufacturer),
  }));
}

/** 3,000 distributor aliases, about a sixth of them not in the master. */
export function evalProductAliases(): ProductQuery[] {
  return readRows('product_names.csv').map((r) => ({
    name: r.name!, spec: orUndefined(r.spec), manufacturer: orUndefined(r.manufacturer), unit: orUndefined(r.unit),
  }));
}
