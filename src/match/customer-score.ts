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
import { CHAR_AFFILIATION, CHAR_CORE, CHAR_REGION } from './customer-normalise.js';
import { compareTypes } from './institution-types.js';
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

function compareBodies(q: PreparedCustomer, m: PreparedCustomer, missingWeight: number): BodyComparison {
  const a = q.parts.body.slice(0, 500);
  const b = m.parts.body.slice(0, 500);
  const ka = q.parts.bodyKinds;
  const kb = m.parts.bodyKinds;
  alignLcs(a, b, bufA, bufB);
  let matched = 0;
  let extra = 0;
  let missing = 0;
  let affiliationExtra = 0;
  let affiliationMissing = 0;
  let regionExtra = 0;
  let coreChars = 0;
  for (let i = 0; i < a.length; i++) {
    const kind = ka[i];
    if (kind === CHAR_CORE) coreChars++;
    if (bufA[i]) {
      if (kind === CHAR_CORE) matched++;
    } else if (kind === CHAR_CORE) extra++;
    else if (kind === CHAR_AFFILIATION) affiliationExtra++;
    else regionExtra++;
  }
  let regionDeeperMissing = 0;
  for (let j = 0; j < b.length; j++) {
    const kind = kb[j];
    if (kind === CHAR_REGION) {
      if (bufB[j]) regionDeeperMissing = 0;
      else regionDeeperMissing++;
    }
    if (kind === CHAR_CORE) coreChars++;
    if (bufB[j]) {
      // A master core character matched by a query region or parent word (朝阳 in 北京朝阳医院).
      if (kind === CHAR_CORE && ka[bufB[j]! - 1] !== CHAR_CORE) matched++;
    } else if (kind === CHAR_CORE) missing++;
    else if (kind === CHAR_AFFILIATION) affiliationMissing++;
  }
  const core = coreChars === 0 ? 1 : matched / (matched + extra + missingWeight * missing || 1);
  return { core, hasCore: coreChars > 0, affiliationExtra, affiliationMissing, regionExtra, regionDeeperMissing };
}

/** 3 = county, 2 = city, 1 = province, 0 = nowhere. */
function depth(facts: RegionFacts): number {
  return facts.counties ? 3 : facts.cities ? 2 : facts.provinces ? 1 : 0;
}

const LOCAL_FAMILIES = new Set(['township', 'community-centre', 'community-station', 'village', 'clinic']);

/** Scores one pair; see the module comment for the rules. */
export function scoreCustomer(query: PreparedQuery, master: PreparedCustomer): CustomerScore {
  const q = query.parts;
  const m = master.parts;
  const local = m.type !== null && LOCAL_FAMILIES.has(m.type.family);
  // Short names drop words, so a master word the alias lacks costs half; not for village and
  // township names, where the dropped word is usually the one that tells two places apart.
  const body = compareBodies(query, master, local ? 1 : 0.5);
  const notes: string[] = [`core ${body.core.toFixed(2)}`];
  let penalty = 0;
  const add = (amount: number, what: string): void => {
    if (amount <= 0) return;
    penalty += amount;
    notes.push(`−${what} ${amount.toFixed(2)}`);
  };

  // With no distinctive word, region words, parent and level are the identity.
  const identityByPlace = !body.hasCore && !q.generic;
  if (identityByPlace && (body.regionExtra > 0 || body.regionDeeperMissing > 0)) add(0.5, 'region words differ');
  if (q.affiliation) add(Math.min(0.4, 0.1 * body.affiliationExtra + 0.03 * body.affiliationMissing), 'parent differs');
  else if (m.affiliation) add(identityByPlace ? 0.25 : 0.02, 'parent dropped');

  const queryDepth = depth(q.regionFacts);
  const masterDepth = depth(m.regionFacts) || depth(master.facts);
  if (queryDepth > 0 && queryDepth !== masterDepth) add(identityByPlace ? 0.3 : 0.1, 'region level differs');

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
  if (types === 'loose') add(0.04, 'type loose');
  else if (types === 'unknown' && (q.type || m.type)) add(0.06, 'type missing');

  if ((q.ordinal === null) !== (m.ordinal === null)) add(0.12, 'ordinal missing');

  if (q.branch && m.branch && q.branch !== m.branch) add(0.25, 'branch differs');
  else if (m.branch && !q.branch) add(0.12, 'branch dropped');
  else if (q.branch && !m.branch) {
    add(q.branchInName ? 0.12 : master.tracksBranches ? 0.15 : 0.03, 'branch not in master');
  }

  const score = Math.max(0, Math.min(1, body.core - penalty));
  return { score, vetoes: customerVetoes(query, master), parts: notes.join(' ') };
}

/**
 * A generic alias (人民医院, 第二人民医院) may only be matched automatically when its columns or
 * context place it at the same level as the master entry: a city and a city-level hospital, a
 * county and a county-level one. Returns why not, or null.
 */
export function genericBlock(query: PreparedQuery, master: PreparedCustomer): string | null {
  if (!query.parts.generic) return null;
  const known = hasRegion(query.facts) ? query.facts : query.contextFacts;
  const where = regionAgreement(known, master.facts);
  if (where !== 'city' && where !== 'county') return 'generic name without a city to place it';
  const masterDepth = master.parts.generic ? depth(master.facts) : depth(master.parts.regionFacts);
  if (masterDepth !== depth(known)) return 'generic name; the master entry is at another level';
  return null;
}
