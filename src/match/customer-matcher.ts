/**
 * Customer alias resolution: block with the bigram index, score the few candidates on the
 * parts of both names, decide with two thresholds and a margin. Every result says why.
 */
import { mapDistinct } from './distinct.js';
import { parseCustomerName } from './customer-normalise.js';
import { genericBlock, scoreCustomer, type PreparedQuery } from './customer-score.js';
import { decide, DEFAULT_CUSTOMER_THRESHOLDS, rankCandidates, resolveThresholds, unmatched, type ScoredCandidate } from './decision.js';
import { kindFromMasterType } from './institution-types.js';
import { NgramIndex } from './ngram-index.js';
import { combineFacts, factsFromFields, regionAgreement, regionConflict, regionShortNames } from './region-facts.js';
import type { CustomerMasterEntry, CustomerQuery, MatchResult, MatchThresholds } from './types.js';
import type { PreparedCustomer } from './vetoes.js';

export interface CustomerMatcherOptions {
  thresholds?: Partial<MatchThresholds>;
  /** Candidates re-scored per alias (default 12). */
  candidates?: number;
}

export interface CustomerMatcher {
  match(query: CustomerQuery): MatchResult;
  matchAll(queries: CustomerQuery[]): MatchResult[];
  readonly thresholds: MatchThresholds;
}

interface MasterKey {
  entry: number;
  prepared: PreparedCustomer;
  /** The key is a former/other name given in brackets, not the main name. */
  alternate: boolean;
}

function better(a: ScoredCandidate, b: ScoredCandidate): boolean {
  return a.score > b.score || (a.score === b.score && a.vetoes.length < b.vetoes.length);
}

function searchText(p: PreparedCustomer): string {
  return p.parts.body + (p.parts.type?.name ?? '');
}

/** The key that makes two queries the same question (name and every region column). */
export function customerQueryKey(q: CustomerQuery): string {
  return [q.name, q.province, q.city, q.contextProvince, q.contextCity].map((x) => x ?? '').join('\u0001');
}

export function createCustomerMatcher(master: CustomerMasterEntry[], options: CustomerMatcherOptions = {}): CustomerMatcher {
  const thresholds = resolveThresholds(DEFAULT_CUSTOMER_THRESHOLDS, options.thresholds);
  const limit = options.candidates ?? 12;
  const keys: MasterKey[] = [];
  const extras: string[][] = [];
  /** Normalised name → key ids: exact hits are always candidates, whatever the index says. */
  const byNormalised = new Map<string, number[]>();
  master.forEach((entry, index) => {
    const parts = parseCustomerName(entry.name);
    const fieldFacts = factsFromFields(entry.province, entry.city);
    const kind = kindFromMasterType(entry.type) ?? parts.kind;
    const names = [parts, ...parts.alternates.map((alt) => parseCustomerName(alt))];
    names.forEach((p, n) => {
      const prepared: PreparedCustomer = { parts: p, facts: combineFacts(fieldFacts, p.regionFacts), kind };
      const keyId = keys.length;
      keys.push({ entry: index, prepared, alternate: n > 0 });
      extras.push(regionShortNames(fieldFacts));
      if (!p.normalised) return;
      const list = byNormalised.get(p.normalised);
      if (list) list.push(keyId);
      else byNormalised.set(p.normalised, [keyId]);
    });
  });
  // Institutions whose branches are master entries of their own: an unknown branch is not the main.
  const groupOf = (p: PreparedCustomer): string => `${p.parts.body}|${p.parts.type?.name ?? ''}|${p.parts.ordinal ?? ''}`;
  const branched = new Set(keys.filter((k) => k.prepared.parts.branch).map((k) => groupOf(k.prepared)));
  for (const k of keys) if (branched.has(groupOf(k.prepared))) k.prepared.tracksBranches = true;
  const index = new NgramIndex(keys.map((k) => searchText(k.prepared)), extras);
  // Fallback blocking on single characters, for names whose rare pairs a typo broke (随洲市 for 随州市).
  let charIndex: NgramIndex | null = null;
  const charsOf = (text: string): string[] => [...new Set(text)];
  const byChars = (): NgramIndex => (charIndex ??= new NgramIndex(keys.map(() => ''), keys.map((k) => charsOf(k.prepared.parts.body))));

  function match(query: CustomerQuery): MatchResult {
    const parts = parseCustomerName(query.name ?? '');
    if (!parts.normalised) return unmatched('empty name after normalisation');
    const fieldFacts = factsFromFields(query.province, query.city);
    const contextFacts = factsFromFields(query.contextProvince, query.contextCity);
    const prepared: PreparedQuery = { parts, facts: combineFacts(fieldFacts, parts.regionFacts), kind: parts.kind, contextFacts, raw: query.name };
    const hintFacts = fieldFacts.provinces ? fieldFacts : contextFacts;
    const found = index.search(searchText(prepared), { extraTexts: regionShortNames(hintFacts), limit, maxGrams: 6 });
    const keyIds = new Set(found);
    for (const id of byNormalised.get(parts.normalised) ?? []) keyIds.add(id);

    const bestByEntry = new Map<number, { candidate: ScoredCandidate; key: number }>();
    let bestScore = 0;
    const consider = (id: number): void => {
      const candidate = scoreKey(prepared, id, false);
      if (!candidate.vetoes.length && candidate.score > bestScore) bestScore = candidate.score;
      const previous = bestByEntry.get(keys[id]!.entry);
      if (!previous || better(candidate, previous.candidate)) bestByEntry.set(keys[id]!.entry, { candidate, key: id });
    };
    for (const id of keyIds) consider(id);
    if (bestScore < thresholds.review && parts.body.length >= 2) {
      // No pair found anything worth a look: the rarest single characters may (a one-character typo).
      for (const id of byChars().search('', { extraTexts: charsOf(parts.body), limit, maxGrams: 4 })) if (!keyIds.has(id)) consider(id);
    }
    if (!bestByEntry.size) return unmatched('no master entry shares a rare character pair with the name');
    const ranked = rankCandidates([...bestByEntry.values()].map((b) => b.candidate));
    // Explain only what a person will read: the shown candidates and the runner-up.
    const keyOf = new Map([...bestByEntry.values()].map((b) => [b.candidate, b.key]));
    const explained = ranked.map((c, i) => (i < 3 ? scoreKey(prepared, keyOf.get(c)!, true) : c));
    return decide(explained, thresholds);
  }

  function scoreKey(prepared: PreparedQuery, id: number, explain: boolean): ScoredCandidate {
    const parts = prepared.parts;
    const key = keys[id]!;
    const entry = master[key.entry]!;
    const scored = scoreCustomer(prepared, key.prepared, explain);
    let method: ScoredCandidate['method'] = 'fuzzy';
    let score = scored.score;
    let why = scored.parts;
    const agreement = regionAgreement(prepared.facts, key.prepared.facts);
    const regionKnown = agreement ?? regionAgreement(prepared.contextFacts, key.prepared.facts);
    const sameName = key.prepared.parts.normalised === parts.normalised && key.prepared.parts.branch === parts.branch;
    const outside = !agreement && regionConflict(prepared.contextFacts, key.prepared.facts);
    if (sameName && !outside && (!parts.generic || regionKnown === 'city' || regionKnown === 'county')) {
      method = entry.name.trim() === prepared.raw.trim() ? 'exact' : 'normalised';
      score = 1;
      why = key.alternate ? 'same name as a bracketed former/other name' : 'same name after normalisation';
    }
    if (key.alternate && method === 'fuzzy') {
      score -= 0.02;
      if (explain) why += ' −via bracketed name 0.02';
    }
    const candidate: ScoredCandidate = { code: entry.code, name: entry.name, score, vetoes: scored.vetoes, parts: why, method };
    const blocked = genericBlock(prepared, key.prepared);
    if (blocked) candidate.blockAuto = blocked;
    return candidate;
  }

  function matchAll(queries: CustomerQuery[]): MatchResult[] {
    return mapDistinct(queries, customerQueryKey, match);
  }

  return { match, matchAll, thresholds };
}
