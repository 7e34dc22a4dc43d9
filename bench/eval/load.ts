/** Loads a generated set into the engine's input shapes (src/match/types.ts) plus the labels. */
import { join } from 'node:path';
import { readCsv } from './csv.js';
import type { CustomerMasterEntry, CustomerQuery, ProductMasterEntry, ProductQuery } from '../../src/match/types.js';

export interface Labelled<Q> {
  query: Q;
  truth: string; // '' = not in master
  noise: string;
}

export interface EvalSet {
  name: string;
  customers: { master: CustomerMasterEntry[]; names: Labelled<CustomerQuery>[] };
  products: { master: ProductMasterEntry[]; names: Labelled<ProductQuery>[] };
}

const opt = (v: string | undefined): string | undefined => (v ? v : undefined);

export function loadEvalSet(dataDir: string, set: string): EvalSet {
  const dir = join(dataDir, set);
  return {
    name: set,
    customers: {
      master: readCsv(join(dir, 'customers_master.csv')).map((r) => ({
        code: r.code ?? '', name: r.name ?? '', type: r.type ?? '', province: opt(r.province), city: opt(r.city),
      })),
      names: readCsv(join(dir, 'customer_names.csv')).map((r) => ({
        query: { name: r.name ?? '', province: opt(r.province), city: opt(r.city) },
        truth: r.true_code ?? '',
        noise: r.noise ?? '',
      })),
    },
    products: {
      master: readCsv(join(dir, 'products_master.csv')).map((r) => ({
        sku: r.sku ?? '', name: r.name ?? '', brand: opt(r.brand), spec: opt(r.spec), unit: opt(r.unit), manufacturer: opt(r.manufacturer),
      })),
      names: readCsv(join(dir, 'product_names.csv')).map((r) => ({
        query: { name: r.name ?? '', spec: opt(r.spec), manufacturer: opt(r.manufacturer), unit: opt(r.unit) },
        truth: r.true_sku ?? '',
        noise: r.noise ?? '',
      })),
    },
  };
}
