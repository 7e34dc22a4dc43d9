/**
 * How one distributor's ERP writes the master's customers and products: each feed keeps one raw
 * name per customer and per SKU for the whole month (as a real ERP does), drawn once from the
 * eval's noise models — clean, the customer's noisy alias, a fresh noise op, spec re-written in the
 * feed's own style, brand / generic orders, short or missing manufacturer.
 */
import type { Rng } from '../eval/prng.js';
import { CUSTOMER_OPS, CUSTOMER_OP_WEIGHTS, COSMETIC_OPS } from '../eval/customer-noise.js';
import { shortManufacturer, type Sku } from '../eval/product-catalog.js';
import { formatSpec, randomStyle, type SpecStyle } from '../eval/product-spec.js';
import { gbkSafe, type MasterCustomer } from './masters.js';

export interface RawProduct {
  name: string;
  spec: string;
  manufacturer: string;
  unit: string;
}

export class FeedNames {
  private readonly customers = new Map<string, string>();
  private readonly products = new Map<string, RawProduct>();
  private readonly specStyle: SpecStyle | null;
  private readonly cosmetic: string | null;

  constructor(
    private readonly rng: Rng,
    private readonly gbk: boolean,
  ) {
    // one ERP writes every spec the same way; 40% of feeds keep the master's spec text
    this.specStyle = rng.chance(0.6) ? randomStyle(rng) : null;
    // some ERPs prefix every customer with its own code
    this.cosmetic = rng.chance(0.15) ? rng.pick(COSMETIC_OPS) : null;
  }

  customer(c: MasterCustomer): string {
    let raw = this.customers.get(c.code);
    if (raw !== undefined) return raw;
    raw = this.drawCustomer(c);
    if (this.gbk && !gbkSafe(raw)) raw = gbkSafe(c.name) ? c.name : c.name.replace(/[^\x00-\x7f\u4e00-\u9fa5（）]/g, '');
    this.customers.set(c.code, raw);
    return raw;
  }

  private drawCustomer(c: MasterCustomer): string {
    const r = this.rng.next();
    const subject = { name: c.name, type: c.type, province: c.province, city: c.city, county: '', formerNames: [] };
    let name = c.name;
    if (r < 0.3 && c.alias) name = c.alias;
    else if (r < 0.45) {
      const kind = c.type === 'pharmacy' ? 'pharmacy' : c.type === 'distributor' ? 'distributor' : 'hospital';
      const op = CUSTOMER_OPS[this.rng.weighted(CUSTOMER_OP_WEIGHTS[kind])];
      name = op?.apply(subject, c.name, this.rng) ?? c.name;
    }
    if (this.cosmetic) name = CUSTOMER_OPS[this.cosmetic]?.apply(subject, name, this.rng) ?? name;
    return name;
  }

  /** The raw product triples this feed used (for a confirmed product_aliases.csv). */
  productEntries(): Array<[string, RawProduct]> {
    return [...this.products.entries()];
  }

  product(s: Sku): RawProduct {
    let raw = this.products.get(s.sku);
    if (raw !== undefined) return raw;
    const rng = this.rng;
    const p = s.product;
    const spec = this.specStyle && rng.chance(0.9) ? formatSpec(s.spec, this.specStyle) : s.specText;
    const style = rng.weighted<string>([['generic', 60], ['generic_brand', p.brand ? 15 : 0], ['brand_only', p.brand ? 8 : 0], ['spec_in_name', 10], ['brand_generic', p.brand ? 7 : 0]]);
    const name =
      style === 'generic_brand' ? `${p.generic}(${p.brand})`
      : style === 'brand_only' ? p.brand
      : style === 'brand_generic' ? `${p.brand} ${p.generic}`
      : style === 'spec_in_name' ? `${p.generic} ${spec}`
      : p.generic;
    const mfr = rng.weighted<string>([['full', 50], ['short', 30], ['missing', 12], ['variant', 8]]);
    const manufacturer =
      mfr === 'full' ? p.manufacturer
      : mfr === 'short' ? p.manufacturerShort || shortManufacturer(p.manufacturer)
      : mfr === 'variant' ? p.manufacturer.replace(/有限公司$/, '').replace(/股份$/, '')
      : '';
    raw = { name, spec, manufacturer, unit: s.unit };
    if (this.gbk && !gbkSafe(`${name}${spec}${manufacturer}`)) raw = { name: p.generic, spec: s.specText, manufacturer: '', unit: s.unit };
    this.products.set(s.sku, raw);
    return raw;
  }
}
