/**
 * The customer universe: every real entity from the reference files, with a stable code, plus the
 * seeded split into master (in mappings/customers.csv) and held-out (real, NOT in master).
 */
import { join } from 'node:path';
import { readCsv } from './csv.js';
import type { Rng } from './prng.js';
import { looseKey, provinceShort, cityShort } from './text.js';

export type CustomerSource = 'fever' | 'beijing' | 'pharmacy' | 'distributor';

export interface CustomerEntity {
  code: string;
  name: string;
  type: 'distributor' | 'hospital' | 'pharmacy' | 'clinic' | 'other';
  province: string;
  city: string;
  county: string;
  source: CustomerSource;
  /** Former / second name taken from a trailing parenthesis (北京华信医院(清华大学第一附属医院)). */
  formerNames: string[];
  /**
   * The name as the source publishes it, when that differs from `name`: the bracketed former
   * name included (长治市肿瘤医院（原城区人民医院）). A company master built from these lists holds
   * this form, so it is what the master file gets; `name` (the bracket taken off) is what
   * distributors write and what noise and traps start from.
   */
  publishedName?: string;
  /** A real short name (distributors file), when it names only this entity. */
  shortName?: string;
}

const CAMPUS = /院区|分院|本部|总院|[东西南北]区|老区|新区|南部|北部|救治|定点|门诊|分部/;
const INSTITUTION_END = /(医院|院|中心|卫生院|所|站)$/;

function splitFormerName(raw: string): { name: string; former: string[]; published?: string } {
  const published = raw.trim();
  const m = /^([^()（）]+)[（(]([^()（）]+)[)）]$/.exec(published);
  if (!m || !m[1] || !m[2]) return { name: published, former: [] };
  const inner = m[2].replace(/^原/, '');
  if (CAMPUS.test(inner) || !INSTITUTION_END.test(inner) || inner.length < 4) {
    return { name: published, former: [] };
  }
  return { name: m[1], former: inner.split(/[、，,]/).filter((s) => s.length >= 4), published };
}

function clinicLike(name: string): boolean {
  return /卫生院|社区卫生服务(中心|站)|卫生室|卫生所|诊所|门诊部|医务室/.test(name);
}

export function loadCustomerUniverse(refDir: string, provinces: string[]): CustomerEntity[] {
  const out: CustomerEntity[] = [];
  const seen = new Set<string>();
  const add = (e: CustomerEntity): void => {
    const k = `${looseKey(e.name)}|${cityShort(e.city)}`;
    if (seen.has(k)) return; // the same institution listed twice (or in two files)
    seen.add(k);
    out.push(e);
  };

  readCsv(join(refDir, 'hospitals_cn_fever_clinics_2020.csv')).forEach((r, i) => {
    const { name, former, published } = splitFormerName(r.name ?? '');
    add({
      code: `H${String(i + 1).padStart(5, '0')}`,
      name,
      type: clinicLike(name) ? 'clinic' : 'hospital',
      province: r.province ?? '',
      city: r.city ?? '',
      county: r.county ?? '',
      source: 'fever',
      formerNames: former,
      ...(published !== name ? { publishedName: published } : {}),
    });
  });

  for (const r of readCsv(join(refDir, 'hospitals_beijing_yibao_designated.csv'))) {
    const { name, former, published } = splitFormerName((r.name ?? '').replace(/\s+/g, ''));
    const cat = r.category ?? '';
    const type =
      cat === '对内' ? 'other' : /卫生室|卫生站/.test(cat) || clinicLike(name) ? 'clinic' : 'hospital';
    add({
      code: `BJ${r.yibao_code}`,
      name,
      type,
      province: '北京市',
      city: '北京市',
      county: r.district ?? '',
      source: 'beijing',
      formerNames: former,
      ...(published !== name ? { publishedName: published } : {}),
    });
  }

  for (const r of readCsv(join(refDir, 'pharmacies_guangzhou_stores_2020.csv'))) {
    add({
      code: `P${r.store_id}`,
      name: r.store_name ?? '',
      type: 'pharmacy',
      province: '广东省',
      city: '广州市',
      county: r.district === '广州市' ? '' : (r.district ?? ''),
      source: 'pharmacy',
      formerNames: [],
    });
  }

  const pairs = readCsv(join(refDir, 'distributors_ypzdw_short_full_pairs.csv'));
  const shortCount = new Map<string, Set<string>>();
  for (const p of pairs) {
    const set = shortCount.get(p.short_name ?? '') ?? new Set<string>();
    set.add(p.full_name ?? '');
    shortCount.set(p.short_name ?? '', set);
  }
  const fullSeen = new Map<string, CustomerEntity>();
  for (const p of pairs) {
    const full = p.full_name ?? '';
    const short = p.short_name ?? '';
    const existing = fullSeen.get(full);
    const uniqueShort = (shortCount.get(short)?.size ?? 0) === 1 && /医药|药业/.test(short) ? short : undefined;
    if (existing) {
      if (!existing.shortName && uniqueShort) existing.shortName = uniqueShort;
      continue;
    }
    const province = provinces.find((pv) => full.startsWith(pv) || full.startsWith(provinceShort(pv))) ?? '';
    const city = /^(?:[^省]+省)?([^省市]{2,3}市)/.exec(full)?.[1] ?? '';
    const e: CustomerEntity = {
      code: `D${String(fullSeen.size + 1).padStart(3, '0')}`,
      name: full,
      type: 'distributor',
      province,
      city: city && !provinces.includes(city) ? city : province.endsWith('市') ? province : '',
      county: '',
      source: 'distributor',
      formerNames: [],
      shortName: uniqueShort,
    };
    fullSeen.set(full, e);
    add(e);
  }
  return out;
}

/**
 * Hold out ~share of each source as real NOT-in-master names. Whole groups of one loose key go
 * together, so a held-out name never reappears verbatim in the master (the same 市妇幼保健院 in
 * another city would make the label a coin toss).
 */
export function splitMaster(
  universe: CustomerEntity[],
  rng: Rng,
  share: number,
): { master: CustomerEntity[]; heldOut: CustomerEntity[] } {
  const groups = new Map<string, CustomerEntity[]>();
  for (const e of universe) {
    const k = looseKey(e.name).replace(/\(.*?\)/g, '');
    const g = groups.get(k) ?? [];
    g.push(e);
    groups.set(k, g);
  }
  const master: CustomerEntity[] = [];
  const heldOut: CustomerEntity[] = [];
  for (const g of groups.values()) (rng.chance(share) ? heldOut : master).push(...g);
  const byCode = (a: CustomerEntity, b: CustomerEntity): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return { master: master.sort(byCode), heldOut: heldOut.sort(byCode) };
}
