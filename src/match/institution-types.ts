/**
 * Institution types a customer name ends with, grouped by what they mean for matching: two
 * names of different types are different customers (人民医院 ≠ 中医医院 ≠ 妇幼保健院), except
 * where a type is a looser word for another (医院 for 人民医院, 卫生院 for 中心卫生院).
 */
export type CustomerKind = 'hospital' | 'clinic' | 'pharmacy' | 'distributor' | 'other';

export interface InstitutionType {
  name: string;
  kind: CustomerKind;
  /** Types in one family may be loose synonyms; across families they never are. */
  family: string;
  /** A loose word for any type in its family (医院, 卫生院, 药房). */
  generic?: boolean;
}

const TYPES: InstitutionType[] = [
  // General hospitals
  { name: '医院', kind: 'hospital', family: 'general', generic: true },
  { name: '人民医院', kind: 'hospital', family: 'general' },
  { name: '中心医院', kind: 'hospital', family: 'general' },
  { name: '总医院', kind: 'hospital', family: 'general' },
  { name: '职工医院', kind: 'hospital', family: 'general' },
  // Traditional medicine
  { name: '中医医院', kind: 'hospital', family: 'tcm' },
  { name: '中医药医院', kind: 'hospital', family: 'tcm' },
  { name: '中西医结合医院', kind: 'hospital', family: 'integrated' },
  { name: '蒙医医院', kind: 'hospital', family: 'mongolian' },
  { name: '蒙中医医院', kind: 'hospital', family: 'mongolian' },
  { name: '藏医医院', kind: 'hospital', family: 'tibetan' },
  { name: '藏医院', kind: 'hospital', family: 'tibetan' },
  { name: '蒙医院', kind: 'hospital', family: 'mongolian' },
  { name: '维医医院', kind: 'hospital', family: 'uyghur' },
  { name: '维吾尔医医院', kind: 'hospital', family: 'uyghur' },
  { name: '民族医院', kind: 'hospital', family: 'ethnic' },
  // Maternal and child health
  { name: '妇幼保健院', kind: 'hospital', family: 'mch', generic: true },
  { name: '妇幼保健计划生育服务中心', kind: 'hospital', family: 'mch' },
  { name: '妇幼保健计划服务中心', kind: 'hospital', family: 'mch' },
  { name: '妇幼保健计划生育中心', kind: 'hospital', family: 'mch' },
  { name: '妇幼保健服务中心', kind: 'hospital', family: 'mch' },
  { name: '妇幼保健所', kind: 'hospital', family: 'mch' },
  { name: '妇幼保健中心', kind: 'hospital', family: 'mch' },
  { name: '妇幼保健站', kind: 'hospital', family: 'mch' },
  { name: '妇产医院', kind: 'hospital', family: 'obstetric' },
  { name: '妇女儿童医院', kind: 'hospital', family: 'women-children' },
  { name: '妇女儿童医疗中心', kind: 'hospital', family: 'women-children' },
  { name: '儿童医院', kind: 'hospital', family: 'children' },
  { name: '儿童医学中心', kind: 'hospital', family: 'children' },
  // Specialist hospitals
  { name: '肿瘤医院', kind: 'hospital', family: 'oncology' },
  { name: '传染病医院', kind: 'hospital', family: 'infectious' },
  { name: '传染病院', kind: 'hospital', family: 'infectious' },
  { name: '公共卫生临床中心', kind: 'hospital', family: 'infectious' },
  { name: '精神病医院', kind: 'hospital', family: 'psychiatric' },
  { name: '精神卫生中心', kind: 'hospital', family: 'psychiatric' },
  { name: '口腔医院', kind: 'hospital', family: 'dental' },
  { name: '眼科医院', kind: 'hospital', family: 'eye' },
  { name: '骨科医院', kind: 'hospital', family: 'orthopaedic' },
  { name: '康复医院', kind: 'hospital', family: 'rehab' },
  { name: '胸科医院', kind: 'hospital', family: 'chest' },
  { name: '结核病医院', kind: 'hospital', family: 'tb' },
  { name: '皮肤病医院', kind: 'hospital', family: 'skin' },
  { name: '皮肤病防治院', kind: 'hospital', family: 'skin' },
  { name: '疾病预防控制中心', kind: 'other', family: 'cdc' },
  { name: '急救中心', kind: 'other', family: 'emergency' },
  { name: '血站', kind: 'other', family: 'blood' },
  { name: '中心血站', kind: 'other', family: 'blood' },
  { name: '护理院', kind: 'hospital', family: 'nursing' },
  { name: '养老院', kind: 'other', family: 'elderly' },
  // Primary care
  { name: '社区卫生服务中心', kind: 'clinic', family: 'community-centre' },
  { name: '卫生服务中心', kind: 'clinic', family: 'community-centre', generic: true },
  { name: '社区卫生服务站', kind: 'clinic', family: 'community-station' },
  { name: '卫生服务站', kind: 'clinic', family: 'community-station', generic: true },
  { name: '卫生院', kind: 'clinic', family: 'township', generic: true },
  { name: '中心卫生院', kind: 'clinic', family: 'township' },
  { name: '卫生室', kind: 'clinic', family: 'village' },
  { name: '卫生所', kind: 'clinic', family: 'clinic' },
  { name: '卫生站', kind: 'clinic', family: 'clinic' },
  { name: '医务室', kind: 'clinic', family: 'clinic' },
  { name: '诊所', kind: 'clinic', family: 'clinic' },
  { name: '门诊部', kind: 'clinic', family: 'outpatient' },
  { name: '保健院', kind: 'hospital', family: 'mch' },
  // Pharmacies
  { name: '大药房', kind: 'pharmacy', family: 'pharmacy', generic: true },
  { name: '药房', kind: 'pharmacy', family: 'pharmacy', generic: true },
  { name: '药店', kind: 'pharmacy', family: 'pharmacy', generic: true },
  { name: '医药商店', kind: 'pharmacy', family: 'pharmacy' },
  { name: '药堂', kind: 'pharmacy', family: 'pharmacy' },
  { name: '分店', kind: 'pharmacy', family: 'pharmacy', generic: true },
  { name: '门店', kind: 'pharmacy', family: 'pharmacy', generic: true },
  // 南洲店 for 南洲分店: the bare 店 is a store of a chain.
  { name: '店', kind: 'pharmacy', family: 'pharmacy', generic: true },
  { name: '大药房连锁', kind: 'pharmacy', family: 'pharmacy-chain' },
  { name: '医药连锁', kind: 'pharmacy', family: 'pharmacy-chain' },
  { name: '药业连锁', kind: 'pharmacy', family: 'pharmacy-chain' },
  { name: '连锁药店', kind: 'pharmacy', family: 'pharmacy-chain' },
  // Distributors (after 有限公司 is removed)
  { name: '医药', kind: 'distributor', family: 'distributor', generic: true },
  { name: '药业', kind: 'distributor', family: 'distributor', generic: true },
  { name: '医药股份', kind: 'distributor', family: 'distributor' },
  { name: '医药科技', kind: 'distributor', family: 'distributor' },
  { name: '医药贸易', kind: 'distributor', family: 'distributor' },
  { name: '医药物流', kind: 'distributor', family: 'distributor' },
  { name: '医药集团', kind: 'distributor', family: 'distributor' },
  { name: '医药控股', kind: 'distributor', family: 'distributor' },
  { name: '药品', kind: 'distributor', family: 'distributor' },
  { name: '医疗器械', kind: 'distributor', family: 'device' },
];

const BY_LAST_CHAR = new Map<string, InstitutionType[]>();
for (const t of [...TYPES].sort((a, b) => b.name.length - a.name.length)) {
  const last = t.name[t.name.length - 1]!;
  BY_LAST_CHAR.set(last, [...(BY_LAST_CHAR.get(last) ?? []), t]);
}
const BY_NAME = new Map(TYPES.map((t) => [t.name, t]));

/** The longest institution type `text` ends with. */
export function findTypeSuffix(text: string): InstitutionType | null {
  const list = BY_LAST_CHAR.get(text[text.length - 1] ?? '');
  if (list) for (const t of list) if (text.endsWith(t.name)) return t;
  return null;
}

/** Types long enough that one wrong character still names them alone (not 眼科医院 / 骨科医院). */
const TYPO_TOLERANT = TYPES.filter((t) => t.name.length >= 5);

/**
 * The institution type `text` ends with when one character of it is mistyped (妇幼堡健院,
 * 中西医结和医院): only types of five characters or more, only with the last character intact
 * (妇幼保健所 is another type than 妇幼保健院, not a typo), and only when exactly one type fits.
 * Used where no type, or only a loose word (医院), was found as written.
 */
export function findMistypedTypeSuffix(text: string): InstitutionType | null {
  const found: InstitutionType[] = [];
  for (const t of TYPO_TOLERANT) {
    const n = t.name.length;
    if (text.length < n || text[text.length - 1] !== t.name[n - 1]) continue;
    let diff = 0;
    for (let i = 0; i < n - 1 && diff < 2; i++) if (text[text.length - n + i] !== t.name[i]) diff++;
    if (diff === 1) found.push(t);
  }
  // 社区卫生服各中心 fits 社区卫生服务中心 and its tail 卫生服务中心: the longer reading is the one.
  const outer = found.filter((t) => !found.some((o) => o !== t && o.name.endsWith(t.name)));
  return outer.length === 1 ? outer[0]! : null;
}

export function typeByName(name: string): InstitutionType | null {
  return BY_NAME.get(name) ?? null;
}

/** Families whose specific types are different words for one kind of institution. */
const SYNONYM_FAMILIES = new Set(['mch', 'infectious', 'psychiatric', 'skin', 'tcm', 'mongolian', 'pharmacy-chain', 'women-children', 'blood', 'distributor', 'pharmacy', 'clinic']);

export type TypeRelation = 'same' | 'loose' | 'unknown' | 'different';

/** How two institution types relate: 'loose' when one is the generic word of the other's family. */
export function compareTypes(a: InstitutionType | null, b: InstitutionType | null): TypeRelation {
  if (!a || !b) return 'unknown';
  if (a.name === b.name) return 'same';
  if (a.family !== b.family) return 'different';
  if (a.generic || b.generic) return 'loose';
  // 人民医院, 中心医院 and 总医院 of one city are three hospitals; 儿童医院 ≠ 儿童医学中心.
  return SYNONYM_FAMILIES.has(a.family) ? 'loose' : 'different';
}

/**
 * A town's 卫生院 turned 社区卫生服务中心 (or back) is often the same customer under a new name:
 * not a veto, but never an automatic match either.
 */
export function renamedTownClinic(a: InstitutionType | null, b: InstitutionType | null): boolean {
  if (!a || !b) return false;
  const families = new Set([a.family, b.family]);
  return families.size === 2 && families.has('township') && families.has('community-centre');
}

/** Master `type` column values mapped to kinds; anything else is unknown. */
export function kindFromMasterType(type: string | undefined): CustomerKind | null {
  const t = (type ?? '').trim().toLowerCase();
  if (!t) return null;
  if (/distributor|wholesal|商业|经销|配送|批发|一级|二级/.test(t)) return 'distributor';
  if (/pharmacy|药店|药房|零售|连锁/.test(t)) return 'pharmacy';
  if (/clinic|诊所|卫生院|社区|卫生室|门诊/.test(t)) return 'clinic';
  if (/hospital|医院|医疗机构/.test(t)) return 'hospital';
  return 'other';
}

/** Hospitals and clinics are both medical terminals: a master may file a 卫生院 under either. */
export function kindsConflict(a: CustomerKind | null, b: CustomerKind | null): boolean {
  if (!a || !b || a === 'other' || b === 'other') return false;
  if ((a === 'hospital' || a === 'clinic') && (b === 'hospital' || b === 'clinic')) return false;
  return a !== b;
}
