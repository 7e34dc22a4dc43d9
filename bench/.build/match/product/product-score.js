import { dice, specTextKey } from './product-keys.js';
import { compareSpecs } from './spec-parse.js';
const W_NAME = 0.7;
const W_SPEC = 0.15;
const W_MAKER = 0.15;
const fmt = (x) => x.toFixed(2);
function namePart(q, e) {
    const g = q.generic.get(e.id);
    const brand = e.brand !== undefined && q.brands.includes(e.brand);
    if (g && brand)
        return { score: Math.max(g.score, 0.99), rule: `${g.rule} + brand`, found: 'key' };
    if (g)
        return { score: g.score, rule: g.rule, found: 'key' };
    if (brand)
        return { score: 1, rule: 'brand', found: 'key' };
    const sim = Math.max(dice(q.core, e.base), e.brand ? dice(q.core, e.brand) : 0);
    return { score: sim, rule: 'similar name', found: 'fuzzy' };
}
/** SKUs of e's product (generic + form + maker) that the alias's spec does not rule out. */
export function fittingSkus(index, q, e) {
    const ids = index.byProduct.get(e.product) ?? [e.id];
    return ids.map((id) => index.entries[id]).filter((s) => !q.specInfo || compareSpecs(q.spec, s.spec) !== 'different');
}
export function scoreProduct(index, q, e) {
    const vetoes = [];
    const blocks = [];
    const name = namePart(q, e);
    if (name.found === 'fuzzy')
        blocks.push('name only similar');
    if (q.form && e.form && q.form !== e.form)
        vetoes.push(`dosage form ${q.form} ≠ ${e.form}`);
    if (q.salt && e.salt && q.salt !== e.salt)
        vetoes.push(`salt ${q.salt} ≠ ${e.salt}`);
    if (q.variants.length && e.variants.length && !q.variants.some((v) => e.variants.includes(v))) {
        vetoes.push(`variant (${q.variants.join(',')}) ≠ (${e.variants.join(',')})`);
    }
    if (q.brands.length && !(e.brand !== undefined && q.brands.includes(e.brand))) {
        vetoes.push(`brand ${q.brands.join('/')} is another product's`);
    }
    let spec;
    let specText;
    const cmp = q.specInfo ? compareSpecs(q.spec, e.spec) : 'unknown';
    if (cmp === 'different') {
        vetoes.push(`spec ${q.spec.normalised} ≠ ${e.spec.normalised}`);
        spec = 0;
        specText = 'differs';
    }
    else if (cmp === 'same') {
        spec = 1;
        specText = `same ${e.spec.normalised}`;
    }
    else {
        spec = q.specInfo ? 0.8 : 0.7;
        specText = q.specInfo ? `partial ${q.spec.normalised}` : 'not stated';
        // The alias states a pack the master's spec leaves open (`500mg*3瓶` against `0.5g`): a
        // multi-unit box may be a pack we do not sell, so this is not a confirmation.
        const aliasPack = q.spec.packCount !== null && !q.spec.packCountImplied ? q.spec.packCount : null;
        if (aliasPack !== null && aliasPack > 1 && (e.spec.packCount === null || e.spec.packCountImplied)) {
            blocks.push(`spec states a pack of ${aliasPack}, the master's ${e.spec.normalised} none`);
        }
        const fit = fittingSkus(index, q, e).length;
        if (fit > 1)
            blocks.push(`spec ${q.specInfo ? 'partial' : 'not stated'}: ${fit} SKUs of this product fit`);
    }
    let maker;
    let makerText;
    const rel = q.manufacturer && e.manufacturer ? index.makerRelation(q.manufacturer, e.manufacturer) : 'unknown';
    if (!q.manufacturer) {
        maker = 0.8;
        makerText = 'not stated';
        const viaBrand = e.brand !== undefined && q.brands.includes(e.brand);
        const makers = viaBrand ? index.makersByBrand.get(e.brand ?? '') ?? 1 : index.makersByGeneric.get(e.saltless) ?? 1;
        if (makers > 1)
            blocks.push(`maker not stated: ${makers} makers sell this ${viaBrand ? 'brand' : 'generic'}`);
    }
    else if (rel === 'different') {
        vetoes.push(`maker ${q.manufacturer} ≠ ${e.manufacturer}`);
        maker = 0;
        makerText = 'differs';
    }
    else if (rel === 'exact' || rel === 'same') {
        // The alias naming this very company outranks a sibling company of the same group.
        maker = rel === 'exact' ? 1 : 0.75;
        makerText = rel === 'exact' ? 'same' : 'same group';
    }
    else {
        maker = 0.6;
        makerText = !e.manufacturer ? 'master has none' : rel === 'partial' ? 'cut short' : 'unrecognised';
        if (e.manufacturer)
            blocks.push(`maker ${q.manufacturer} ${rel === 'partial' ? 'only a cut of' : 'not recognised as'} ${e.manufacturer}`);
    }
    const score = W_NAME * name.score + W_SPEC * spec + W_MAKER * maker;
    const exact = q.nameKey === e.key && q.specKey !== '' && q.specKey === specTextKey(e.entry.spec);
    return {
        code: e.entry.sku,
        name: e.display,
        score,
        vetoes,
        parts: `name ${fmt(name.score)} ${name.rule}; spec ${specText}; maker ${makerText}`,
        method: exact ? 'exact' : name.found === 'key' ? 'normalised' : 'fuzzy',
        ...(blocks.length ? { blockAuto: blocks.join('; ') } : {}),
    };
}
//# sourceMappingURL=product-score.js.map