import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

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
 * Garbage a matching thread may hold before it collects: while it matches, V8 lets the heap grow
 * towards its limit, and at a 10M-row month the product matching (this thread and its worker,
 * each at about 1 GiB of mostly dead strings) was the run's peak RSS, 2.9 GiB. Collecting at
 * this much garbage costs one full collection per 256 MiB allocated, a few per cent of the
 * matching time.
 */
const GARBAGE_HEADROOM = 256 * 2 ** 20;
let liveAfterCollect = 0;

/** Collects this thread's heap when it has grown GARBAGE_HEADROOM past what the last collection kept. */
export function releaseJsHeapWhenGrown(): void {
  if (getHeapStatistics().used_heap_size > liveAfterCollect + GARBAGE_HEADROOM) releaseJsHeap();
}
