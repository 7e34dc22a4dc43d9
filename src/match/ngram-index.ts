/**
 * Candidate generation (blocking): an inverted index from character bigrams to the master keys
 * that contain them. A query looks up only its few rarest bigrams, so the cost grows with the
 * number of queries and the length of rare postings, never with queries × master.
 *
 * Postings live in one Int32Array (compressed sparse rows) so a 100k-entry master costs a few MB.
 */

/** A bigram (or a lone character for one-character texts) as one number: two UTF-16 units. */
export function gramsOf(text: string): number[] {
  if (text.length === 0) return [];
  if (text.length === 1) return [text.charCodeAt(0)];
  const grams = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) grams.add(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
  return [...grams];
}

/** Calls `use` with each gram of `text`, as gramsOf lists them (repeats included). */
function forEachGram(text: string, use: (gram: number) => void): void {
  if (text.length === 1) use(text.charCodeAt(0));
  for (let i = 0; i + 1 < text.length; i++) use(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
}

export interface NgramSearchOptions {
  /** Extra grams (region words from the query's columns) that count like the text's own. */
  extraTexts?: string[];
  /** How many candidates to return. */
  limit: number;
  /** How many of the rarest grams to look up. */
  maxGrams: number;
}

export class NgramIndex {
  readonly size: number;
  private readonly gramSlot = new Map<number, number>();
  private readonly offsets: Int32Array;
  private readonly postings: Int32Array;
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;
  /** Grams seen in more keys than this are skipped unless nothing rarer exists. */
  private readonly commonDf: number;

  /** `texts[i]` (plus `extraTexts[i]`) describes key i. */
  constructor(texts: string[], extraTexts: string[][] = []) {
    this.size = texts.length;
    // One pass gives each key its distinct gram slots (flat, key after key) and counts them per
    // slot; a second lays the postings out. No per-key arrays: a 100k master builds in less time.
    const keySlots: number[] = [];
    const keyEnds = new Int32Array(this.size);
    const counts: number[] = [];
    const lastKey: number[] = [];
    let key = 0;
    const add = (gram: number): void => {
      let slot = this.gramSlot.get(gram);
      if (slot === undefined) {
        slot = counts.length;
        this.gramSlot.set(gram, slot);
        counts.push(0);
        lastKey.push(-1);
      }
      if (lastKey[slot] === key) return;
      lastKey[slot] = key;
      counts[slot]!++;
      keySlots.push(slot);
    };
    for (; key < this.size; key++) {
      forEachGram(texts[key]!, add);
      for (const extra of extraTexts[key] ?? []) forEachGram(extra, add);
      keyEnds[key] = keySlots.length;
    }
    this.offsets = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) this.offsets[s + 1] = this.offsets[s]! + counts[s]!;
    this.postings = new Int32Array(this.offsets[counts.length]!);
    const fill = this.offsets.slice(0, counts.length);
    for (let k = 0, at = 0; k < this.size; k++) {
      for (const end = keyEnds[k]!; at < end; at++) this.postings[fill[keySlots[at]!]!++] = k;
    }
    // Single precision: half the bytes of the most randomly accessed array (a 100k master's fits
    // the core's cache), ~7% less match time measured, same answers on the 100k scale set.
    this.scores = new Float32Array(this.size);
    this.touched = new Int32Array(this.size);
    this.commonDf = Math.max(2000, Math.floor(this.size * 0.03));
  }

  /** How many keys contain the gram. */
  df(gram: number): number {
    const slot = this.gramSlot.get(gram);
    return slot === undefined ? 0 : this.offsets[slot + 1]! - this.offsets[slot]!;
  }

  /**
   * The keys sharing the most (IDF-weighted) rare grams with `text`, best first. Ties go to the
   * key listed first. Not thread-safe: the scratch arrays are reused between calls.
   */
  search(text: string, options: NgramSearchOptions): number[] {
    const grams = gramsOf(text);
    for (const extra of options.extraTexts ?? []) for (const g of gramsOf(extra)) if (!grams.includes(g)) grams.push(g);
    // Slots of the grams the index knows, rarest first.
    const slots: number[] = [];
    for (const g of grams) {
      const slot = this.gramSlot.get(g);
      if (slot !== undefined) slots.push(slot);
    }
    if (!slots.length) return [];
    const dfOf = (slot: number): number => this.offsets[slot + 1]! - this.offsets[slot]!;
    slots.sort((a, b) => dfOf(a) - dfOf(b));
    let chosen = 0;
    while (chosen < slots.length && chosen < options.maxGrams && dfOf(slots[chosen]!) <= this.commonDf) chosen++;
    if (chosen === 0) chosen = Math.min(2, slots.length);
    let touchedCount = 0;
    const scores = this.scores;
    const touched = this.touched;
    const postings = this.postings;
    for (let c = 0; c < chosen; c++) {
      const slot = slots[c]!;
      const from = this.offsets[slot]!;
      const to = this.offsets[slot + 1]!;
      const idf = Math.log(1 + this.size / (to - from));
      for (let p = from; p < to; p++) {
        const key = postings[p]!;
        if (scores[key] === 0) touched[touchedCount++] = key;
        scores[key]! += idf;
      }
    }
    const best = topKeys(touched, touchedCount, scores, options.limit);
    for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;
    return best;
  }
}

/** The `limit` highest-scoring keys among the touched ones (a small insertion-sorted buffer). */
function topKeys(touched: Int32Array, count: number, scores: Float32Array, limit: number): number[] {
  const keys: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = touched[i]!;
    const value = scores[key]!;
    if (keys.length === limit && value <= values[limit - 1]!) continue;
    let at = keys.length < limit ? keys.length : limit - 1;
    if (keys.length < limit) {
      keys.push(key);
      values.push(value);
    }
    while (at > 0 && (values[at - 1]! < value || (values[at - 1] === value && keys[at - 1]! > key))) {
      keys[at] = keys[at - 1]!;
      values[at] = values[at - 1]!;
      at--;
    }
    keys[at] = key;
    values[at] = value;
  }
  return keys;
}
