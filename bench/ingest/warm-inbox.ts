/**
 * Reads every file of an inbox once, untimed, before drugflow is timed on it: the baselines read
 * files that were just written or just read (the GBK files' UTF-8 copies, written untimed, and the
 * UTF-8 files drugflow's run had read minutes before), from the page cache, and drugflow's run
 * must not be the one that pays for the disk. On the 10M month a run after the caches were dropped
 * loaded in 196.3 s against 175.7 s for the same run with the inbox cached (BENCHMARKS.md, session 9).
 * A nightly run meets files that were just copied in, as cached as these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function warmInbox(inbox: string): { files: number; bytes: number; seconds: number } {
  const t0 = process.hrtime.bigint();
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(inbox, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += readFileSync(join(entry.parentPath, entry.name)).length;
    files++;
  }
  return { files, bytes, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}
