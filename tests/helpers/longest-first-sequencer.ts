import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files known to take minutes, started first. With two workers, a long file that starts
 * last runs alone at the end while the other worker idles; vitest's own order (longest first by
 * its cache of past durations) has no cache on a fresh CI checkout and falls back to file size.
 */
const LONGEST = ['tests/crash/kill-recovery.test.ts'];

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST.findIndex((path) => spec.moduleId.endsWith(path));
      return index === -1 ? LONGEST.length : index;
    };
    // Array.prototype.sort is stable: everything else keeps vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
