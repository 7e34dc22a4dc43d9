/**
 * Candidate generation (blocking): an inverted index from character bigrams to the master keys
 * that contain them. A query looks up only its few rarest bigrams, so the cost grows with the
 * number of queries and the length of rare postings, never with queries × master.
 *
 * Postings live in one Int32Array (compressed sparse rows) so a 100k-entry master costs a few MB.
 */
/** A bigram (or a lone character for one-character texts) as one number: two UTF-16 units. */
export function gramsOf(text) {
    if (text.length === 0)
        return [];
    if (text.length === 1)
        return [text.charCodeAt(0)];
    const grams = new Set();
    for (let i = 0; i + 1 < text.length; i++)
        grams.add(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
    return [...grams];
}
export class NgramIndex {
    size;
    gramSlot = new Map();
    offsets;
    postings;
    scores;
    touched;
    /** Grams seen in more keys than this are skipped unless nothing rarer exists. */
    commonDf;
    /** `texts[i]` (plus `extraTexts[i]`) describes key i. */
    constructor(texts, extraTexts = []) {
        this.size = texts.length;
        const keyGrams = texts.map((text, i) => {
            const grams = new Set(gramsOf(text));
            for (const extra of extraTexts[i] ?? [])
                for (const g of gramsOf(extra))
                    grams.add(g);
            return [...grams];
        });
        const counts = [];
        for (const grams of keyGrams) {
            for (const g of grams) {
                let slot = this.gramSlot.get(g);
                if (slot === undefined) {
                    slot = counts.length;
                    this.gramSlot.set(g, slot);
                    counts.push(0);
                }
                counts[slot]++;
            }
        }
        this.offsets = new Int32Array(counts.length + 1);
        for (let s = 0; s < counts.length; s++)
            this.offsets[s + 1] = this.offsets[s] + counts[s];
        this.postings = new Int32Array(this.offsets[counts.length]);
        const fill = this.offsets.slice(0, counts.length);
        keyGrams.forEach((grams, key) => {
            for (const g of grams) {
                const slot = this.gramSlot.get(g);
                this.postings[fill[slot]++] = key;
            }
        });
        this.scores = new Float64Array(this.size);
        this.touched = new Int32Array(this.size);
        this.commonDf = Math.max(2000, Math.floor(this.size * 0.03));
    }
    /** How many keys contain the gram. */
    df(gram) {
        const slot = this.gramSlot.get(gram);
        return slot === undefined ? 0 : this.offsets[slot + 1] - this.offsets[slot];
    }
    /**
     * The keys sharing the most (IDF-weighted) rare grams with `text`, best first. Ties go to the
     * key listed first. Not thread-safe: the scratch arrays are reused between calls.
     */
    search(text, options) {
        const grams = gramsOf(text);
        for (const extra of options.extraTexts ?? [])
            for (const g of gramsOf(extra))
                if (!grams.includes(g))
                    grams.push(g);
        // Slots of the grams the index knows, rarest first.
        const slots = [];
        for (const g of grams) {
            const slot = this.gramSlot.get(g);
            if (slot !== undefined)
                slots.push(slot);
        }
        if (!slots.length)
            return [];
        const dfOf = (slot) => this.offsets[slot + 1] - this.offsets[slot];
        slots.sort((a, b) => dfOf(a) - dfOf(b));
        let chosen = 0;
        while (chosen < slots.length && chosen < options.maxGrams && dfOf(slots[chosen]) <= this.commonDf)
            chosen++;
        if (chosen === 0)
            chosen = Math.min(2, slots.length);
        let touchedCount = 0;
        const scores = this.scores;
        const touched = this.touched;
        const postings = this.postings;
        for (let c = 0; c < chosen; c++) {
            const slot = slots[c];
            const from = this.offsets[slot];
            const to = this.offsets[slot + 1];
            const idf = Math.log(1 + this.size / (to - from));
            for (let p = from; p < to; p++) {
                const key = postings[p];
                if (scores[key] === 0)
                    touched[touchedCount++] = key;
                scores[key] += idf;
            }
        }
        const best = topKeys(touched, touchedCount, scores, options.limit);
        for (let i = 0; i < touchedCount; i++)
            scores[touched[i]] = 0;
        return best;
    }
}
/** The `limit` highest-scoring keys among the touched ones (a small insertion-sorted buffer). */
function topKeys(touched, count, scores, limit) {
    const keys = [];
    const values = [];
    for (let i = 0; i < count; i++) {
        const key = touched[i];
        const value = scores[key];
        if (keys.length === limit && value <= values[limit - 1])
            continue;
        let at = keys.length < limit ? keys.length : limit - 1;
        if (keys.length < limit) {
            keys.push(key);
            values.push(value);
        }
        while (at > 0 && (values[at - 1] < value || (values[at - 1] === value && keys[at - 1] > key))) {
            keys[at] = keys[at - 1];
            values[at] = values[at - 1];
            at--;
        }
        keys[at] = key;
        values[at] = value;
    }
    return keys;
}
//# sourceMappingURL=ngram-index.js.map