/**
 * Alias lists repeat the same question many times (one name from many distributors, one row per
 * distributor × name): every matcher answers each distinct question once and hands the answer
 * to every input that asked it.
 */

/** The items in first-seen order without repeats (by `key`), and for each input the index of its distinct item. */
export function distinctBy<T>(items: readonly T[], key: (item: T) => string): { distinct: T[]; slot: Int32Array } {
  const seen = new Map<string, number>();
  const distinct: T[] = [];
  const slot = new Int32Array(items.length);
  items.forEach((item, i) => {
    const k = key(item);
    let at = seen.get(k);
    if (at === undefined) {
      at = distinct.length;
      seen.set(k, at);
      distinct.push(item);
    }
    slot[i] = at;
  });
  return { distinct, slot };
}

/** `answer` for each distinct item once, given back to every input in input order. */
export function mapDistinct<T, R>(items: readonly T[], key: (item: T) => string, answer: (item: T) => R): R[] {
  const { distinct, slot } = distinctBy(items, key);
  const answers = distinct.map(answer);
  return Array.from(slot, (at) => answers[at]!);
}
