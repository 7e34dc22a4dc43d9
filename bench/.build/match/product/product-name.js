/**
 * Splitting a distributor's product alias into generic, brand, spec and manufacturer.
 *
 * Public, stable:
 *   splitProductName(raw: string, opts?: SplitOptions): SplitProductName
 *   findSpecSpan(text: string): { start: number; end: number } | undefined
 *   sameDosageForm / compareDosageForm / detectDosageForm   re-exported from dosage-form.ts
 *
 * Lexical rules (all outputs are NFKC-folded: full-width letters and digits become ASCII):
 * - `【华素】…`, `[华素]…` → brand.
 * - The spec is the first run that starts with a number carrying a unit (`1.5mg`, `15片`, `30S`) or a
 *   number followed by × (`0.5*20粒`), and extends over numbers, units and separators:
 *   `华素片1.5MG×15S` → spec `1.5MG×15S`. Digits glued to letters (`维生素B1片`) never start one.
 * - A bracketed part that is not a qualifier (含糖型, 薄膜衣, 儿童型, 0-1岁, Ⅱ …) and not a form word
 *   (丸剂) is a brand: `阿卡波糖片(拜唐苹)` → 拜唐苹; `西地碘含片(华素片)` → 华素 (form dropped).
 * - Remaining words (split on spaces and ,;/): a company-looking word or a short name from the
 *   manufacturer table (拜耳) is the manufacturer; the longest word ending in a dosage form is the
 *   generic; any other word is the brand (`拜唐苹 阿卡波糖片 50mg*30片 拜耳`).
 * - opts.brands / opts.manufacturers (e.g. from the product master) override the guesses: a word
 *   or prefix equal to a known brand is the brand (`华素片` with brands ['华素'] → brand 华素, no generic).
 * - core: the name with spec, brand brackets and manufacturer removed (the generic when found).
 */
import { compareDosageForm, detectDosageForm, sameDosageForm } from './dosage-form.js';
import { looksLikeManufacturer } from './manufacturer.js';
import { CJK_UNIT_PATTERN, LATIN_UNIT_PATTERN } from './spec-lexer.js';
export { compareDosageForm, detectDosageForm, sameDosageForm };
const START_RE = new RegExp(`(?<![a-wyz0-9.])\\d+(?:\\.\\d+)?(?!\\.?\\d) ?(?:万|亿)? ?(?:(?:${LATIN_UNIT_PATTERN})(?![a-wyz])|(?:${CJK_UNIT_PATTERN}))` +
    `|(?<![a-wyz0-9.])\\d+(?:\\.\\d+)? ?[*x×] ?\\d`, 'iu');
/** Longer input is not a product name; cut it so every scan stays cheap. */
const MAX_NAME = 500;
const NUM_RE = /[0-9.]+/uy;
const SEP_RE = /[*x×:/+\-~ ()]/iuy;
const LATIN_RE = new RegExp(`(?:${LATIN_UNIT_PATTERN})(?![a-wyz])`, 'iuy');
const CJK_RE = new RegExp(`(?:万|亿)?(?:${CJK_UNIT_PATTERN})装?`, 'uy');
function matchAt(re, s, i) {
    re.lastIndex = i;
    const m = re.exec(s);
    return m ? m[0].length : 0;
}
/** Where a spec sits inside a name, or undefined. Linear scan, no backtracking. */
export function findSpecSpan(text) {
    const m = START_RE.exec(text);
    if (!m)
        return undefined;
    const start = m.index;
    let i = start;
    let prev = '';
    while (i < text.length) {
        let n = matchAt(NUM_RE, text, i) || matchAt(LATIN_RE, text, i) || matchAt(SEP_RE, text, i);
        if (n === 0 && /[0-9/万亿]$/u.test(prev))
            n = matchAt(CJK_RE, text, i);
        if (n === 0 && /[0-9]$/u.test(prev) && /[万亿]/u.test(text[i] ?? ''))
            n = 1;
        if (n === 0)
            break;
        prev = text.slice(i, i + n);
        i += n;
    }
    let end = i;
    while (end > start && /[\s*x×:/+\-~(]/iu.test(text[end - 1] ?? ''))
        end--;
    const span = text.slice(start, end);
    if (span.endsWith(')') && !span.includes('('))
        end--;
    return end > start ? { start, end } : undefined;
}
/** Bracketed text that qualifies rather than names: (含糖型) (薄膜衣) (0-1岁) (儿童装) (Ⅱ) (TPF). */
const QUALIFIER_RE = /(型|衣|衣片|岁|装|版)$|^(含|无糖|儿童|成人|小儿|OTC|RX)|^[\p{P}\p{S}0-9a-zⅠ-Ⅻ\s-]*$/iu;
function stripForm(word) {
    const form = detectDosageForm(word);
    if (!form)
        return word;
    for (let cut = 1; cut <= 5 && cut < word.length - 1; cut++) {
        const head = word.slice(0, word.length - cut);
        if (detectDosageForm(head) !== form && detectDosageForm(word.slice(-cut)) === form)
            return head;
    }
    return word;
}
/**
 * Pulls the manufacturer out of s: a trailing Latin company (`… Bayer AG`), else the first
 * space-separated word that is a known or company-looking name (brackets inside it allowed:
 * `石药集团中诺药业(石家庄)有限公司`).
 */
function takeManufacturer(s, known, out) {
    let i = s.length;
    while (i > 0 && /[A-Za-z0-9.,&'\-\s()]/u.test(s[i - 1] ?? ''))
        i--;
    const tail = s.slice(i).trim();
    if (/[A-Za-z]{2}/u.test(tail) && (known.has(tail) || looksLikeManufacturer(tail) || /[A-Za-z] [A-Za-z]/u.test(tail))) {
        out.manufacturer = tail;
        return s.slice(0, i);
    }
    const words = s.split(' ');
    const k = words.findIndex((w) => w !== '' && (known.has(w) || looksLikeManufacturer(w)) && !detectDosageForm(w));
    if (k < 0)
        return s;
    out.manufacturer = words[k];
    return words.filter((_w, j) => j !== k).join(' ');
}
export function splitProductName(raw, opts = {}) {
    let s = (typeof raw === 'string' ? raw : '').slice(0, MAX_NAME).normalize('NFKC').replace(/\s+/gu, ' ').trim();
    const knownBrands = [...(opts.brands ?? [])].filter((b) => b !== '').sort((a, b) => b.length - a.length);
    const knownMfrs = new Set([...(opts.manufacturers ?? [])].filter((m) => m !== ''));
    const out = { qualifiers: [], core: '' };
    let formHint;
    s = s.replace(/[【[〖]([^【】[\]〖〗]{1,20})[】\]〗]/u, (_m, inner) => {
        out.brand = inner.trim();
        return ' ';
    });
    const span = findSpecSpan(s);
    if (span) {
        out.spec = s.slice(span.start, span.end).trim();
        const before = s.slice(0, span.start);
        const after = s.slice(span.end);
        s = before.endsWith('(') && after.startsWith(')') ? `${before.slice(0, -1)} ${after.slice(1)}` : `${before} ${after}`;
    }
    s = takeManufacturer(s, knownMfrs, out);
    s = s.replace(/\(([^()]{0,30})\)/gu, (_m, inner) => {
        const t = inner.trim();
        if (t === '')
            return ' ';
        const asForm = detectDosageForm(t);
        if (asForm && stripForm(t) === t)
            formHint ??= asForm;
        else if (QUALIFIER_RE.test(t) || t.length > 12)
            out.qualifiers.push(t);
        else
            out.brand ??= stripForm(t);
        return ' ';
    });
    const rest = [];
    for (const w of s.split(/[\s,;/，；、]+/u)) {
        if (w === '')
            continue;
        if (!detectDosageForm(w) && QUALIFIER_RE.test(w))
            out.qualifiers.push(w);
        else
            rest.push(w);
    }
    const words2 = [];
    for (const w of rest) {
        const kb = knownBrands.find((b) => w === b || w.startsWith(b));
        if (kb === undefined) {
            words2.push(w);
            continue;
        }
        out.brand ??= kb;
        const tail = w.slice(kb.length);
        // 拜唐苹阿卡波糖片 → brand + generic; 华素片 → brand + form only.
        if (tail.length >= 3 && detectDosageForm(tail) !== undefined)
            words2.push(tail);
    }
    const formWords = words2.filter((w) => detectDosageForm(w) !== undefined);
    const generic = [...formWords].sort((a, b) => b.length - a.length)[0] ??
        (out.brand === undefined || words2.length > 1 ? words2[0] : undefined);
    for (const w of words2) {
        if (w === generic)
            continue;
        if (out.brand === undefined)
            out.brand = stripForm(w);
        else
            out.qualifiers.push(w);
    }
    if (generic !== undefined)
        out.generic = generic;
    if (out.brand === undefined) {
        const kb = knownBrands.find((b) => (raw ?? '').normalize('NFKC').includes(b));
        if (kb !== undefined)
            out.brand = kb;
    }
    out.core = generic ?? words2.join(' ') ?? '';
    const form = detectDosageForm(out.core) ?? formHint;
    if (form)
        out.dosageForm = form;
    return out;
}
//# sourceMappingURL=product-name.js.map