import { compareTypes, kindsConflict } from './institution-types.js';
import { regionConflict } from './region-facts.js';
const LEVEL_WORD = { province: '省', city: '市', county: '区县' };
function ordinalWord(n) {
    const digits = '零一二三四五六七八九';
    if (n < 10)
        return `第${digits[n]}`;
    if (n < 20)
        return `第十${n % 10 ? digits[n % 10] : ''}`;
    return `第${n}`;
}
/** Every veto between a query and one master entry, each as a short human-readable phrase. */
export function customerVetoes(query, master) {
    const vetoes = [];
    const q = query.parts;
    const m = master.parts;
    if (q.ordinal !== null && m.ordinal !== null && q.ordinal !== m.ordinal) {
        vetoes.push(`ordinal ${ordinalWord(q.ordinal)}≠${ordinalWord(m.ordinal)}`);
    }
    if (compareTypes(q.type, m.type) === 'different')
        vetoes.push(`type ${q.type.name}≠${m.type.name}`);
    if (kindsConflict(query.kind, master.kind))
        vetoes.push(`kind ${query.kind}≠${master.kind}`);
    const conflict = regionConflict(query.facts, master.facts);
    if (conflict)
        vetoes.push(`${LEVEL_WORD[conflict]} contradicts`);
    return vetoes;
}
//# sourceMappingURL=vetoes.js.map