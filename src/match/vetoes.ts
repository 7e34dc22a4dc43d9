/**
 * Hard vetoes: facts that make two names different customers however similar they look. A
 * vetoed candidate may still be shown to a reviewer, never matched automatically.
 */
import type { CustomerNameParts } from './customer-normalise.js';
import { compareTypes, kindsConflict, renamedTownClinic, type CustomerKind } from './institution-types.js';
import { regionConflict, type RegionFacts } from './region-facts.js';

/** A customer name with what is known of it beyond the name. */
export interface PreparedCustomer {
  parts: CustomerNameParts;
  /** Where it is: from its own columns and its name (columns win on conflict). */
  facts: RegionFacts;
  kind: CustomerKind | null;
  /** The master lists branches of this institution as entries of their own. */
  tracksBranches?: boolean;
}

const LEVEL_WORD = { province: '省', city: '市', county: '区县' } as const;

function ordinalWord(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return `第${digits[n]}`;
  if (n < 20) return `第十${n % 10 ? digits[n % 10] : ''}`;
  return `第${n}`;
}

/** Every veto between a query and one master entry, each as a short human-readable phrase. */
export function customerVetoes(query: PreparedCustomer, master: PreparedCustomer): string[] {
  const vetoes: string[] = [];
  const q = query.parts;
  const m = master.parts;
  if (q.ordinal !== null && m.ordinal !== null && q.ordinal !== m.ordinal) {
    vetoes.push(`ordinal ${ordinalWord(q.ordinal)}≠${ordinalWord(m.ordinal)}`);
  }
  if (compareTypes(q.type, m.type) === 'different' && !renamedTownClinic(q.type, m.type)) vetoes.push(`type ${q.type!.name}≠${m.type!.name}`);
  if (kindsConflict(query.kind, master.kind)) vetoes.push(`kind ${query.kind}≠${master.kind}`);
  const conflict = regionConflict(query.facts, master.facts);
  if (conflict) vetoes.push(`${LEVEL_WORD[conflict]} contradicts`);
  return vetoes;
}
