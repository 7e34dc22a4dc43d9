/**
 * The early-match worker (early-matching.ts starts it): while the load runs, it matches the
 * aliases of each committed batch that no dictionary or exact name will answer, at the lowest
 * thread priority, and appends each answer, as the resolution row it becomes, to an answer file
 * per kind (early-answer-file.ts). Its matchers are built from the resolve stage's own specs, so
 * its answers are the ones the resolve stage would give.
 *
 * It asks each question once (by the engines' own question keys), checks the shared stop flag
 * between chunks, and on `close` closes its files and says so: only then are the files whole.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority, thisThreadCpuSeconds } from '../../../match/background-thread.js';
import { customerQueryKey } from '../../../match/customer-matcher.js';
import { releaseJsHeapWhenGrown } from '../../../match/js-heap.js';
import { buildMatcher, type MatchOne } from '../../../match/matcher-spec.js';
import { productQueryKey } from '../../../match/product/product-matcher.js';
import type { CustomerQuery, ProductQuery } from '../../../match/types.js';
import { toUpdate, withFactor, type ProductsBySku } from '../answer-update.js';
import type { CustomerMatcherSpec, ProductMatcherSpec } from '../matcher-specs.js';
import { EARLY_FILE_NAME, earlyAnswerLine, type EarlyKind } from './early-answer-file.js';

export interface EarlyWorkerData {
  customer: CustomerMatcherSpec;
  product: ProductMatcherSpec;
  dir: string;
  /** Int32Array over a SharedArrayBuffer: [1 once the resolve stage wants the worker to stop]. */
  stop: Int32Array;
}

export type EarlyWorkerMessage = { kind: EarlyKind; queries: Array<CustomerQuery | ProductQuery> } | { drain: true } | { close: true };
export type EarlyWorkerReply = { drained: true } | { closed: true; asked: Record<EarlyKind, number>; answered: Record<EarlyKind, number>; cpuSeconds: number | null; heapMb: number };

/** Questions matched between two looks at the stop flag and two writes. */
const CHUNK = 256;

const data = workerData as EarlyWorkerData;
const port = parentPort!;
lowerThisThreadPriority();

const bySku: ProductsBySku = new Map(data.product.master.map((p) => [p.sku, p]));
const keyOf: Record<EarlyKind, (q: never) => string> = { customer: customerQueryKey, product: productQueryKey };
const files = {
  customer: openSync(path.join(data.dir, EARLY_FILE_NAME.customer), 'w'),
  product: openSync(path.join(data.dir, EARLY_FILE_NAME.product), 'w'),
};
// Numbers, not the key strings: at the 10M month the strings of 590k questions held ~100 MB
// during the load. Two keys that hash alike (about one pair in 10^10 at that count) only leave
// the second question to the resolve stage.
const askedKeys = { customer: new Set<number>(), product: new Set<number>() };
const answered = { customer: 0, product: 0 };
// Built on the kind's first question: a run whose products are all in the dictionary never builds one.
const matchers: Partial<Record<EarlyKind, MatchOne<never>>> = {};
/** A 53-bit hash of a question key (two 32-bit FNV-1a variants). */
function hashKey(key: string): number {
  let a = 2166136261;
  let b = 5381;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b, 33) ^ c;
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff);
}

const stopped = (): boolean => Atomics.load(data.stop, 0) !== 0;

function answerLine(kind: EarlyKind, query: CustomerQuery | ProductQuery, match: MatchOne<never>): string {
  const result = match(query as never);
  const update = toUpdate({}, result);
  if (kind === 'customer') return earlyAnswerLine(kind, query, update);
  const unit = (query as ProductQuery).unit ?? null;
  return earlyAnswerLine(kind, query, withFactor(update, unit, result, bySku));
}

function answer(kind: EarlyKind, queries: Array<CustomerQuery | ProductQuery>): void {
  const fresh = queries.filter((q) => {
    const key = hashKey(keyOf[kind](q as never));
    if (askedKeys[kind].has(key)) return false;
    askedKeys[kind].add(key);
    return true;
  });
  for (let from = 0; from < fresh.length && !stopped(); from += CHUNK) {
    const match = (matchers[kind] ??= buildMatcher(data[kind]) as MatchOne<never>);
    const chunk = fresh.slice(from, from + CHUNK);
    writeSync(files[kind], chunk.map((q) => answerLine(kind, q, match)).join(''));
    answered[kind] += chunk.length;
    releaseJsHeapWhenGrown();
  }
}

port.on('message', (message: EarlyWorkerMessage) => {
  // Messages are handled in order: every batch posted before this one is answered.
  if ('drain' in message) return port.postMessage({ drained: true } satisfies EarlyWorkerReply);
  if ('close' in message) {
    closeSync(files.customer);
    closeSync(files.product);
    const asked = { customer: askedKeys.customer.size, product: askedKeys.product.size };
    const heapMb = Math.round(getHeapStatistics().used_heap_size / 2 ** 20);
    port.postMessage({ closed: true, asked, answered, cpuSeconds: thisThreadCpuSeconds(), heapMb } satisfies EarlyWorkerReply);
    port.close();
    return;
  }
  if (!stopped()) answer(message.kind, message.queries);
});
