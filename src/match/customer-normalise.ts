/**
 * Splits a customer name into the parts that decide a match: region words, the parent
 * institution (首都医科大学附属), the distinctive core (协和, 同仁, 杨垱镇), the institution type
 * (人民医院), the ordinal (第一), a branch (东院) and former names in brackets.
 *
 * Master names and aliases go through the same function; the scorer then compares parts.
 */
import { findMistypedTypeSuffix, findTypeSuffix, type CustomerKind, type InstitutionType } from './institution-types.js';
import { combineFacts, NO_REGION, scanRegionPrefix, type RegionFacts } from './region-facts.js';
import { normaliseText, stripCodes } from './text-normalise.js';

/** What each character of `body` is: distinctive, a region word, or the parent institution. */
export const CHAR_CORE = 0;
export const CHAR_REGION = 1;
export const CHAR_AFFILIATION = 2;

export interface CustomerNameParts {
  /** The main name, normalised: no brackets, departments or codes; abbreviations expanded. */
  normalised: string;
  /** Region short forms + parent institution + core + store, in name order. */
  body: string;
  bodyKinds: Uint8Array;
  core: string;
  affiliation: string;
  type: InstitutionType | null;
  /** The type was read through one mistyped character (妇幼堡健院): a reviewer's candidate, never an auto. */
  typeMistyped: boolean;
  ordinal: number | null;
  branch: string | null;
  /** The branch is a list of campuses (`南院区、北院区`): the entry covers each of them. */
  branchList: boolean;
  /** The branch names a place or a named campus (光谷院区, 南部), not a plain 东院 / 新院区. */
  namedBranch: boolean;
  /** Short forms of the county-level region words of the name, whether or not they fit the city before. */
  countyWords: string[];
  /** The branch was written into the name (`普陀医院六横分院`), not in brackets. */
  branchInName: boolean;
  /** Former or other names in a bracket that ends the name: `北京市隆福医院(北京市东城区老年病医院)`. */
  alternates: string[];
  regionFacts: RegionFacts;
  company: boolean;
  kind: CustomerKind | null;
  /** Nothing but a type, an ordinal and placeholders (`人民医院`, `市第一医院`): needs context. */
  generic: boolean;
}

const DEPARTMENTS =
  '门诊药房|住院药房|急诊药房|中心药房|中药房|西药房|药剂科|药剂部|药学部|药械科|药库房|药库|药房|采购科|采购部|采购中心|采供中心|设备科|设备处|器械科|财务科|财务处|物资科|总务科|后勤科|库房|制剂室|静配中心|静脉配置中心|信息科|药品科|医保办|药事部';
const DEPARTMENT_SUFFIX = new RegExp(`(?<=(?:院|院区|人医|妇幼|中心|站|所|室|部|司|处))[-_/]?(?:${DEPARTMENTS})$`);
const DEPARTMENT_ONLY = new RegExp(`^(?:${DEPARTMENTS})$`);

/** [a literal the pattern needs (a cheap test first), pattern, replacement] */
const ABBREVIATIONS: Array<[string, RegExp, string]> = [
  ['附', /附([一二三四五六七八九])院$/, '附属第$1医院'],
  ['附院', /([一二三四五六七八九])附院$/, '第$1附属医院'],
  ['医大', /医大([一二三四五六七八九])院$/, '医科大学附属第$1医院'],
  ['附院', /附院$/, '附属医院'],
  // 山西医大第二医院, 某医大附属医院: 医大 is 医科大学 before a hospital of it (not 中医大: 中医药大学).
  ['医大', /(?<!中)医大(?=第[一二三四五六七八九十]+医院$|附属)/, '医科大学'],
  ['人医', /人医$/, '人民医院'],
  ['中医院', /(?<!西)中医院/, '中医医院'],
  ['院', /妇保院|妇幼院$/, '妇幼保健院'],
  ['妇保所', /妇保所$/, '妇幼保健所'],
  ['妇幼', /妇幼$/, '妇幼保健院'],
  ['中心', /(?:社卫中心|社区卫生中心|社区服务中心|社区中心)$/, '社区卫生服务中心'],
  ['站', /(?:社卫站|社区卫生站|社区服务站)$/, '社区卫生服务站'],
  ['院', /(?<=[市县区])([一二三四五六七八九])医?院$/, '第$1医院'],
  ['解放军', /^中国人民解放军|^人民解放军/, '解放军'],
];

const COMPANY = /(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|总公司|分公司|公司)/;
const COMPANY_AT_END = new RegExp(`${COMPANY.source}$`);
const COMPANY_THEN_STORE = new RegExp(`^(.+?)${COMPANY.source}(.{1,12}店)$`);
const CHAIN_THEN_STORE = /^(.*(?:大药房|药房|药店|医药|药业|堂))(.{1,10}?店)$/;
const BRANCH_SUFFIX = /^(.+院)((?:[东西南北新老总]院|[\u4e00-\u9fa5]{1,6}(?:院区|分院|校区)))$/;
const BRANCH_HINT = /(?:院区|分院|校区|[东西南北新老总]院)$/;
const BRANCH_WORD = /^(?:[东西南北中新老总]院?区?|[东西南北中]部|本部|院本部|总院|[\u4e00-\u9fa5]{0,6}(?:院区|分院|校区|分部))$/;
/** Campus words that name no place (东院, 新院区, 分院): a campus of the one institution the master lists. */
const PLAIN_CAMPUS = /^(?:[东西南北中新老]院区?|分院|本部|院本部|总院|主院区|本院|门诊部)$/;
/** A campus list in one bracket: `(南院区、北院区)`. */
const CAMPUS_LIST_SEPARATOR = /[、,，;；/及和]/;
/** The main campus named as a branch: the same customer as the bare name. */
const MAIN_CAMPUS = /^(?:本部|院本部|总院|主院区|本院)$/;
const NAME_WORD = /(?:医院|卫生院|中心|公司|药房|药店|门诊部|诊所|卫生室|卫生站|卫生所|医务室|保健院|保健所)/;
const ORDINAL = /第([一二三四五六七八九十百零〇两]+|\d+)(?!军)/g;
const GENERIC_CORE = /^(?:大学|学院|医学院|医科大学|中医药大学|医科|附属|医学|科学院|第)+$/;
const PLACEHOLDER = /^[市县区省州镇乡]+/;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 第一 → 1, 第十二 → 12, 第二十 → 20, 第3 → 3. */
export function parseOrdinal(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch in DIGITS) current = DIGITS[ch]!;
    else return null;
  }
  return total + current;
}

const DEPARTMENT_AFTER_CODE = new RegExp(`[-_/]?(?:${DEPARTMENTS})$`);

export function stripDepartments(text: string): string {
  let out = text;
  let previous = '';
  while (out !== previous) {
    previous = out;
    if (/\d/.test(out)) {
      // 某医院/C0012药剂科: the code shows once the department is gone, and the reverse. Before
      // the plain suffix rule, which would read 某医院/C0012/住院药房 as 住院 + 药房 and keep 住院.
      out = out.replace(DEPARTMENT_AFTER_CODE, (dept, at: number) => (/[0-9a-z]$/.test(out.slice(0, at)) ? '' : dept));
      out = stripCodes(out);
    }
    out = out.replace(DEPARTMENT_SUFFIX, '');
  }
  return out;
}

export function expandAbbreviations(text: string): string {
  let out = text;
  for (const [guard, pattern, replacement] of ABBREVIATIONS) if (out.includes(guard)) out = out.replace(pattern, replacement);
  return out;
}

interface Brackets {
  main: string;
  branch: string | null;
  alternates: string[];
}

/** What may follow a bracket that still ends the name: departments and further brackets. */
const TAIL_AFTER_BRACKET = new RegExp(`^(?:\\([^()]*\\)|[-_/\\s]|${DEPARTMENTS})*$`);
/** Separators of a list of names in one bracket: `(北京市东城区妇幼保健院、北京市东城区东四妇产医院)`. */
const NAME_LIST_SEPARATOR = /[、,，;；]/;

/**
 * A bracket's content as other names of the entry: only when the bracket ends the name. A bracket
 * followed by more name (`某卫生院(某社区卫生服务中心)七道河社区卫生服务站`) qualifies a parent
 * institution, so its names are the parent's, not the entry's: taking them as the entry's would
 * give a station the parent's name at full score.
 */
function otherNames(content: string, trailing: boolean): string[] {
  if (!trailing) return [];
  return content.split(NAME_LIST_SEPARATOR).map((n) => n.replace(/^(?:原|即|又名|曾用名|旧称)[:：]?/, '')).filter((n) => n.length >= 4 && isInstitutionName(n));
}

/** Names an institution (医院, 卫生院, 防治所, 疗养院, 社区卫生服务站…), not a campus or a note. */
const INSTITUTION_WORD = /(?:防治所|防治院|疗养院|护理院|研究所|研究院|血站)$/;
function isInstitutionName(text: string): boolean {
  if (NAME_WORD.test(text) || INSTITUTION_WORD.test(text)) return true;
  // 社区卫生服务站 and other medical types; not a store (`（海珠店）` is a note on a pharmacy).
  const kind = findTypeSuffix(text)?.kind;
  return kind === 'hospital' || kind === 'clinic';
}

/** Takes bracketed parts out of a name and sorts them: branch, former/other name, or noise. */
function splitBrackets(text: string): Brackets {
  let branch: string | null = null;
  const alternates: string[] = [];
  let main = text;
  let previous = '';
  while (main !== previous) {
    previous = main;
    main = main.replace(/\(([^()]*)\)/, (whole: string, inner: string, at: number) => {
      const content = inner.replace(/^(?:原|即|又名|曾用名|旧称)[:：]?/, '');
      if (!content || DEPARTMENT_ONLY.test(content)) return '';
      if (MAIN_CAMPUS.test(content)) return '';
      const list = content.split(CAMPUS_LIST_SEPARATOR).filter(Boolean);
      if (list.length > 1 && list.every((c) => BRANCH_WORD.test(c) || MAIN_CAMPUS.test(c))) {
        // The campuses an entry covers (or an alias names), in one canonical order.
        branch = [...new Set(list)].sort().join('、');
        return '';
      }
      if (BRANCH_WORD.test(content) && !NAME_WORD.test(content.replace(/院区$|分院$/, ''))) branch = content;
      else alternates.push(...otherNames(content, TAIL_AFTER_BRACKET.test(main.slice(at + whole.length))));
      return '';
    });
  }
  return { main: main.replace(/[()]/g, ''), branch, alternates };
}

/** The full parse of one customer name. */
export function parseCustomerName(raw: string): CustomerNameParts {
  const brackets = splitBrackets(normaliseText(raw));
  let text = expandAbbreviations(stripDepartments(brackets.main));
  let branch = brackets.branch;
  let company = false;
  let store = '';

  const companyStore = text.endsWith('店') && text.includes('公司') ? COMPANY_THEN_STORE.exec(text) : null;
  if (companyStore) {
    company = true;
    text = companyStore[1]!;
    store = companyStore[2]!;
  } else if (text.endsWith('公司') && COMPANY_AT_END.test(text)) {
    company = true;
    text = text.replace(COMPANY_AT_END, '');
  }
  text = text.replace(/集团$/, '');
  // 南洲分店 and 南洲店 are one store.
  if (store) store = store.replace(/分店$/, '店');
  if (!store && text.endsWith('店')) {
    const chainStore = CHAIN_THEN_STORE.exec(text);
    if (chainStore && chainStore[1]!.length >= 2) {
      text = chainStore[1]!;
      store = chainStore[2]!.replace(/分店$/, '店');
    }
  }
  const branchSuffix = BRANCH_HINT.test(text) ? BRANCH_SUFFIX.exec(text) : null;
  let branchInName = false;
  if (branchSuffix && !store) {
    text = branchSuffix[1]!;
    branchInName = !branch;
    branch = branch ?? branchSuffix[2]!;
  }

  let ordinal: number | null = null;
  const withOrdinal = `${text}|${store}`;
  const ordinals = withOrdinal.includes('第') ? [...withOrdinal.matchAll(ORDINAL)] : [];
  const last = ordinals[ordinals.length - 1];
  if (last) {
    ordinal = parseOrdinal(last[1]!);
    const at = last.index!;
    const cut = withOrdinal.slice(0, at) + withOrdinal.slice(at + last[0].length);
    [text, store] = cut.split('|') as [string, string];
  }

  let type = findTypeSuffix(text);
  let typeMistyped = false;
  if (!type || type.generic) {
    const mistyped = findMistypedTypeSuffix(text);
    if (mistyped && mistyped.name.length > (type?.name.length ?? 0)) {
      type = mistyped;
      typeMistyped = true;
    }
  }
  const normalised = brackets.main ? expandAbbreviations(stripDepartments(brackets.main)) : '';
  if (type) text = text.slice(0, text.length - type.name.length);

  let first = scanRegionPrefix(text);
  // 市黄陂区中医医院: a placeholder 市/省 before a region word the scan can read (not 市中区: that is a place).
  if (!first.tokens.length && /^[市省县区]/.test(text)) {
    const after = scanRegionPrefix(text, 1);
    if (after.tokens.length) {
      text = text.slice(1);
      first = scanRegionPrefix(text);
    }
  }
  let rest = text.slice(first.end);
  let affiliation = '';
  const attached = rest.lastIndexOf('附属');
  if (attached >= 0) {
    affiliation = rest.slice(0, attached + 2);
  } else if (/大学|学院/.test(rest)) {
    const school = /^(.{0,12}?(?:医科大学|中医药大学|大学|医学院|学院|科学院))/.exec(rest);
    if (school && school[1]!.length < rest.length) affiliation = school[1]!;
  }
  rest = rest.slice(affiliation.length);
  const second = scanRegionPrefix(rest, 0, first.facts);
  let core = (rest.slice(second.end) + store).replace(PLACEHOLDER, '');
  const firstTokens = [...first.tokens];
  const secondTokens = [...second.tokens];
  // 朝阳医院, 北京朝阳医院, 南京鼓楼医院: a bare place word right before the type is the
  // hospital's own name, not where it is.
  const lastList = secondTokens.length ? secondTokens : firstTokens;
  const lastToken = lastList[lastList.length - 1];
  const typeFollows = lastList === secondTokens || !affiliation;
  if (!core && typeFollows && lastToken && !lastToken.full && lastToken.level !== 'province') {
    lastList.pop();
    core = lastToken.text;
  }
  // 北京大学深圳医院: a place before a university names the university, not the hospital.
  // 大学, 医学院 alone say nothing about which one: parent words, not a distinctive core.
  if (core && GENERIC_CORE.test(core)) {
    affiliation += core;
    core = '';
  }
  const firstFacts = affiliation ? NO_REGION : (firstTokens[firstTokens.length - 1]?.factsAfter ?? NO_REGION);
  const secondFacts = secondTokens[secondTokens.length - 1]?.factsAfter ?? NO_REGION;
  const regionFacts = combineFacts(secondFacts, firstFacts);

  const pieces: Array<[string, number]> = [];
  for (const t of firstTokens) pieces.push([t.short, CHAR_REGION]);
  if (affiliation) pieces.push([affiliation, CHAR_AFFILIATION]);
  for (const t of secondTokens) pieces.push([t.short, CHAR_REGION]);
  if (core) pieces.push([core, CHAR_CORE]);
  const body = pieces.map((p) => p[0]).join('');
  const bodyKinds = new Uint8Array(body.length);
  let at = 0;
  for (const [piece, kind] of pieces) {
    bodyKinds.fill(kind, at, at + piece.length);
    at += piece.length;
  }
  const kind = type?.kind ?? (company ? 'distributor' : null);
  const countyWords = [...firstTokens, ...secondTokens].filter((t) => t.level === 'county').map((t) => t.short);
  return {
    normalised,
    body,
    bodyKinds,
    core,
    affiliation,
    type,
    typeMistyped,
    ordinal,
    branch,
    branchList: branch !== null && branch.includes('、'),
    namedBranch: branch !== null && !branch.split('、').every((b) => PLAIN_CAMPUS.test(b)),
    countyWords,
    branchInName,
    alternates: brackets.alternates,
    regionFacts,
    company,
    kind,
    generic: body.length === 0,
  };
}
