/**
 * The speed set: a 100,000-entry customer master (every real customer name, then real county/district
 * names × real institution-type patterns) and 100,000 distinct noisy aliases (90% of master entries,
 * 10% of names built the same way but left out of the master). Deterministic for a given seed.
 */
import { createRng } from './prng.js';
import type { CustomerEntity } from './customer-master.js';
import { CUSTOMER_OPS, CUSTOMER_OP_WEIGHTS } from './customer-noise.js';
import type { Regions } from './regions.js';
import type { CustomerMasterEntry, CustomerQuery } from '../../src/match/types.js';
import type { Labelled } from './load.js';

const PATTERNS = [
  '人民医院', '中医医院', '中医院', '妇幼保健院', '第一人民医院', '第二人民医院', '第三人民医院', '中心医院',
  '中西医结合医院', '精神病医院', '传染病医院', '肿瘤医院', '儿童医院', '妇产医院', '口腔医院', '眼科医院',
  '康复医院', '骨科医院', '皮肤病防治院', '结核病防治所', '疾病预防控制中心', '第二中医医院', '城关镇卫生院',
  '城关社区卫生服务中心', '人民医院分院', '急救中心', '老年病医院', '第四人民医院', '医药有限公司', '大药房',
  '医药连锁有限公司', '百姓大药房', '仁和堂药店', '第五人民医院', '职工医院', '铁路医院', '红十字会医院',
];

export interface ScaleSet {
  master: CustomerMasterEntry[];
  names: Labelled<CustomerQuery>[];
}

export function buildScaleSet(universe: CustomerEntity[], regions: Regions, size = 100_000, seed = 7): ScaleSet {
  const rng = createRng(seed, 'scale');
  const entities: CustomerEntity[] = universe.slice(0, size);
  const names = new Set(entities.map((e) => e.name));
  const synthetic: CustomerEntity[] = [];
  for (const p of PATTERNS) {
    for (const a of regions.areas) {
      const cityPart = a.city && a.city !== a.province && !a.name.startsWith(a.city.replace(/市$/, '')) ? a.city : '';
      const name = `${cityPart}${a.name}${p}`;
      if (names.has(name)) continue;
      names.add(name);
      const type = /药房|药店/.test(p) ? 'pharmacy' : /公司/.test(p) ? 'distributor' : 'hospital';
      synthetic.push({ code: '', name, type, province: a.province, city: a.city, county: a.name, source: 'fever', formerNames: [] });
    }
  }
  rng.shuffle(synthetic);
  const outside = synthetic.splice(0, Math.round(size * 0.1));
  for (const s of synthetic) {
    if (entities.length >= size) break;
    entities.push(s);
  }
  const master = entities.map((e, i) => ({ code: `S${String(i + 1).padStart(6, '0')}`, name: e.name, type: e.type, province: e.province, city: e.city }));

  const out: Labelled<CustomerQuery>[] = [];
  const seen = new Set<string>();
  const addAlias = (e: CustomerEntity, truth: string): void => {
    const kind = e.type === 'pharmacy' ? 'pharmacy' : e.type === 'distributor' ? 'distributor' : 'hospital';
    for (let attempt = 0; attempt < 4; attempt++) {
      const opName = rng.weighted(CUSTOMER_OP_WEIGHTS[kind]);
      const v = CUSTOMER_OPS[opName]?.apply(e, e.name, rng);
      if (!v || seen.has(v)) continue;
      seen.add(v);
      const ctx = rng.chance(0.7) || CUSTOMER_OPS[opName]?.needsContext;
      out.push({ query: { name: v, province: ctx ? e.province : undefined, city: ctx ? e.city : undefined }, truth, noise: opName });
      return;
    }
    const v = `${e.name}/C${String(out.length).padStart(6, '0')}`; // every entry gets one alias
    seen.add(v);
    out.push({ query: { name: v, province: e.province, city: e.city }, truth, noise: 'distributor_code' });
  };
  const trueCount = size - outside.length;
  const order = rng.shuffle(entities.map((e, i) => [e, i] as const));
  for (const [e, i] of order) {
    if (out.length >= trueCount) break;
    addAlias(e, master[i]?.code ?? '');
  }
  for (const e of outside) addAlias(e, '');
  return { master, names: out };
}
