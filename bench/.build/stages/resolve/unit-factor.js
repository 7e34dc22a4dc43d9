import { parseSpec } from '../../match/product/spec-parse.js';
/** Spellings distributors use for the same counting unit. */
const UNIT_SYNONYMS = { s: '片', S: '片', T: '片', "'s": '片' };
const canonical = (unit) => UNIT_SYNONYMS[unit] ?? unit;
/**
 * A matched product reported in a unit other than the master's: derive the factor from the
 * master spec where the spec says it (`10万iu×5瓶/盒` reported in 瓶 → 1/5; `0.5g*12片*2板` in 片
 * → 1/24, in 板 → 1/2). Cases and 件 vary by distributor and are never guessed: they need a
 * confirmed alias with a factor.
 */
export function inferUnitFactor(rawUnit, masterUnit, masterSpec) {
    const raw = (rawUnit ?? '').trim();
    const standard = (masterUnit ?? '').trim();
    if (!raw)
        return { factor: 1, rule: 'no unit given: the master unit' };
    if (raw === standard || !standard)
        return { factor: 1, rule: `same unit ${raw}` };
    if (!masterSpec)
        return { factor: null, rule: `unit ${raw} differs from ${standard} and the master has no spec` };
    const spec = parseSpec(masterSpec);
    if (spec.containerUnit && canonical(spec.containerUnit) === canonical(raw))
        return { factor: 1, rule: `${raw} is the sales pack of ${masterSpec}` };
    // Levels run innermost first; a unit at level i is worth the product of the counts from i on.
    let perPack = 1;
    const levels = spec.packLevels;
    for (let i = levels.length - 1; i >= 0; i--) {
        const level = levels[i];
        perPack *= level.count;
        if (level.unit && canonical(level.unit) === canonical(raw)) {
            return { factor: 1 / perPack, rule: `${perPack} ${raw} per ${standard} (spec ${masterSpec})` };
        }
    }
    return { factor: null, rule: `unit ${raw} is not in the spec ${masterSpec} of the ${standard}` };
}
//# sourceMappingURL=unit-factor.js.map