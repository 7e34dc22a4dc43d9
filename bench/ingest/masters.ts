/**
 * The masters of the benchmark workspace, built from the real reference names by the matching
 * eval's own modules: customers = every real hospital / clinic / pharmacy / distributor, extended
 * by real county/district names × real institution types (bench/eval/scale.ts) up to 100,000;
 * products = the real originator + imported + domestic-copy catalogue with trade-style specs.
 */
import iconv from 'iconv-lite';
import { loadCustomerUniverse } from '../eval/customer-master.js';
import { buildCatalogue, type Sku } from '../eval/product-catalog.js';
import { loadRegions } from '../eval/regions.js';
import { buildScaleSet } from '../eval/scale.js';

export interface MasterCustomer {
  code: string;
  name: string;
  type: string;
  tier: string;
  province: string;
  city: string;
  /** A realistic noisy alias of this customer (short name, dept suffix, code, abbreviation …). */
  alias?: string;
  aliasNoise?: string;
}

export interface Masters {
  customers: MasterCustomer[];
  skus: Sku[];
}

/** Text a GBK file can carry (the few reference names outside GBK are left out of GBK feeds). */
export const gbkSafe = (s: string): boolean => iconv.decode(iconv.encode(s, 'gbk'), 'gbk') === s;

/** Customer master size: 100,000 at a national month (≥ 1M rows), smaller for quick runs. */
export const customerCount = (rows: number): number => Math.max(30_000, Math.min(100_000, Math.round(rows / 10)));

export function buildMasters(refDir: string, rows: number, seed: number): Masters {
  const regions = loadRegions(refDir);
  const universe = loadCustomerUniverse(refDir, regions.provinces);
  const scale = buildScaleSet(universe, regions, customerCount(rows), seed);
  const aliasOf = new Map<string, { name: string; noise: string }>();
  for (const n of scale.names) if (n.truth && !aliasOf.has(n.truth)) aliasOf.set(n.truth, { name: n.query.name, noise: n.noise });
  let distributors = 0;
  const customers = scale.master.map((m): MasterCustomer => {
    const a = aliasOf.get(m.code);
    const tier = m.type === 'distributor' ? (distributors++ % 8 === 0 ? '1' : '2') : '';
    return { code: m.code, name: m.name, type: m.type, tier, province: m.province ?? '', city: m.city ?? '', alias: a?.name, aliasNoise: a?.noise };
  });
  const { skus } = buildCatalogue(refDir);
  return { customers, skus: skus.slice(0, 2_000) };
}
