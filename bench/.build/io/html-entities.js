/**
 * HTML character references in table cells. ERP exports use few: &nbsp; for blank cells,
 * &amp; in company names, numeric references for characters outside the page's charset.
 */
const NAMED = {
    nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", yen: '¥', copy: '©', reg: '®',
    middot: '·', times: '×', divide: '÷', mdash: '—', ndash: '–', hellip: '…', ldquo: '“', rdquo: '”',
    lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
    deg: '°', plusmn: '±', micro: 'µ', sup2: '²', sup3: '³', permil: '‰', trade: '™', bull: '•',
};
/** Names browsers accept without the closing semicolon (legacy HTML). */
const LEGACY = new Set(['nbsp', 'amp', 'lt', 'gt', 'quot', 'copy', 'reg', 'yen', 'times', 'divide', 'deg', 'micro']);
// Windows-1252 0x80-0x9F (Node's TextDecoder treats windows-1252 as Latin-1).
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function codePoint(cp) {
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return '\ufffd';
    // Windows-1252 quirk in numeric references: &#150; is an en dash in every browser.
    if (cp >= 0x80 && cp <= 0x9f)
        return CP1252[cp - 0x80] ?? '\ufffd';
    return String.fromCodePoint(cp);
}
export function decodeEntities(s) {
    if (!s.includes('&'))
        return s;
    return s.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z][a-zA-Z0-9]{1,7})(;?)/g, (whole, ref, semi) => {
        if (ref.startsWith('#')) {
            const hex = ref[1] === 'x' || ref[1] === 'X';
            return codePoint(parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10)) ?? whole;
        }
        const ch = NAMED[ref] ?? NAMED[ref.toLowerCase()];
        if (ch === undefined)
            return whole;
        return semi || LEGACY.has(ref.toLowerCase()) ? ch : whole;
    });
}
//# sourceMappingURL=html-entities.js.map