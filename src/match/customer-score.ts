/**
 * The score of one (alias, master entry) pair, 0..1, from the parts of both names.
 *
 * The bodies (region words + parent institution + distinctive core) are aligned character by
 * character (longest common subsequence over UTF-16 units; CJK is one unit each). What decides
 * the score is the *core*: a core character the alias has and the master lacks costs most
 * (和平里 is not 和平), a master core character the alias dropped costs half (short names drop
 * words). Region words and parent institutions count through small capped penalties instead,
 * because aliases drop them all the time (协和医院 for 中国医学科学院北京协和医院); a region that
 * contradicts is a veto, not a penalty. Type, ordinal and branch add their own penalties.
 */
import { CHAR_AFFILIATION, CHAR_CORE, CHAR_REGION, type CustomerNameParts } from './customer-normalise.js';
import { compareTypes, renamedTownClinic } from './institution-types.js';
import { hasRegion, regionAgreement, regionConflict, type RegionFacts } from './region-facts.js';
import { customerVetoes, type PreparedCustomer } from './vetoes.js';

export interface CustomerScore {
  score: number;
  vetoes: string[];
  /** The score's parts, for the reason text: `core 0.92 −region 0.02 −type 0.04`. */
  parts: string;
}

/** A query with its weak hint: the reporting distributor's region. */
export interface PreparedQuery extends PreparedCustomer {
  contextFacts: RegionFacts;
  /** The alias as written. */
  raw: string;
}

let table = new Uint16Array(64 * 64);

/**
 * The longest common subsequence of `a` and `b`: sets `matchedA[i]` to 1 + the position in `b`
 * paired with `a[i]` (0 when unpaired), and the reverse in `matchedB`. Returns its length.
 */
export function alignLcs(a: string, b: string, matchedA: Uint16Array, matchedB: Uint16Array): number {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  if (table.length < (n + 1) * width) table = new Uint16Array((n + 1) * width * 2);
  for (let j = 0; j <= m; j++) table[j] = 0;
  for (let i = 1; i <= n; i++) {
    const row = i * width;
    const prev = row - width;
    table[row] = 0;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      table[row + j] = ca === b.charCodeAt(j - 1) ? table[prev + j - 1]! + 1 : Math.max(table[prev + j]!, table[row + j - 1]!);
    }
  }
  matchedA.fill(0, 0, n);
  matchedB.fill(0, 0, m);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      matchedA[i - 1] = j;
      matchedB[j - 1] = i;
      i--;
      j--;
    } else if (table[(i - 1) * width + j]! >= table[i * width + j - 1]!) i--;
    else j--;
  }
  return table[n * width + m]!;
}

const bufA = new Uint16Array(512);
const bufB = new Uint16Array(512);

interface BodyComparison {
  /** Share of distinctive characters in common; 1 when neither name has any. */
  core: number;
  hasCore: boolean;
  affiliationExtra: number;
  affiliationMissing: number;
  /** Region words of the query the master name does not have. */
  regionExtra: number;
  /** Region words of the master, deeper than any the query shares (郑州[西区]中医院). */
  regionDeeperMissing: number;
}

function compareBodies(q: PreparedCustomer, m: PreparedCustomer, cores: { core: number; hasCore: boolean }): BodyComparison {
  const a = q.parts.body.slice(0, 500);
  const b = m.parts.body.slice(0, 500);
  const ka = q.parts.bodyKinds;
  const kb = m.parts.bodyKinds;
  alignLcs(a, b, bufA, bufB);
  let affiliationExtra = 0;
  let affiliationMissing = 0;
  let regionExtra = 0;
  for (let i = 0; i < a.length; i++) {
    if (bufA[i] || ka[i] === CHAR_CORE) continue;
    if (ka[i] === CHAR_AFFILIATION) affiliationExtra++;
    else regionExtra++;
  }
  let regionDeeperMissing = 0;
  for (let j = 0; j < b.length; j++) {
    if (kb[j] === CHAR_REGION) {
      if (bufB[j]) regionDeeperMissing = 0;
      else regionDeeperMissing++;
    } else if (kb[j] === CHAR_AFFILIATION && !bufB[j]) affiliationMissing++;
  }
  return { core: cores.core, hasCore: cores.hasCore, affiliationExtra, affiliationMissing, regionExtra, regionDeeperMissing };
}

/**
 * Cores are compared with each other, not with the other name's region words: 江滨农场 is not
 * 黑龙江绥滨农场 because 江 appears in 黑龙江. Only when one side has no core of its own may the
 * other's core be found among its region words, whole (台州医院 → 台州市中心医院).
 */
function compareCores(q: PreparedCustomer, m: PreparedCustomer, missingWeight: number): { core: number; hasCore: boolean; placeTypo?: boolean } {
  // 枣阳鹿头镇 vs 枣阳市|鹿头镇: a place word the scan could not place is still a place word.
  const qc = dropPlacePrefix(q.parts.core, m.parts);
  const mc = dropPlacePrefix(m.parts.core, q.parts);
  if (!qc && !mc) return { core: 1, hasCore: false };
  if (!mc) {
    if (m.parts.body.includes(qc)) return { core: 1, hasCore: true };
    // 随洲市中医医院: a place word with one wrong character is no place, so it became the core.
    if (oneSubstitutionIn(qc.replace(PLACE_SUFFIX, ''), m.parts.body)) return { core: TYPO_CORE, hasCore: true, placeTypo: true };
    return { core: 0, hasCore: true };
  }
  if (!qc) {
    if (q.parts.body.includes(mc)) return { core: 1, hasCore: true };
    return { core: 0, hasCore: true };
  }
  const common = alignLcs(qc, mc, bufA, bufB);
  const extra = qc.length - common;
  const missing = mc.length - common;
  // An alias rarely adds a distinctive character the master lacks (老西沟 is not 西沟): twice the cost.
  const core = common / (common + 2 * extra + missingWeight * missing);
  // One wrong character (人材 for 仁材) ranks the entry for a reviewer; never enough to auto.
  if (extra === 1 && missing === 1 && qc.length >= 2 && oneSubstitutionIn(qc, mc)) return { core: Math.max(core, TYPO_CORE * (qc.length - 1) / qc.length + 0.1), hasCore: true };
  return { core, hasCore: true };
}

/** A trailing administrative word (县, 市, 旗) left on a place word the scan could not read. */
const PLACE_SUFFIX = /(?<=..)[省市县区旗州镇乡]$/;
/** The core of a pair whose place word differs in one character: a reviewer's candidate, not an auto. */
const TYPO_CORE = 0.7;

/** `text` (two characters or more) appears in `within` with exactly one character replaced. */
function oneSubstitutionIn(text: string, within: string): boolean {
  const n = text.length;
  if (n < 2 || within.length < n) return false;
  for (let start = 0; start + n <= within.length; start++) {
    let diff = 0;
    for (let i = 0; i < n && diff < 2; i++) if (text.charCodeAt(i) !== within.charCodeAt(start + i)) diff++;
    if (diff === 1) return true;
  }
  return false;
}

/** `core` without a leading word found among `other`'s region words (at least two characters). */
function dropPlacePrefix(core: string, other: CustomerNameParts): string {
  if (core.length < 3 || !other.bodyKinds.includes(CHAR_REGION)) return core;
  let region = '';
  for (let i = 0; i < other.body.length; i++) if (other.bodyKinds[i] === CHAR_REGION) region += other.body[i];
  for (let len = core.length - 1; len >= 2; len--) if (region.includes(core.slice(0, len))) return core.slice(len);
  return core;
}

/** The facts two places share, as a depth (county 3, city 2, province 1, none 0). */
function regionAgreementFacts(a: RegionFacts, b: RegionFacts): RegionFacts {
  const level = regionAgreement(a, b);
  if (level === 'county') return a;
  if (level === 'city') return { provinces: a.provinces, cities: a.cities, counties: null };
  if (level === 'province') return { provinces: a.provinces, cities: null, counties: null };
  return { provinces: null, cities: null, counties: null };
}

/** 3 = county, 2 = city, 1 = province, 0 = nowhere. */
function depth(facts: RegionFacts): number {
  return facts.counties ? 3 : facts.cities ? 2 : facts.provinces ? 1 : 0;
}

const LOCAL_FAMILIES = new Set(['township', 'community-centre', 'community-station', 'village', 'clinic']);

/** Below this share of common core characters a pair cannot reach review: no need for the rest. */
const HOPELESS_CORE = 0.35;

/**
 * Scores one pair; see the module comment for the rules. `explain` builds the score's parts as
 * text (only needed for the candidates a person will see).
 */
export function scoreCustomer(query: PreparedQuery, master: PreparedCustomer, explain = false): CustomerScore {
  const q = query.parts;
  const m = master.parts;
  const local = m.type !== null && LOCAL_FAMILIES.has(m.type.family);
  // Short names drop words, so a master word the alias lacks costs half; not for village and
  // township names, where the dropped word is usually the one that tells two places apart.
  const cores = compareCores(query, master, local ? 1 : 0.5);
  if (cores.core < HOPELESS_CORE) {
    return { score: cores.core, vetoes: explain ? customerVetoes(query, master) : [], parts: `core ${cores.core.toFixed(2)}` };
  }
  const body = compareBodies(query, master, cores);
  const notes: string[] | null = explain ? [`core ${body.core.toFixed(2)}${cores.placeTypo ? ' (place word one character off)' : ''}`] : null;
  let penalty = 0;
  const add = (amount: number, what: string): void => {
    if (amount <= 0) return;
    penalty += amount;
    if (notes) notes.push(`−${what} ${amount.toFixed(2)}`);
  };

  // With no distinctive word in the master name, region words, parent, level and type are its identity.
  const identityByPlace = !m.core && !q.generic;
  // Region words of the query the master's name lacks count only where its columns do not confirm them.
  const confirmed = depth(regionAgreementFacts(query.facts, master.facts));
  const queryDepth = depth(q.regionFacts);
  const unconfirmedExtra = body.regionExtra > 0 && (queryDepth === 0 || queryDepth > confirmed);
  if (identityByPlace && !cores.placeTypo && (unconfirmedExtra || body.regionDeeperMissing > 0)) add(0.5, 'region words differ');
  const missingParent = identityByPlace ? 0.1 : 0.03;
  if (q.affiliation) add(Math.min(0.4, 0.1 * body.affiliationExtra + missingParent * body.affiliationMissing), 'parent differs');
  else if (m.affiliation) add(identityByPlace ? 0.25 : 0.02, 'parent dropped');

  const masterDepth = depth(m.regionFacts) || depth(master.facts);
  if (queryDepth > 0 && queryDepth !== masterDepth) add(identityByPlace ? 0.3 : 0.15, 'region level differs');
  else if (identityByPlace && masterDepth < 3) {
    // 绥化市阿城区中医医院 vs 绥化市中医医院: a county word the master lacks, even one the city
    // does not have, names a county-level institution, not the city's.
    const extraCounty = q.countyWords.find((w) => !m.body.includes(w));
    if (extraCounty !== undefined) add(0.3, `county ${extraCounty} not in master`);
  }

  if (q.generic) {
    // 中医院 from a 商丘 distributor is first the city's own 商丘市中医院, then the counties'
    // (睢县中医院): the alias's columns or context give the level. Generic names never auto, so
    // this only orders what a reviewer sees.
    const hinted = depth(query.facts) || depth(query.contextFacts);
    if (hinted > 0 && depth(m.regionFacts) !== hinted) add(0.02, 'level differs from the alias region');
  }

  const agreement = regionAgreement(query.facts, master.facts);
  const contextAgreement = regionAgreement(query.contextFacts, master.facts);
  if (!agreement) {
    if (hasRegion(query.facts) && hasRegion(master.facts)) add(0.02, 'region unconfirmed');
    else if (hasRegion(query.facts)) add(0.03, 'region unknown in master');
    else if (contextAgreement === 'city' || contextAgreement === 'county') add(0.01, 'region from context');
    else if (regionConflict(query.contextFacts, master.facts)) add(0.12, 'outside the distributor\'s region');
    else if (hasRegion(master.facts)) {
      add((contextAgreement ? 0.03 : 0.04) + (local ? 0.06 : 0), 'region dropped');
    }
  }

  const types = compareTypes(q.type, m.type);
  if (renamedTownClinic(q.type, m.type)) add(0.3, `type ${q.type!.name}→${m.type!.name} (town clinic renamed?)`);
  if (types === 'loose' && q.type!.family === 'general') {
    // 东方人民医院 vs 东方医院: 人民医院, 中心医院 and a bare 医院 of one name may be two hospitals.
    add(identityByPlace ? 0.2 : 0.12, `type ${q.type!.name}~${m.type!.name}`);
  } else if (types === 'loose') add(identityByPlace ? 0.2 : 0.04, 'type loose');
  else if (types === 'unknown' && (q.type || m.type)) add(0.06, 'type missing');

  // A misspelt type ranks the entry (the right one is found) but costs a little, so that a name
  // spelt right wins a tie; genericBlock keeps it from auto.
  if (q.typeMistyped !== m.typeMistyped) add(0.05, 'type misspelt');
  if ((q.ordinal === null) !== (m.ordinal === null)) add(0.12, 'ordinal missing');

  if (q.branch && m.branch && q.branch !== m.branch) {
    // An alias naming campuses the master's list covers (北院区 of 南院区、北院区) is that entry.
    const listed = m.branch.split('、');
    if (m.branchList && q.branch.split('、').every((b) => listed.includes(b))) add(0.03, 'campus within master\'s list');
    else add(0.25, `campus ${q.branch}≠${m.branch}`);
  } else if (m.branch && !q.branch) add(m.branchList ? 0.02 : 0.12, m.branchList ? 'campus list dropped' : 'branch dropped');
  else if (q.branch && !m.branch) {
    add(q.branchInName ? 0.12 : master.tracksBranches ? 0.15 : 0.03, 'branch not in master');
  }

  const score = Math.max(0, Math.min(1, body.core - penalty));
  return { score, vetoes: customerVetoes(query, master), parts: notes ? notes.join(' ') : '' };
}

/**
 * A generic alias (人民医院, 第二人民医院) may only be matched automatically when its columns or
 * context place it at the same level as the master entry: a city and a city-level hospital, a
 * county and a county-level one. Returns why not, or null.
 */
export function genericBlock(query: PreparedQuery, master: PreparedCustomer): string | null {
  // A county hospital missing from the master would be matched to the city's one: never auto.
  if (query.parts.generic) return 'generic name: only a person can tell which one';
  // 武汉市第八医院(光谷院区) vs 武汉市第八医院: a named campus may be a customer of its own, and money follows it.
  const q = query.parts;
  // 妇幼堡健院: one wrong character inside the type is read as the type, but a person confirms it.
  if (q.typeMistyped && !master.parts.typeMistyped) return `type ${q.type?.name ?? ''} read through a typo: a person decides`;
  if (q.branch && q.namedBranch && !q.branchInName && !master.parts.branch) return `campus ${q.branch} not in master: a person decides`;
  return null;
}
