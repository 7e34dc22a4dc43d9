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
import { hasRegion, regionAgreement, regionConflict } from './region-facts.js';
import { customerVetoes } from './vetoes.js';
let table = new Uint16Array(64 * 64);
/**
 * The longest common subsequence of `a` and `b`: sets `matchedA[i]` to 1 + the position in `b`
 * paired with `a[i]` (0 when unpaired), and the reverse in `matchedB`. Returns its length.
 */
export function alignLcs(a, b, matchedA, matchedB) {
    const n = a.length;
    const m = b.length;
    const width = m + 1;
    if (table.length < (n + 1) * width)
        table = new Uint16Array((n + 1) * width * 2);
    for (let j = 0; j <= m; j++)
        table[j] = 0;
    for (let i = 1; i <= n; i++) {
        const row = i * width;
        const prev = row - width;
        table[row] = 0;
        const ca = a.charCodeAt(i - 1);
        for (let j = 1; j <= m; j++) {
            table[row + j] = ca === b.charCodeAt(j - 1) ? table[prev + j - 1] + 1 : Math.max(table[prev + j], table[row + j - 1]);
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
        }
        else if (table[(i - 1) * width + j] >= table[i * width + j - 1])
            i--;
        else
            j--;
    }
    return table[n * width + m];
}
const bufA = new Uint16Array(512);
const bufB = new Uint16Array(512);
function compareBodies(q, m, cores) {
    const a = q.parts.body.slice(0, 500);
    const b = m.parts.body.slice(0, 500);
    const ka = q.parts.bodyKinds;
    const kb = m.parts.bodyKinds;
    alignLcs(a, b, bufA, bufB);
    let affiliationExtra = 0;
    let affiliationMissing = 0;
    let regionExtra = 0;
    for (let i = 0; i < a.length; i++) {
        if (bufA[i] || ka[i] === CHAR_CORE)
            continue;
        if (ka[i] === CHAR_AFFILIATION)
            affiliationExtra++;
        else
            regionExtra++;
    }
    let regionDeeperMissing = 0;
    for (let j = 0; j < b.length; j++) {
        if (kb[j] === CHAR_REGION) {
            if (bufB[j])
                regionDeeperMissing = 0;
            else
                regionDeeperMissing++;
        }
        else if (kb[j] === CHAR_AFFILIATION && !bufB[j])
            affiliationMissing++;
    }
    return { core: cores.core, hasCore: cores.hasCore, affiliationExtra, affiliationMissing, regionExtra, regionDeeperMissing };
}
/**
 * Cores are compared with each other, not with the other name's region words: 江滨农场 is not
 * 黑龙江绥滨农场 because 江 appears in 黑龙江. Only when one side has no core of its own may the
 * other's core be found among its region words, whole (台州医院 → 台州市中心医院).
 */
function compareCores(q, m, missingWeight) {
    const qc = q.parts.core;
    const mc = m.parts.core;
    if (!qc && !mc)
        return { core: 1, hasCore: false };
    if (!mc)
        return { core: m.parts.body.includes(qc) ? 1 : 0, hasCore: true };
    if (!qc) {
        if (q.parts.body.includes(mc))
            return { core: 1, hasCore: true };
        return { core: 0, hasCore: true };
    }
    const common = alignLcs(qc, mc, bufA, bufB);
    const extra = qc.length - common;
    const missing = mc.length - common;
    // An alias rarely adds a distinctive character the master lacks (老西沟 is not 西沟): twice the cost.
    return { core: common / (common + 2 * extra + missingWeight * missing), hasCore: true };
}
/** 3 = county, 2 = city, 1 = province, 0 = nowhere. */
function depth(facts) {
    return facts.counties ? 3 : facts.cities ? 2 : facts.provinces ? 1 : 0;
}
const LOCAL_FAMILIES = new Set(['township', 'community-centre', 'community-station', 'village', 'clinic']);
/** Below this share of common core characters a pair cannot reach review: no need for the rest. */
const HOPELESS_CORE = 0.35;
/**
 * Scores one pair; see the module comment for the rules. `explain` builds the score's parts as
 * text (only needed for the candidates a person will see).
 */
export function scoreCustomer(query, master, explain = false) {
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
    const notes = explain ? [`core ${body.core.toFixed(2)}`] : null;
    let penalty = 0;
    const add = (amount, what) => {
        if (amount <= 0)
            return;
        penalty += amount;
        if (notes)
            notes.push(`−${what} ${amount.toFixed(2)}`);
    };
    // With no distinctive word in the master name, region words, parent, level and type are its identity.
    const identityByPlace = !m.core && !q.generic;
    if (identityByPlace && (body.regionExtra > 0 || body.regionDeeperMissing > 0))
        add(0.5, 'region words differ');
    if (q.affiliation)
        add(Math.min(0.4, 0.1 * body.affiliationExtra + 0.03 * body.affiliationMissing), 'parent differs');
    else if (m.affiliation)
        add(identityByPlace ? 0.25 : 0.02, 'parent dropped');
    const queryDepth = depth(q.regionFacts);
    const masterDepth = depth(m.regionFacts) || depth(master.facts);
    if (queryDepth > 0 && queryDepth !== masterDepth)
        add(identityByPlace ? 0.3 : 0.15, 'region level differs');
    const agreement = regionAgreement(query.facts, master.facts);
    const contextAgreement = regionAgreement(query.contextFacts, master.facts);
    if (!agreement) {
        if (hasRegion(query.facts) && hasRegion(master.facts))
            add(0.02, 'region unconfirmed');
        else if (hasRegion(query.facts))
            add(0.03, 'region unknown in master');
        else if (contextAgreement === 'city' || contextAgreement === 'county')
            add(0.01, 'region from context');
        else if (regionConflict(query.contextFacts, master.facts))
            add(0.12, 'outside the distributor\'s region');
        else if (hasRegion(master.facts)) {
            add((contextAgreement ? 0.03 : 0.04) + (local ? 0.06 : 0), 'region dropped');
        }
    }
    const types = compareTypes(q.type, m.type);
    if (types === 'loose')
        add(identityByPlace ? 0.2 : 0.04, 'type loose');
    else if (types === 'unknown' && (q.type || m.type))
        add(0.06, 'type missing');
    if ((q.ordinal === null) !== (m.ordinal === null))
        add(0.12, 'ordinal missing');
    if (q.branch && m.branch && q.branch !== m.branch)
        add(0.25, 'branch differs');
    else if (m.branch && !q.branch)
        add(0.12, 'branch dropped');
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
export function genericBlock(query, master) {
    void master;
    // A county hospital missing from the master would be matched to the city's one: never auto.
    return query.parts.generic ? 'generic name: only a person can tell which one' : null;
}
//# sourceMappingURL=customer-score.js.map