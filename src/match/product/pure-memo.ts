/**
 * A bounded memo for pure string → value functions on the matching hot path. Distributor lists
 * repeat the same words, makers and form words across thousands of aliases, so the second call is a
 * map lookup; the map forgets everything when full so hostile input cannot grow it without bound.
 */
export function memoByString<V>(fn: (s: string) => V, limit = 20_000): (s: string) => V {
  const map = new Map<string, V>();
  return (s) => {
    let v = map.get(s);
    if (v === undefined && !map.has(s)) {
      if (map.size >= limit) map.clear();
      v = fn(s);
      map.set(s, v);
    }
    return v as V;
  };
}
