import type { Logger } from '../log.js';

/** Times each stage for the run summary and the log: the first place to look when a night runs long. */
export function stageTimer(log: Logger) {
  const elapsed: Record<string, number> = {};
  return {
    elapsed,
    async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await work();
      } finally {
        elapsed[stage] = Math.round(performance.now() - started);
        // memory at each stage's end: where a night's peak builds up (DuckDB's buffers are in rss, not heap)
        const { rss, heapUsed } = process.memoryUsage();
        log.info({ stage, ms: elapsed[stage], rss_mb: Math.round(rss / 2 ** 20), heap_mb: Math.round(heapUsed / 2 ** 20) }, 'stage finished');
      }
    },
  };
}
