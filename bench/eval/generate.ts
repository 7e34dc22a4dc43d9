/**
 * Writes the labelled evaluation sets: bench/eval/data/{dev,heldout}/ (seeds 1 and 2).
 * Deterministic: the same reference files give the same bytes on every run.
 *   npx tsx bench/eval/generate.ts [--reference DIR] [--out DIR]
 */
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeCsv } from './csv.js';
import { loadRegions } from './regions.js';
import { loadCustomerUniverse } from './customer-master.js';
import { buildCustomerSet } from './customer-set.js';
import { buildCatalogue } from './product-catalog.js';
import { buildProductSet } from './product-set.js';

export const SETS = { dev: 1, heldout: 2 } as const;
export const DEFAULT_REFERENCE_DIR = process.env.DRUGFLOW_REFERENCE_DIR ?? '/work/shared/data/reference';
export const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

export const CUSTOMER_NAME_COLUMNS = ['name', 'province', 'city', 'true_code', 'noise'] as const;
export const PRODUCT_NAME_COLUMNS = ['name', 'spec', 'manufacturer', 'unit', 'true_sku', 'noise'] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

function main(): void {
  const refDir = arg('--reference', DEFAULT_REFERENCE_DIR);
  const outDir = arg('--out', DEFAULT_DATA_DIR);
  const regions = loadRegions(refDir);
  const universe = loadCustomerUniverse(refDir, regions.provinces);
  const { products, skus } = buildCatalogue(refDir);
  for (const [set, seed] of Object.entries(SETS)) {
    const dir = join(outDir, set);
    const c = buildCustomerSet(universe, regions, seed, { names: 5000, holdOutShare: 0.15, notInMasterShare: 0.175 });
    writeCsv(join(dir, 'customers_master.csv'), ['code', 'name', 'type', 'tier', 'province', 'city'],
      c.master.map((e) => ({ code: e.code, name: e.publishedName ?? e.name, type: e.type, tier: '', province: e.province, city: e.city })));
    writeCsv(join(dir, 'customer_names.csv'), CUSTOMER_NAME_COLUMNS, c.names as unknown as Record<string, string>[]);
    const p = buildProductSet(products, skus, seed, { names: 3000, holdOutShare: 0.15, notInMasterShare: 0.175 });
    writeCsv(join(dir, 'products_master.csv'), ['sku', 'name', 'brand', 'spec', 'unit', 'manufacturer', 'product_group'],
      p.master.map((s) => ({ sku: s.sku, name: s.product.generic, brand: s.product.brand, spec: s.specText, unit: s.unit, manufacturer: s.product.manufacturer, product_group: s.product.group })));
    writeCsv(join(dir, 'product_names.csv'), PRODUCT_NAME_COLUMNS, p.names as unknown as Record<string, string>[]);
    const digest = (f: string): string => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex').slice(0, 12);
    const nim = (rows: { true_code?: string; true_sku?: string }[]): number => rows.filter((r) => !(r.true_code ?? r.true_sku)).length;
    process.stdout.write(
      `${set} (seed ${seed}): customers master ${c.master.length}, names ${c.names.length} (${nim(c.names)} not in master) ` +
      `sha ${digest('customer_names.csv')}; products master ${p.master.length}, names ${p.names.length} (${nim(p.names)} not in master) ` +
      `sha ${digest('product_names.csv')}\n`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
