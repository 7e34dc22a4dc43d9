import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
/** This thread's heap in use after its last full collection. */
let liveAfterCollect = 0;

/**
 * Returns the matchers' garbage to the operating system before the SQL stages grow DuckDB's
 * buffers. Matching a national month's aliases leaves about 1 GiB of dead strings and memo
 * entries in the JavaScript heap, and V8 (whose heap limit is a quarter of the machine's memory)
 * sees no reason to collect it while the next stages allocate almost nothing in JavaScript: that
 * garbage and DuckDB's 1 GiB of working memory then add up to the run's peak RSS. One full
 * collection here is cheap (tens of milliseconds) next to the matching before it.
 * `gc` is only reachable with --expose-gc; setting the flag at run time and fetching `gc` from a
 * fresh context is how Node exposes it to a program that cannot choose its own command line
 * (bin/drugflow is run by npm's shim and by cron). In a worker thread it collects that thread's heap.
 */
export function releaseJsHeap(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
  liveAfterCollect = getHeapStatistics().used_heap_size;
}

/**
 * While a matching thread matches, V8 lets its heap grow towards its limit with dead strings: at a
 * 10M-row month the product matching (this thread and its worker, each at about 1 GiB) was the
 * run's peak RSS, 2.9 GiB, over issue 7's 2 GiB. A full collection on every few hundred MiB
 * allocated kept it down but cost 10–20% of the matching time (a collection walks the whole live
 * heap, and the customer matcher's is large), so a thread collects only when the process is near
 * its budget, and then only when its own heap holds at least MIN_GARBAGE more than its last
 * collection kept (so that a process held up by DuckDB's memory does not collect in a loop).
 */
const RSS_BUDGET = 1.5 * 2 ** 30;
const MIN_GARBAGE = 64 * 2 ** 20;

/** Collects this thread's heap when the process is over RSS_BUDGET and this heap has garbage to give back. */
export function releaseJsHeapWhenGrown(): void {
  if (process.memoryUsage.rss() < RSS_BUDGET) return;
  if (getHeapStatistics().used_heap_size > liveAfterCollect + MIN_GARBAGE) releaseJsHeap();
}
