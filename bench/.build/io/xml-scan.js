/**
 * A forward-only XML tag scanner for the parts of an .xlsx, fed text in chunks. It exists because
 * exceljs's streaming reader decodes every inflated chunk on its own, turning a Chinese character
 * split across a chunk boundary into U+FFFD (exceljs issue #2316): ~1 row in 1,000 of a Chinese
 * sheet came back corrupted, silently. Spreadsheet XML needs no more than tags, attributes and text.
 */
import { decodeXmlEntities } from './xlsx-workbook.js';
/** Largest text or tag the scanner will hold back waiting for its end (a sanity bound). */
const MAX_PENDING = 64 * 1024 * 1024;
export class XmlTooLargeError extends Error {
}
function localName(raw) {
    const colon = raw.indexOf(':');
    return colon < 0 ? raw : raw.slice(colon + 1);
}
/** Quote-aware end of a tag (`>` may appear inside attribute values), or -1 if not in `buf` yet. */
function tagEnd(buf, lt) {
    let quote = 0;
    for (let i = lt + 1; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (quote) {
            if (c === quote)
                quote = 0;
        }
        else if (c === 0x22 || c === 0x27)
            quote = c;
        else if (c === 0x3e)
            return i;
    }
    return -1;
}
export class XmlScanner {
    handler;
    pending = '';
    constructor(handler) {
        this.handler = handler;
    }
    write(chunk) {
        const buf = this.pending + chunk;
        let i = 0;
        for (;;) {
            const lt = buf.indexOf('<', i);
            // Text is held back until its tag starts, so an entity is never split between chunks.
            if (lt < 0)
                break;
            if (lt > i)
                this.handler.text(decodeXmlEntities(buf.slice(i, lt)));
            i = lt;
            if (buf.startsWith('<!--', lt)) {
                const end = buf.indexOf('-->', lt + 4);
                if (end < 0)
                    break;
                i = end + 3;
            }
            else if (buf.startsWith('<![CDATA[', lt)) {
                const end = buf.indexOf(']]>', lt + 9);
                if (end < 0)
                    break;
                this.handler.text(buf.slice(lt + 9, end));
                i = end + 3;
            }
            else if (buf.length - lt < 9 && buf.startsWith('<!', lt)) {
                break; // maybe the start of a comment or CDATA cut by the chunk boundary
            }
            else {
                const gt = tagEnd(buf, lt);
                if (gt < 0)
                    break;
                this.tag(buf, lt, gt);
                i = gt + 1;
            }
        }
        this.pending = buf.slice(i);
        if (this.pending.length > MAX_PENDING)
            throw new XmlTooLargeError('an XML node is larger than 64 MB');
    }
    end() {
        if (this.pending && !this.pending.startsWith('<'))
            this.handler.text(decodeXmlEntities(this.pending));
        this.pending = '';
    }
    tag(buf, lt, gt) {
        const first = buf.charCodeAt(lt + 1);
        if (first === 0x3f /* ? */ || first === 0x21 /* ! */)
            return; // declaration, doctype
        const closing = first === 0x2f; /* / */
        let p = closing ? lt + 2 : lt + 1;
        const start = p;
        while (p < gt) {
            const c = buf.charCodeAt(p);
            if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f)
                break;
            p++;
        }
        const name = localName(buf.slice(start, p));
        if (closing) {
            this.handler.close(name);
            return;
        }
        const selfClosing = buf.charCodeAt(gt - 1) === 0x2f;
        this.handler.open(name, buf.slice(p, selfClosing ? gt - 1 : gt), selfClosing);
        if (selfClosing)
            this.handler.close(name);
    }
}
const ATTR_CACHE = new Map();
/** One attribute's decoded value from a tag's raw attribute text (prefixes ignored: r:id → id). */
export function attr(attrs, name) {
    let re = ATTR_CACHE.get(name);
    if (!re) {
        re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
        ATTR_CACHE.set(name, re);
    }
    const m = re.exec(attrs);
    if (!m)
        return undefined;
    const v = m[1] ?? m[2] ?? '';
    return v.includes('&') ? decodeXmlEntities(v) : v;
}
//# sourceMappingURL=xml-scan.js.map