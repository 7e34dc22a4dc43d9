/** Character-level helpers shared by the noise generators and the label guards. */
import * as OpenCC from 'opencc-js';

const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });
const toCn = OpenCC.Converter({ from: 'hk', to: 'cn' });

export const toTraditional = (s: string): string => toHk(s);
export const toSimplified = (s: string): string => toCn(s);

/** ASCII → full-width forms (what Chinese IMEs and some ERPs emit); space → ideographic space. */
export function toFullWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c === 0x20) out += '\u3000';
    else if (c > 0x20 && c < 0x7f) out += String.fromCharCode(c + 0xfee0);
    else out += ch;
  }
  return out;
}

const DEPT_SUFFIX =
  /(药剂科|药学部|药库|门诊药房|住院药房|中药房|西药房|采购科|设备科|药械科|采购中心|药房)$/;
const CODE_PATTERNS = [/^\[[A-Z]{0,3}\d{3,8}\]/i, /\/[A-Z]{0,3}\d{3,8}$/i, /^[A-Z]{1,3}\d{3,8}[-_]/i, /[-_(][A-Z]{0,3}\d{3,8}\)?$/i];
const COMPANY_SUFFIX = /(股份有限公司|有限责任公司|有限公司|连锁有限公司)/g;
const ABBREV_BACK: [RegExp, string][] = [
  [/人医$/, '人民医院'],
  [/附院/, '附属医院'],
  [/中医院/, '中医医院'],
  [/社卫中心|社区中心/, '社区卫生服务中心'],
  [/妇幼$/, '妇幼保健院'],
  [/医大/, '医科大学'],
  [/^解放军/, '中国人民解放军'],
];

/**
 * A loose key for the label guards only (never the engine's normaliser): NFKC, simplified,
 * no spaces/codes/department suffixes/company suffixes, one bracket style, abbreviations expanded.
 */
export function looseKey(s: string): string {
  let t = toSimplified(s.normalize('NFKC')).replace(/[\s\u3000]+/g, '');
  for (const p of CODE_PATTERNS) t = t.replace(p, '');
  t = t.replace(/[（【\[]/g, '(').replace(/[）】\]]/g, ')');
  for (let i = 0; i < 2; i++) t = t.replace(DEPT_SUFFIX, '').replace(/[-_/·.]+$/, '');
  t = t.replace(COMPANY_SUFFIX, '');
  for (const [re, full] of ABBREV_BACK) t = t.replace(re, full);
  return t.toUpperCase();
}

/** Province names with their short forms, longest first so 内蒙古自治区 wins over 内蒙古. */
export interface RegionNames {
  provinces: string[];
  provinceShort: Map<string, string>;
  cityShort: (city: string) => string;
}

export function provinceShort(p: string): string {
  return p.replace(/(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)$/, '');
}

export function cityShort(c: string): string {
  const s = c.replace(/(市|地区|盟)$/, '');
  return s.length >= 2 ? s : c;
}

/** Strip a leading province, then city, then (given) county, in full or short form. */
export function stripPlace(name: string, province: string, city: string, county = ''): string {
  let t = name;
  const strip = (full: string): void => {
    if (!full) return;
    const short = full === province ? provinceShort(full) : cityShort(full);
    for (const p of [full, short]) {
      if (p.length >= 2 && t.startsWith(p) && t.length - p.length >= 3) {
        t = t.slice(p.length);
        return;
      }
    }
  };
  strip(province);
  if (city !== province) strip(city);
  if (county) strip(county);
  return t;
}
