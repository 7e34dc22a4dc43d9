/**
 * The early-match worker (early-matching.ts starts it): while the load runs, it matches the
 * aliases of each committed batch that no dictionary or exact name will answer, at the lowest
 * thread priority, and appends each answer, as the resolution row it becomes, to an answer file
 * per kind (early-answer-file.ts). Its matchers are built from the resolve stage's own specs, so
 * its answers are the ones the resolve stage would give.
 *
 * It asks each question once (by the engines' own question keys) and checks the shared stop flag
 * between chunks. At the resolve stage it is paused (`pause`: its queue is dropped and every line
 * it wrote is whole), then asked the rest of the pending questions directly (`rest`: answers go
 * back as messages, with its matcher already built) or to share a batch with the resolve stage's
 * own thread (`share`: it claims chunks from the batch's shared counter, as a match pool's worker
 * does), then told which matcher it may drop, and closed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority, thisThreadCpuSeconds } from '../../../match/background-thread.js';
import { customerQueryKey } from '../../../match/customer-matcher.js';
import { mapDistinct } from '../../../match/distinct.js';
import { releaseJsHeap, releaseJsHeapWhenGrown } from '../../../match/js-heap.js';
import { buildMatcher, type MatchOne } from '../../../match/matcher-spec.js';
import { productQueryKey } from '../../../match/product/product-matcher.js';
import type { ChunkAnswers } from '../../../match/pool-worker.js';
import { answeredChunks, type SharedChunks } from '../../../match/shared-chunks.js';
import type { CustomerQuery, MatchResult, ProductQuery } from '../../../match/types.js';
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

export type EarlyWorkerMessage =
  | { kind: EarlyKind; queries: Array<CustomerQuery | ProductQuery> }
  | { drain: true }
  | { pause: true }
  | { rest: EarlyKind; queries: Array<CustomerQuery | ProductQuery> }
  | { share: EarlyKind; work: SharedChunks<CustomerQuery | ProductQuery> }
  | { release: EarlyKind }
  | { close: true };
export type EarlyWorkerReply =
  | { drained: true }
  | { paused: true; answered: Record<EarlyKind, number> }
  | { results: MatchResult[] }
  | { chunks: ChunkAnswers }
  | { closed: true; asked: Record<EarlyKind, number>; answered: Record<EarlyKind, number>; cpuSeconds: number | null; heapMb: number };

/** Questions matched between two looks at the stop flag. */
const CHUNK = 256;

/**
 * Answer text written at a time, in characters: a chunk's answers joined whole were a string of
 * a few hundred KiB, which V8 allocates on fresh pages (a large object) that each cost a page
 * fault; this stays in its young generation (see DECODE_PIECE_BYTES in io/decode.ts).
 */
const WRITE_CHARS = 16 * 1024;

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

const matcherOf = (kind: EarlyKind): MatchOne<never> => (matchers[kind] ??= buildMatcher(data[kind]) as MatchOne<never>);

function answer(kind: EarlyKind, queries: Array<CustomerQuery | ProductQuery>): void {
  const fresh = queries.filter((q) => {
    const key = hashKey(keyOf[kind](q as never));
    if (askedKeys[kind].has(key)) return false;
    askedKeys[kind].add(key);
    return true;
  });
  for (let from = 0; from < fresh.length && !stopped(); from += CHUNK) {
    const match = matcherOf(kind);
    const chunk = fresh.slice(from, from + CHUNK);
    let text = '';
    for (const q of chunk) {
      text += answerLine(kind, q, match);
      if (text.length >= WRITE_CHARS) {
        writeSync(files[kind], text);
        text = '';
      }
    }
    if (text) writeSync(files[kind], text);
    answered[kind] += chunk.length;
    releaseJsHeapWhenGrown();
  }
}

/**
 * The rest of the pending questions, asked by the resolve stage once the load is over: each
 * distinct question matched once, whatever was asked before, the answers in the questions' order.
 */
function matchRest(kind: EarlyKind, queries: Array<CustomerQuery | ProductQuery>): MatchResult[] {
  const match = matcherOf(kind);
  const answers = mapDistinct(queries, keyOf[kind] as (q: CustomerQuery | ProductQuery) => string, (q) => match(q as never));
  releaseJsHeapWhenGrown();
  return answers;
}

/**
 * The chunks of a shared batch this worker claims, answered: the calling thread claims the others
 * from the same counter. A batch posted while the worker is busy (the customer rest) finds the
 * chunks the caller has not taken yet, or none.
 */
function matchShared(kind: EarlyKind, work: SharedChunks<CustomerQuery | ProductQuery>): ChunkAnswers {
  const match = matcherOf(kind);
  return new Map(answeredChunks(work, (q) => match(q as never)));
}

const askedSizes = (): Record<EarlyKind, number> => ({ customer: askedKeys.customer.size, product: askedKeys.product.size });
/** How many questions the load asked, counted once no more come. */
let askedCount: Record<EarlyKind, number> | undefined;

/**
 * No more questions from the load: the keys that kept them apart and the garbage of answering
 * them go, the matchers stay. The resolve stage's first SQL statements run meanwhile, and at the
 * 10M month this worker's heap and theirs made the run's peak RSS (1.98 GiB).
 */
function pause(): void {
  askedCount = askedSizes();
  askedKeys.customer.clear();
  askedKeys.product.clear();
  releaseJsHeap();
}

port.on('message', (message: EarlyWorkerMessage) => {
  // Messages are handled in order, and so are the replies: every batch posted before this one is
  // answered (or, once the stop flag is up, dropped).
  if ('drain' in message) return port.postMessage({ drained: true } satisfies EarlyWorkerReply);
  if ('pause' in message) {
    pause();
    return port.postMessage({ paused: true, answered } satisfies EarlyWorkerReply);
  }
  if ('rest' in message) return port.postMessage({ results: matchRest(message.rest, message.queries) } satisfies EarlyWorkerReply);
  if ('share' in message) return port.postMessage({ chunks: matchShared(message.share, message.work) } satisfies EarlyWorkerReply);
  if ('release' in message) {
    delete matchers[message.release];
    releaseJsHeap();
    return;
  }
  if ('close' in message) {
    closeSync(files.customer);
    closeSync(files.product);
    const asked = askedCount ?? askedSizes();
    const heapMb = Math.round(getHeapStatistics().used_heap_size / 2 ** 20);
    port.postMessage({ closed: true, asked, answered, cpuSeconds: thisThreadCpuSeconds(), heapMb } satisfies EarlyWorkerReply);
    port.close();
    return;
  }
  if (!stopped()) answer(message.kind, message.queries);
});
