/**
 * Distributor-style noise for customer names. Each op returns the noisy name, or null when it
 * does not apply to that name (the caller then draws another op). `needsContext` marks ops that
 * remove the place from the name, so the row must carry its province/city to stay resolvable.
 */
import type { Rng } from './prng.js';
import { stripPlace, toFullWidth, toTraditional, provinceShort, cityShort } from './text.js';

export interface NoiseSubject {
  name: string;
  type: string;
  province: string;
  city: string;
  county: string;
  formerNames: string[];
  shortName?: string;
}

export interface NoiseOp {
  kind: string;
  needsContext?: boolean;
  apply(s: NoiseSubject, name: string, rng: Rng): string | null;
}

const DEPTS = ['药剂科', '药库', '门诊药房', '住院药房', '采购科', '药学部', '西药房', '中药房', '设备科'];
const CAMPUSES = ['东院', '西院', '南院', '北院', '本部', '新院区', '老院区', '东院区', '门诊部', '分院'];
const ABBREVS: [RegExp, string][] = [
  [/人民医院$/, '人医'],
  [/附属医院/, '附院'],
  [/中医医院/, '中医院'],
  [/社区卫生服务中心/, '社卫中心'],
  [/社区卫生服务中心/, '社区中心'],
  [/妇幼保健院$/, '妇幼'],
  [/医科大学/, '医大'],
  [/^中国人民解放军/, '解放军'],
];
/** Homophones / look-alikes that show up in hand-typed ERP master data. */
const TYPOS: Record<string, string[]> = {
  州: ['洲'], 洲: ['州'], 阳: ['杨', '扬'], 杨: ['阳'], 园: ['圆'], 圆: ['园'], 华: ['化'],
  兴: ['星'], 泉: ['全'], 林: ['临'], 城: ['成'], 成: ['城'], 康: ['健'], 庆: ['青'], 江: ['将'],
  宁: ['凝'], 济: ['剂'], 仁: ['人'], 和: ['合'], 合: ['和'], 安: ['按'], 东: ['冬'], 沙: ['砂'],
  龙: ['隆'], 春: ['椿'], 德: ['得'], 海: ['每'], 堂: ['常'], 蒙: ['梦'], 保: ['堡'],
};

function withCode(name: string, rng: Rng): string {
  const digits = (n: number): string => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');
  switch (rng.int(0, 4)) {
    case 0: return `[KH${digits(5)}]${name}`;
    case 1: return `${name}/C${digits(4)}`;
    case 2: return `${digits(6)}-${name}`;
    case 3: return `${name}(${digits(7)})`;
    default: return `KH${digits(4)}_${name}`;
  }
}

export const CUSTOMER_OPS: Record<string, NoiseOp> = {
  clean: { kind: 'clean', apply: (_s, n) => n },
  short_name: {
    kind: 'short_name',
    needsContext: true,
    apply: (s, n, rng) => {
      const noProvince = stripPlace(n, s.province, s.province);
      const bare = stripPlace(n, s.province, s.city, rng.chance(0.4) ? s.county : '');
      if (bare === n) return null;
      // 湖北省武汉市中心医院 → 武汉市中心医院 (keeps the city: no context needed, but drawn below)
      if (noProvince !== n && noProvince !== bare && rng.chance(0.35)) return noProvince;
      // 武汉市中心医院 → 市中心医院 / 中心医院
      const cityFull = s.city;
      if (cityFull.endsWith('市') && cityFull !== s.province && noProvince.startsWith(cityFull) && rng.chance(0.3)) {
        return `市${noProvince.slice(cityFull.length)}`;
      }
      return bare.length >= 3 ? bare : null;
    },
  },
  dept_suffix: {
    kind: 'dept_suffix',
    apply: (s, n, rng) => {
      if (s.type !== 'hospital' && s.type !== 'clinic' && s.type !== 'other') return null;
      const sep = rng.pick(['', '', '-', ' ', '/', '(']);
      const d = rng.pick(DEPTS);
      return sep === '(' ? `${n}(${d})` : `${n}${sep}${d}`;
    },
  },
  distributor_code: { kind: 'distributor_code', apply: (_s, n, rng) => withCode(n, rng) },
  campus_bracket: {
    kind: 'campus_bracket',
    apply: (s, n, rng) => {
      if (s.type !== 'hospital' || /[()（）]/.test(n)) return null;
      const c = rng.pick(CAMPUSES);
      return rng.chance(0.5) ? `${n}(${c})` : `${n}（${c}）`;
    },
  },
  full_width: {
    kind: 'full_width',
    apply: (_s, n, rng) => {
      const t = n.replace(/\(/g, '（').replace(/\)/g, '）');
      if (t !== n && rng.chance(0.5)) return t;
      if (/[\x21-\x7e]/.test(n)) return toFullWidth(n);
      // a space or ideographic space where the ERP padded a column
      const cut = rng.int(2, Math.max(2, n.length - 2));
      return `${n.slice(0, cut)}${rng.pick([' ', '\u3000', '  '])}${n.slice(cut)}${rng.chance(0.3) ? ' ' : ''}`;
    },
  },
  traditional: {
    kind: 'traditional',
    apply: (_s, n, rng) => {
      if (rng.chance(0.35)) return toTraditional(n);
      const t = n.replace(/医院/g, '醫院').replace(/卫生/g, '衛生').replace(/药/g, rng.chance(0.5) ? '藥' : '药');
      return t === n ? toTraditional(n) : t;
    },
  },
  abbreviation: {
    kind: 'abbreviation',
    apply: (_s, n, rng) => {
      const applicable = ABBREVS.filter(([re]) => re.test(n));
      if (applicable.length === 0) return null;
      const [re, rep] = rng.pick(applicable);
      return n.replace(re, rep);
    },
  },
  company_suffix_dropped: {
    kind: 'company_suffix_dropped',
    apply: (s, n, rng) => {
      if (s.type !== 'pharmacy' && s.type !== 'distributor') return null;
      if (s.shortName && rng.chance(0.45)) return s.shortName;
      const t = n.replace(/(股份有限公司|有限责任公司|有限公司)/, '');
      if (t === n) return null;
      if (s.type === 'distributor' && rng.chance(0.4)) {
        const u = stripPlace(t, s.province, s.city);
        if (u !== t) return u;
      }
      return t;
    },
  },
  pharmacy_variant: {
    kind: 'pharmacy_variant',
    apply: (s, n, rng) => {
      if (s.type !== 'pharmacy') return null;
      const opts: string[] = [];
      if (/[（(][^)）]+[)）]/.test(n)) opts.push(n.replace(/[（(][^)）]+[)）]/, ''));
      if (/分店$/.test(n)) opts.push(n.replace(/分店$/, '店'));
      else if (/[^分]店$/.test(n)) opts.push(n.replace(/店$/, '分店'));
      if (!n.startsWith('广州')) opts.push(`广州${n}`);
      return opts.length ? rng.pick(opts) : null;
    },
  },
  former_name: {
    kind: 'former_name',
    apply: (s, _n, rng) => (s.formerNames.length ? rng.pick(s.formerNames) : null),
  },
  typo: {
    kind: 'typo',
    apply: (_s, n, rng) => {
      const idx: number[] = [];
      for (let i = 0; i < n.length; i++) if (TYPOS[n[i] ?? '']) idx.push(i);
      if (idx.length === 0) return null;
      const i = rng.pick(idx);
      const ch = n[i] ?? '';
      return n.slice(0, i) + rng.pick(TYPOS[ch] ?? [ch]) + n.slice(i + 1);
    },
  },
};

/** Weights of the primary op (the README states them); cosmetic ops may be stacked on top. */
export const CUSTOMER_OP_WEIGHTS: Record<CustomerEntityKind, [string, number][]> = {
  hospital: [
    ['clean', 6], ['short_name', 22], ['dept_suffix', 14], ['distributor_code', 8], ['campus_bracket', 5],
    ['full_width', 8], ['traditional', 4], ['abbreviation', 13], ['typo', 3],
  ],
  pharmacy: [
    ['clean', 6], ['company_suffix_dropped', 25], ['pharmacy_variant', 25], ['distributor_code', 12],
    ['full_width', 12], ['traditional', 6], ['typo', 3],
  ],
  distributor: [
    ['clean', 5], ['company_suffix_dropped', 45], ['short_name', 10], ['distributor_code', 15],
    ['full_width', 12], ['traditional', 6], ['typo', 3],
  ],
};
export type CustomerEntityKind = 'hospital' | 'pharmacy' | 'distributor';
export const COSMETIC_OPS = ['dept_suffix', 'distributor_code', 'full_width'];

/** Province/city as a distributor's row would carry them: full or short form. */
export function contextColumns(s: NoiseSubject, rng: Rng): { province: string; city: string } {
  const short = rng.chance(0.2);
  const province = short ? provinceShort(s.province) : s.province;
  const city = short ? cityShort(s.city) : s.city;
  return rng.chance(0.08) ? { province, city: '' } : { province, city };
}
