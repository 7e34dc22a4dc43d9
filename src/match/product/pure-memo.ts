/**
 * Bounded memos for the matching hot path. Distributor lists repeat the same words, makers, names
 * and specs across thousands of aliases, so the second call is a map lookup; a memo forgets
 * everything when full, so hostile input cannot grow it without bound.
 */
export interface BoundedMemo<V> {
  /** The value for `key`, made by `make` on a miss. */
  get(key: string, make: () => V): V;
  /** The value for `key` if it is held, without making it. */
  peek(key: string): V | undefined;
}

export function boundedMemo<V>(limit: number): BoundedMemo<V> {
  const map = new Map<string, V>();
  return {
    get: (key, make) => {
      let v = map.get(key);
      if (v === undefined && !map.has(key)) {
        if (map.size >= limit) map.clear();
        v = make();
        map.set(key, v);
      }
      return v as V;
    },
    peek: (key) => map.get(key),
  };
}

/** A pure string → value function, memoised. */
export function memoByString<V>(fn: (s: string) => V, limit = 20_000): (s: string) => V {
  const memo = boundedMemo<V>(limit);
  return (s) => memo.get(s, () => fn(s));
}
