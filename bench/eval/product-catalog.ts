/**
 * The product universe: real generic + brand + manufacturer triples (originator list, NMPA imported
 * drugs with brand names joined to their registrant) plus real domestic manufacturers making the same
 * generic; each product gets 1–3 SKUs with trade-style specs. Built from a fixed catalogue seed so a
 * SKU code means the same pack in every set; only the hold-out split and the noise follow the set seed.
 */
import { join } from 'node:path';
import { readCsv } from './csv.js';
import { createRng } from './prng.js';
import { doseFormOf, formatSpec, randomSpec, specKey, MASTER_STYLE, type Spec } from './product-spec.js';

export interface Product {
  id: number;
  generic: string;
  brand: string;
  manufacturer: string;
  manufacturerShort: string;
  group: string;
  source: 'originator' | 'imported' | 'domestic_copy';
}

export interface Sku {
  sku: string;
  product: Product;
  spec: Spec;
  specText: string;
  unit: string;
}

const CATALOGUE_SEED = 20260101;

export function shortManufacturer(full: string): string {
  if (/^[\x00-\x7f]+$/.test(full)) return full.split(/[\s,]+/)[0] ?? full;
  return full
    .replace(/[（(]中国[)）]/, '')
    .replace(/(股份有限公司|有限责任公司|有限公司|集团)/g, '')
    .replace(/^(北京|上海|天津|重庆|广州|深圳|杭州|苏州|无锡|西安|成都|武汉|江苏|浙江|山东|广东|四川|湖北|河北|河南|海南|吉林|辽宁|安徽|江西|湖南|福建)(市|省)?/, '')
    .replace(/(制药厂|制药|药业|医药保健|医药|生物科技|生物)$/, '') || full;
}

function cleanBrand(b: string): string {
  const t = (b ?? '').trim();
  return t === '----' || t === '-' ? '' : t.replace(/\s+[A-Z0-9]+$/i, '').trim();
}

export function buildCatalogue(refDir: string): { products: Product[]; skus: Sku[] } {
  const rng = createRng(CATALOGUE_SEED, 'products/catalogue');
  const products: Product[] = [];
  const seen = new Set<string>();
  const add = (p: Omit<Product, 'id'>): Product | null => {
    const k = `${p.generic}|${p.manufacturer}`;
    if (!p.generic || !p.manufacturer || seen.has(k)) return null;
    seen.add(k);
    const prod = { ...p, id: products.length };
    products.push(prod);
    return prod;
  };

  for (const r of readCsv(join(refDir, 'drugs_originator_brand_generic_manufacturer.csv'))) {
    add({
      generic: (r.generic_name ?? '').trim(),
      brand: cleanBrand(r.trade_name ?? ''),
      manufacturer: (r.manufacturer_full ?? '').trim(),
      manufacturerShort: (r.manufacturer_short ?? '').trim() || shortManufacturer(r.manufacturer_full ?? ''),
      group: r.category ?? '',
      source: 'originator',
    });
  }

  const registrant = new Map<string, string>();
  for (const r of readCsv(join(refDir, 'nmpa_imported_drugs_list_2019_2020.csv'))) {
    registrant.set((r.registration_no ?? '').replace('国药准字', ''), r.company ?? '');
  }
  const imported = readCsv(join(refDir, 'nmpa_imported_drugs_with_brand_names.csv')).filter(
    (r) => cleanBrand(r.brand_name_zh ?? '') && registrant.has(r.registration_no ?? '') && /[片囊液剂膏]$/.test(r.product_name_zh ?? ''),
  );
  for (const r of rng.shuffle(imported).slice(0, 320)) {
    const m = registrant.get(r.registration_no ?? '') ?? '';
    add({ generic: r.product_name_zh ?? '', brand: cleanBrand(r.brand_name_zh ?? ''), manufacturer: m, manufacturerShort: shortManufacturer(m), group: '进口药品', source: 'imported' });
  }

  const domestic = readCsv(join(refDir, 'nmpa_drug_manufacturers_2019.csv'))
    .map((r) => r.company_name ?? '')
    .filter((n) => /(制药|药业)(股份)?有限公司$/.test(n) && n.length <= 16);
  const originals = products.slice();
  const copies = new Map<number, Product>(); // copy → the product whose specs it copies
  for (const p of originals) {
    if (p.source !== 'originator' || !/片|胶囊|颗粒|注射液/.test(p.generic) || !rng.chance(0.16)) continue;
    const m = rng.pick(domestic);
    const c = add({ generic: p.generic, brand: '', manufacturer: m, manufacturerShort: shortManufacturer(m), group: p.group, source: 'domestic_copy' });
    if (c) copies.set(c.id, p);
  }

  const skus: Sku[] = [];
  const specsOf = new Map<number, Spec[]>();
  for (const p of products) {
    const form = doseFormOf(p.generic);
    const model = copies.get(p.id);
    let specs: Spec[];
    if (model) {
      const base = specsOf.get(model.id) ?? [];
      specs = base.slice(0, rng.int(1, Math.max(1, base.length)));
    } else {
      specs = [];
      const n = rng.weighted([[1, 55], [2, 30], [3, 15]] as const);
      for (let i = 0; i < n * 3 && specs.length < n; i++) {
        const s = randomSpec(form, rng);
        if (!specs.some((x) => specKey(x) === specKey(s))) specs.push(s);
      }
    }
    specsOf.set(p.id, specs);
    for (const s of specs) {
      const style = { ...MASTER_STYLE, grams: (s.strengthMg ?? 0) >= 100 && rng.chance(0.5), countSuffix: rng.chance(0.3) ? ('s' as const) : ('unit' as const) };
      skus.push({
        sku: `SKU${String(skus.length + 1).padStart(5, '0')}`,
        product: p,
        spec: s,
        specText: formatSpec(s, style),
        unit: s.form === 'liquid' && s.count === 1 ? '瓶' : '盒',
      });
    }
  }
  return { products, skus };
}
