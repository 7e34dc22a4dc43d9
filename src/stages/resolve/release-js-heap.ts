import { setFlagsFromString } from 'node:v8';
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
 * (bin/drugflow is run by npm's shim and by cron).
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
}
