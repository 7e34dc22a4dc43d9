/**
 * The labelled product set: distributor-style aliases of master SKUs (name, spec, manufacturer, unit
 * written the many ways distributors write them) and NOT-in-master rows: real products held out of
 * the master, and near misses (same product in another strength or pack; same generic and spec from a
 * manufacturer the master does not carry). An oracle keeps only rows whose label follows from the row.
 */
import { createRng, type Rng } from './prng.js';
import type { Product, Sku } from './product-catalog.js';
import { shortManufacturer } from './product-catalog.js';
import { formatSpec, randomSpec, randomStyle, specKey, type Spec } from './product-spec.js';
import { toFullWidth } from './text.js';

export interface ProductNameRow {
  name: string;
  spec: string;
  manufacturer: string;
  unit: string;
  true_sku: string;
  noise: string;
}

export interface ProductSetOptions {
  names: number;
  holdOutShare: number;
  notInMasterShare: number;
}

const SALT = /^(对甲苯磺酸|盐酸|硫酸|枸橼酸|马来酸|甲磺酸|琥珀酸|富马酸|苯磺酸|酒石酸|醋酸|磷酸|氢溴酸|苯甲酸|草酸|乳酸)(?=.{3,})/;
const saltless = (g: string): string => g.replace(SALT, '');

type NameStyle = 'generic' | 'brand_only' | 'generic_brand' | 'brand_generic' | 'spec_in_name' | 'salt_dropped' | 'injection_short';
type MfrStyle = 'full' | 'short' | 'missing' | 'variant';

interface Draw {
  nameStyle: NameStyle;
  specRewrite: boolean;
  mfr: MfrStyle;
}

function drawStyle(p: Product, rng: Rng): Draw {
  const names: [NameStyle, number][] = [['generic', 50], ['spec_in_name', 13], ['salt_dropped', SALT.test(p.generic) ? 5 : 0], ['injection_short', /注射/.test(p.generic) ? 4 : 0]];
  if (p.brand) names.push(['brand_only', 10], ['generic_brand', 10], ['brand_generic', 4]);
  return {
    nameStyle: rng.weighted(names.filter(([, w]) => w > 0)),
    specRewrite: rng.chance(0.7),
    mfr: rng.weighted([['full', 45], ['short', 27], ['missing', 18], ['variant', 10]]),
  };
}

function writeName(p: Product, style: NameStyle, specText: string, rng: Rng): string {
  switch (style) {
    case 'generic': return p.generic;
    case 'brand_only': return p.brand;
    case 'generic_brand': return rng.chance(0.7) ? `${p.generic}(${p.brand})` : `${p.generic}（${p.brand}）`;
    case 'brand_generic': return rng.chance(0.5) ? `${p.brand}(${p.generic})` : `${p.brand} ${p.generic}`;
    case 'spec_in_name': return rng.pick([`${p.generic}${specText}`, `${p.generic} ${specText}`, `${p.generic}(${specText})`, `${p.generic}　${specText}`]);
    case 'salt_dropped': return saltless(p.generic);
    case 'injection_short': return /^注射用/.test(p.generic) ? `${p.generic.replace(/^注射用/, '')}粉针` : p.generic.replace(/注射液$/, '针');
  }
}

function writeManufacturer(full: string, short: string, style: MfrStyle, rng: Rng): string {
  switch (style) {
    case 'full': return full;
    case 'short': return short;
    case 'missing': return '';
    case 'variant': {
      const v = full.replace(/\(/g, '（').replace(/\)/g, '）');
      if (v !== full) return v;
      if (/^[\x00-\x7f]+$/.test(full)) return rng.chance(0.5) ? full.toUpperCase() : full.replace(/[.,]/g, '');
      return rng.chance(0.5) ? toFullWidth(full.replace(/有限公司$/, ' 有限公司')) : full.replace(/有限公司$/, '');
    }
  }
}

/** Which master SKUs a careful person could not rule out from the row (generator-side oracle). */
class Oracle {
  constructor(private master: Sku[]) {}
  consistent(p: Product, d: Draw, spec: Spec, mfrFull: string, mfrShort: string): Sku[] {
    const key = specKey(spec);
    return this.master.filter((m) => {
      if (specKey(m.spec) !== key) return false;
      const q = m.product;
      const usesGeneric = d.nameStyle !== 'brand_only';
      const usesBrand = d.nameStyle === 'brand_only' || d.nameStyle === 'generic_brand' || d.nameStyle === 'brand_generic';
      if (usesGeneric && saltless(q.generic) !== saltless(p.generic)) return false;
      if (usesBrand && q.brand !== p.brand) return false;
      if (d.mfr === 'missing') return true;
      const ms = d.mfr === 'short' ? mfrShort : shortManufacturer(mfrFull);
      return q.manufacturer === mfrFull || q.manufacturerShort === ms || shortManufacturer(q.manufacturer) === ms;
    });
  }
}

export function buildProductSet(products: Product[], skus: Sku[], seed: number, opts: ProductSetOptions)
  : { master: Sku[]; names: ProductNameRow[] } {
  const rngSplit = createRng(seed, 'products/split');
  const heldIds = new Set(products.filter(() => rngSplit.chance(opts.holdOutShare)).map((p) => p.id));
  const master = skus.filter((s) => !heldIds.has(s.product.id));
  const heldSkus = skus.filter((s) => heldIds.has(s.product.id));
  const oracle = new Oracle(master);
  const rows: ProductNameRow[] = [];
  const seen = new Set<string>();

  const emit = (p: Product, spec: Spec, specMaster: string, trueSku: string, rng: Rng, tag: string[], mfrOverride?: Product): boolean => {
    const maker = mfrOverride ?? p;
    for (let attempt = 0; attempt < 3; attempt++) {
      const d = drawStyle(p, rng);
      if (attempt > 0) d.mfr = 'full';
      const specText = d.specRewrite || !specMaster ? formatSpec(spec, randomStyle(rng)) : specMaster;
      const ok = oracle.consistent(p, d, spec, maker.manufacturer, maker.manufacturerShort);
      const fine = trueSku ? ok.length === 1 && ok[0]?.sku === trueSku : ok.length === 0;
      if (!fine) continue;
      const inName = d.nameStyle === 'spec_in_name';
      const row: ProductNameRow = {
        name: writeName(p, d.nameStyle, specText, rng),
        spec: inName ? '' : specText,
        manufacturer: writeManufacturer(maker.manufacturer, maker.manufacturerShort, d.mfr, rng),
        unit: rng.weighted([['盒', 55], ['', 15], [spec.countUnit, 20], ['件', 3], ['瓶', 7]]),
        true_sku: trueSku,
        noise: [...tag, d.nameStyle !== 'generic' ? d.nameStyle : '', d.specRewrite && !inName ? 'spec_rewrite' : '', d.mfr !== 'full' ? `mfr_${d.mfr}` : '']
          .filter(Boolean).join('+') || 'clean',
      };
      const k = `${row.name}|${row.spec}|${row.manufacturer}`;
      if (seen.has(k)) return false;
      seen.add(k);
      rows.push(row);
      return true;
    }
    return false;
  };

  const nNim = Math.round(opts.names * opts.notInMasterShare);
  const nTrue = opts.names - nNim;
  const rngT = createRng(seed, 'products/true');
  const pool = rngT.shuffle(master.slice());
  for (let pass = 0; pass < 3 && rows.length < nTrue; pass++) {
    for (const m of pool) {
      if (rows.length >= nTrue) break;
      if (pass > 0 && !rngT.chance(0.3)) continue;
      emit(m.product, m.spec, m.specText, m.sku, rngT, []);
    }
  }

  const rngN = createRng(seed, 'products/not-in-master');
  const start = rows.length;
  const want = (share: number): number => start + Math.round(nNim * share);
  for (const h of rngN.shuffle(heldSkus.slice())) {
    if (rows.length >= want(0.45)) break;
    emit(h.product, h.spec, h.specText, '', rngN, ['held_out']);
  }
  const makers = [...new Map(products.map((p) => [p.manufacturer, p])).values()];
  for (const m of rngN.shuffle(master.slice())) {
    if (rows.length >= want(0.75)) break;
    const s = rngN.chance(0.5) ? { ...m.spec, count: m.spec.count * rngN.pick([2, 3]) } : randomSpec(m.spec.form, rngN);
    if (specKey(s) === specKey(m.spec)) continue;
    emit(m.product, s, '', '', rngN, ['near_miss_spec']);
  }
  for (const m of rngN.shuffle(master.slice())) {
    if (rows.length >= start + nNim) break;
    const other = rngN.pick(makers);
    if (other.manufacturer === m.product.manufacturer || other.manufacturerShort === m.product.manufacturerShort) continue;
    emit(m.product, m.spec, m.specText, '', rngN, ['near_miss_manufacturer'], other);
  }
  return { master, names: createRng(seed, 'products/order').shuffle(rows) };
}
