/**
 * The labelled customer set: true aliases of master entities (labelled with their code) and
 * NOT-in-master names (held-out real names made noisy the same way, plus the traps that must not
 * auto-match: another ordinal, another institution type, the same name in another city).
 * Label guards drop any row a careful person could not resolve from the row itself.
 */
import { createRng, type Rng } from './prng.js';
import type { CustomerEntity } from './customer-master.js';
import { splitMaster } from './customer-master.js';
import {
  CUSTOMER_OPS, CUSTOMER_OP_WEIGHTS, COSMETIC_OPS, contextColumns,
  type CustomerEntityKind, type NoiseSubject,
} from './customer-noise.js';
import { looseKey, stripPlace, cityShort } from './text.js';
import type { Regions } from './regions.js';

export interface CustomerNameRow {
  name: string;
  province: string;
  city: string;
  true_code: string;
  noise: string;
}

export interface CustomerSetOptions {
  names: number;
  holdOutShare: number;
  notInMasterShare: number;
}

const sameCity = (a: { city: string }, b: { city: string }): boolean =>
  a.city !== '' && cityShort(a.city) === cityShort(b.city);

class MasterIndex {
  private full = new Map<string, CustomerEntity[]>();
  private bare = new Map<string, CustomerEntity[]>();
  constructor(master: CustomerEntity[]) {
    for (const e of master) {
      // The published name too: the master file holds it, so a name equal to it is that entry's.
      for (const n of new Set([e.name, e.publishedName ?? e.name, ...e.formerNames])) {
        push(this.full, looseKey(n), e);
        push(this.bare, bareKey(n, e), e);
      }
    }
  }
  /** 'drop' when the name is ambiguous even with context, 'context' when it needs province/city. */
  verdict(alias: string, subject: NoiseSubject, self: CustomerEntity | null): 'ok' | 'context' | 'drop' {
    const kF = looseKey(alias);
    const kB = bareKey(alias, subject);
    let v: 'ok' | 'context' = 'ok';
    for (const f of this.full.get(kF) ?? []) {
      if (f === self) continue;
      if (!subject.city || sameCity(f, subject)) return 'drop';
      v = 'context';
    }
    for (const f of this.bare.get(kB) ?? []) {
      if (f === self) continue;
      if (!subject.city || sameCity(f, subject)) return 'drop';
      if (kB === kF.replace(/^市/, '')) v = 'context';
    }
    return v;
  }
  has(name: string): boolean {
    return this.full.has(looseKey(name));
  }
  bareInCity(name: string, subject: NoiseSubject): boolean {
    return (this.bare.get(bareKey(name, subject)) ?? []).some((f) => sameCity(f, subject));
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function bareKey(name: string, s: { province: string; city: string; county: string }): string {
  return looseKey(stripPlace(stripPlace(name, s.province, s.city, s.county), s.province, s.city)).replace(/^市/, '');
}

function kindOf(e: CustomerEntity): CustomerEntityKind {
  return e.type === 'pharmacy' ? 'pharmacy' : e.type === 'distributor' ? 'distributor' : 'hospital';
}

/** One noisy name for an entity: a primary op, sometimes a cosmetic op stacked on top. */
function noisyName(s: NoiseSubject, kind: CustomerEntityKind, rng: Rng, forced?: string)
  : { name: string; ops: string[]; needsContext: boolean } {
  for (let attempt = 0; attempt < 6; attempt++) {
    const opName = forced && attempt === 0 ? forced : rng.weighted(CUSTOMER_OP_WEIGHTS[kind]);
    const op = CUSTOMER_OPS[opName];
    const first = op?.apply(s, s.name, rng);
    if (!op || first == null || (first === s.name && opName !== 'clean')) continue;
    const ops = [opName];
    let name = first;
    if (opName !== 'clean' && rng.chance(0.3)) {
      const extra = rng.pick(COSMETIC_OPS.filter((c) => c !== opName));
      const second = CUSTOMER_OPS[extra]?.apply(s, name, rng);
      if (second != null && second !== name) {
        name = second;
        ops.push(extra);
      }
    }
    return { name, ops, needsContext: Boolean(op.needsContext) };
  }
  return { name: s.name, ops: ['clean'], needsContext: false };
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
const TYPE_GROUPS = [
  ['人民医院'], ['中医医院', '中医院'], ['妇幼保健院', '妇幼保健计划生育服务中心'],
  ['中西医结合医院'], ['精神病医院', '精神卫生中心'], ['传染病医院'], ['肿瘤医院'],
];

export function buildCustomerSet(universe: CustomerEntity[], regions: Regions, seed: number, opts: CustomerSetOptions)
  : { master: CustomerEntity[]; names: CustomerNameRow[] } {
  const { master, heldOut } = splitMaster(universe, createRng(seed, 'customers/split'), opts.holdOutShare);
  const index = new MasterIndex(master);
  const byCode = new Map(master.map((m) => [m.code, m]));
  const rows: CustomerNameRow[] = [];
  const seen = new Set<string>();
  const emit = (name: string, s: NoiseSubject, code: string, ops: string[], needsContext: boolean, rng: Rng): boolean => {
    const verdict = index.verdict(name, s, code ? (byCode.get(code) ?? null) : null);
    if (verdict === 'drop') return false;
    const ctx = verdict === 'context' || needsContext || rng.chance(0.7) ? contextColumns(s, rng) : { province: '', city: '' };
    if ((verdict === 'context' || needsContext) && !ctx.city) ctx.city = s.city;
    const key = `${name}|${ctx.province}|${ctx.city}`;
    if (seen.has(key) || name.trim() === '') return false;
    seen.add(key);
    rows.push({ name, province: ctx.province, city: ctx.city, true_code: code, noise: ops.join('+') });
    return true;
  };

  // True aliases --------------------------------------------------------------------------------
  const nNim = Math.round(opts.names * opts.notInMasterShare);
  const nTrue = opts.names - nNim;
  const rngT = createRng(seed, 'customers/true');
  for (const e of master) {
    if (e.formerNames.length) {
      const noisy = noisyName(e, kindOf(e), rngT, 'former_name');
      emit(noisy.name, e, e.code, noisy.ops, noisy.needsContext, rngT);
    }
  }
  const pool = rngT.shuffle(master.slice());
  for (const e of pool) {
    const k = kindOf(e);
    const times = k === 'distributor' ? 4 : k === 'pharmacy' ? 3 : 0;
    for (let i = 0; i < times; i++) {
      const noisy = noisyName(e, k, rngT);
      emit(noisy.name, e, e.code, noisy.ops, noisy.needsContext, rngT);
    }
  }
  for (const e of pool) {
    if (rows.length >= nTrue) break;
    if (kindOf(e) !== 'hospital') continue;
    const noisy = noisyName(e, 'hospital', rngT);
    emit(noisy.name, e, e.code, noisy.ops, noisy.needsContext, rngT);
  }

  // Not in master ---------------------------------------------------------------------------------
  const rngN = createRng(seed, 'customers/not-in-master');
  const target = { held_out: Math.round(nNim * 0.6), trap_ordinal: Math.round(nNim * 0.13), trap_type: Math.round(nNim * 0.14) };
  const start = rows.length;
  for (const h of rngN.shuffle(heldOut.slice())) {
    if (rows.length - start >= target.held_out) break;
    const noisy = noisyName(h, kindOf(h), rngN);
    emit(noisy.name, h, '', ['held_out', ...noisy.ops], noisy.needsContext, rngN);
  }
  const trap = (label: string, want: number, make: (e: CustomerEntity) => { name: string; s: NoiseSubject; ctx: boolean } | null): void => {
    let made = 0;
    for (const e of rngN.shuffle(master.filter((m) => m.type === 'hospital'))) {
      if (made >= want) break;
      const t = make(e);
      if (!t || index.has(t.name) || index.bareInCity(t.name, t.s)) continue;
      let name = t.name;
      const ops = [label];
      if (rngN.chance(0.3)) {
        const extra = rngN.pick(COSMETIC_OPS);
        const v = CUSTOMER_OPS[extra]?.apply(t.s, name, rngN);
        if (v) { name = v; ops.push(extra); }
      }
      if (emit(name, t.s, '', ops, t.ctx, rngN)) made++;
    }
  };
  trap('trap_ordinal', target.trap_ordinal, (e) => {
    const m = /第([一二三四五六七八九])(人民医院|医院|中医医院|附属医院|中心医院)/.exec(e.name);
    if (!m) return null;
    const other = rngN.pick(ORDINALS.filter((o) => o !== m[1]));
    const name = e.name.replace(m[0], `第${other}${m[2]}`);
    return { name, s: { ...e, name, formerNames: [] }, ctx: false };
  });
  trap('trap_type', target.trap_type, (e) => {
    for (const [gi, g] of TYPE_GROUPS.entries()) {
      for (const t of g) {
        if (!e.name.endsWith(t)) continue;
        const prefix = e.name.slice(0, -t.length);
        if (!/[县区市旗]$/.test(prefix)) return null;
        const others = TYPE_GROUPS.filter((_, j) => j !== gi);
        const g2 = rngN.pick(others);
        if (g2.some((x) => index.has(prefix + x))) return null;
        const name = prefix + (g2[0] ?? '');
        return { name, s: { ...e, name, formerNames: [] }, ctx: false };
      }
    }
    return null;
  });
  trap('trap_other_city', nNim - (rows.length - start), (e) => {
    const cs = cityShort(e.city);
    if (!e.city.endsWith('市') || e.city === e.province || !e.name.startsWith(cs)) return null;
    const rest = e.name.slice(e.name.startsWith(e.city) ? e.city.length : cs.length);
    if (rest.length < 3) return null;
    const cities = (regions.citiesByProvince.get(e.province) ?? []).filter((c) => c !== e.city && c.endsWith('市'));
    if (cities.length === 0) return null;
    const c2 = rngN.pick(cities);
    const s: NoiseSubject = { ...e, city: c2, county: '', formerNames: [] };
    const name = rngN.chance(0.55) ? c2 + rest : rngN.chance(0.5) ? `市${rest}` : rest;
    if (index.bareInCity(rest, s) || index.has(c2 + rest)) return null;
    return { name, s: { ...s, name }, ctx: true };
  });

  const rngS = createRng(seed, 'customers/order');
  return { master, names: rngS.shuffle(rows) };
}
