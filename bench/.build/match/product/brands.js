import { detectDosageForm } from './dosage-form.js';
export function normaliseBrand(raw) {
    let s = (typeof raw === 'string' ? raw : '').normalize('NFKC');
    s = s.replace(/[【】[\]〖〗®™©"“”]/gu, '').replace(/\s+/gu, '').trim();
    s = s.replace(/牌$/u, '');
    const form = detectDosageForm(s);
    if (form !== undefined) {
        for (const cut of [3, 2, 1]) {
            const head = s.slice(0, -cut);
            // The cut must be a form word itself: 珮夫人克露 loses 露, not 人克露 (which merely ends in one).
            const tail = s.slice(-cut);
            const tailIsForm = detectDosageForm(tail) === form && (cut === 1 || detectDosageForm(tail.slice(1)) !== form);
            if (head.length >= 2 && tailIsForm && detectDosageForm(head) === undefined) {
                return head;
            }
        }
    }
    return s;
}
export function buildBrandIndex(master) {
    const byBrand = new Map();
    for (const e of master) {
        if (!e.brand)
            continue;
        const b = normaliseBrand(e.brand);
        if (b.length < 2)
            continue;
        const list = byBrand.get(b);
        if (list)
            list.push(e);
        else
            byBrand.set(b, [e]);
    }
    const brands = [...byBrand.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    return { byBrand, brands };
}
export function findBrandsInText(index, text) {
    const s = (typeof text === 'string' ? text : '').normalize('NFKC').replace(/\s+/gu, '');
    if (s === '')
        return [];
    const taken = new Array(s.length).fill(false);
    const found = [];
    for (const b of index.brands) {
        let from = 0;
        for (let at = s.indexOf(b, from); at >= 0; at = s.indexOf(b, from)) {
            from = at + 1;
            if (taken.slice(at, at + b.length).some(Boolean))
                continue;
            taken.fill(true, at, at + b.length);
            if (!found.includes(b))
                found.push(b);
        }
    }
    return found;
}
/** Master entries whose brand the text mentions: resolves `华素片1.5MG×15S` to 西地碘含片 entries. */
export function brandCandidates(index, text) {
    return findBrandsInText(index, text).map((brand) => ({ brand, entries: index.byBrand.get(brand) ?? [] }));
}
export function brandMatch(index, aliasName, entry) {
    const mentioned = findBrandsInText(index, aliasName);
    const own = entry.brand ? normaliseBrand(entry.brand) : undefined;
    if (own !== undefined && own.length >= 2) {
        if (mentioned.includes(own))
            return 'same';
        // The master has no index entry for a brand the alias mentions outside the master's list.
        const s = (aliasName ?? '').normalize('NFKC').replace(/\s+/gu, '');
        if (s.includes(own))
            return 'same';
    }
    if (mentioned.length === 0)
        return 'unknown';
    // Every brand mentioned belongs to other entries; if one of them is this entry's, it is the same.
    const mine = mentioned.some((b) => (index.byBrand.get(b) ?? []).some((e) => e.sku === entry.sku));
    return mine ? 'same' : 'different';
}
//# sourceMappingURL=brands.js.map