/**
 * What a match pool's threads each build their matcher from: the kind of alias, the master and the
 * matcher options. Plain data, so it can be copied to a worker thread; each thread builds its own
 * matcher from it, and the matchers are pure per question (their memos are caches of pure
 * functions), so every thread gives the same answer to the same question.
 */
import { createCustomerMatcher, type CustomerMatcherOptions } from './customer-matcher.js';
import { createProductMatcher, type ProductMatcherOptions } from './product/product-matcher.js';
import type { CustomerMasterEntry, CustomerQuery, MatchResult, ProductMasterEntry, ProductQuery } from './types.js';

export type MatcherSpec =
  | { kind: 'customer'; master: CustomerMasterEntry[]; options: CustomerMatcherOptions }
  | { kind: 'product'; master: ProductMasterEntry[]; options: ProductMatcherOptions };

/** The question type a spec's matcher answers. */
export type QueryOf<S extends MatcherSpec> = S extends { kind: 'customer' } ? CustomerQuery : ProductQuery;

export type MatchOne<Q> = (query: Q) => MatchResult;

export function buildMatcher<S extends MatcherSpec>(spec: S): MatchOne<QueryOf<S>> {
  if (spec.kind === 'customer') return createCustomerMatcher(spec.master, spec.options).match as MatchOne<QueryOf<S>>;
  return createProductMatcher(spec.master, spec.options).match as MatchOne<QueryOf<S>>;
}
