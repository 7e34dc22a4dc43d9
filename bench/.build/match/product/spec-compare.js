const EPS = 1e-6;
function eq(a, b) {
    return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}
function key(s) {
    return `${s.unit}:${Math.round(s.value * 1e6) / 1e6}`;
}
function sameMultiset(a, b) {
    if (a.length !== b.length)
        return false;
    const ka = a.map(key).sort();
    const kb = b.map(key).sort();
    return ka.every((k, i) => k === kb[i]);
}
/** Percentages converted to mg where a volume (w/v) or fill weight (w/w) makes that possible. */
function asMg(spec) {
    return spec.strengths.map((s) => {
        if (s.unit !== '%')
            return s;
        if (spec.volumeMl !== undefined)
            return { value: (s.value / 100) * spec.volumeMl * 1000, unit: 'mg' };
        if (spec.weightMg !== undefined)
            return { value: (s.value / 100) * spec.weightMg, unit: 'mg' };
        return s;
    });
}
/** Per-ml concentration in the unit of the amount, when derivable. */
function perMl(spec) {
    const c = spec.concentration;
    if (!c?.per || c.per.unit !== 'ml' || c.per.value <= 0)
        return undefined;
    return { value: c.amount.value / c.per.value, unit: c.amount.unit };
}
/** The single mass stated for one unit when the spec has exactly one of weight or strength. */
function unitMass(spec) {
    if (spec.weightMg !== undefined && spec.strengths.length === 0)
        return spec.weightMg;
    const only = spec.strengths[0];
    if (spec.weightMg === undefined && spec.strengths.length === 1 && only?.unit === 'mg')
        return only.value;
    return undefined;
}
function fact(a, b, same) {
    if (a === undefined && b === undefined)
        return 'absent';
    if (a === undefined || b === undefined)
        return 'missing';
    return same(a, b) ? 'match' : 'conflict';
}
function compareStrengthFacts(a, b) {
    const aMass = unitMass(a);
    const bMass = unitMass(b);
    const aHasW = a.weightMg !== undefined;
    const bHasW = b.weightMg !== undefined;
    // One side put its lone mass in weightMg, the other in strengths: compare them as one slot.
    if (aMass !== undefined && bMass !== undefined && aHasW !== bHasW) {
        return [eq(aMass, bMass) ? 'match' : 'conflict'];
    }
    const out = [];
    const sa = a.strengths.length > 0 ? a.strengths : undefined;
    const sb = b.strengths.length > 0 ? b.strengths : undefined;
    out.push(fact(sa, sb, (x, y) => sameMultiset(x, y) || sameMultiset(asMg(a), asMg(b))));
    out.push(fact(a.weightMg, b.weightMg, eq));
    return out;
}
function comparePack(a, b) {
    if (a.packCount === null && b.packCount === null)
        return 'absent';
    if (a.packCount === null || b.packCount === null)
        return 'missing';
    if (eq(a.packCount, b.packCount))
        return 'match';
    return a.packCountImplied || b.packCountImplied ? 'missing' : 'conflict';
}
export function compareParsedSpecs(a, b) {
    const verdicts = [
        ...compareStrengthFacts(a, b),
        fact(a.volumeMl, b.volumeMl, eq),
        fact(a.dosesPerUnit, b.dosesPerUnit, eq),
        comparePack(a, b),
    ];
    // Per-ml concentration matters only when neither side has a total strength to compare.
    if (a.strengths.length === 0 || b.strengths.length === 0) {
        const ca = perMl(a);
        const cb = perMl(b);
        if (ca && cb)
            verdicts.push(ca.unit === cb.unit && eq(ca.value, cb.value) ? 'match' : 'conflict');
    }
    if (verdicts.includes('conflict'))
        return 'different';
    if (verdicts.includes('missing'))
        return 'unknown';
    return verdicts.includes('match') ? 'same' : 'unknown';
}
//# sourceMappingURL=spec-compare.js.map