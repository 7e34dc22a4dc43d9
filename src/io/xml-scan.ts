/**
 * A forward-only XML tag scanner for the parts of an .xlsx, fed text in chunks. It exists because
 * exceljs's streaming reader decodes every inflated chunk on its own, turning a Chinese character
 * split across a chunk boundary into U+FFFD (exceljs issue #2316): ~1 row in 1,000 of a Chinese
 * sheet came back corrupted, silently. Spreadsheet XML needs no more than tags, attributes and text.
 */
import { decodeXmlEntities } from './xlsx-workbook.js';

export interface XmlHandler {
  /** `name` has its namespace prefix removed; `attrs` is the raw attribute text. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Entity-decoded text. */
  text(text: string): void;
}

/** Largest text or tag the scanner will hold back waiting for its end (a sanity bound). */
const MAX_PENDING = 64 * 1024 * 1024;

export class XmlTooLargeError extends Error {}

function localName(raw: string): string {
  const colon = raw.indexOf(':');
  return colon < 0 ? raw : raw.slice(colon + 1);
}

/**
 * Quote-aware ends of tags (`>` may appear inside attribute values) in one buffer, found by
 * searching rather than by walking every character: a sheet's every cell is a tag or three. The
 * next quote of each kind is remembered, so a buffer without `'` is searched for one once, not
 * once per tag.
 */
class TagEnds {
  /** Position of the next `"` / `'` at or after the last search's start; -1: none in the rest of the buffer; -2: not searched yet. */
  private dq = -2;
  private sq = -2;

  constructor(private readonly buf: string) {}

  /** The `>` that ends the tag opened at `lt`, or -1 if not in the buffer yet. */
  after(lt: number): number {
    const { buf } = this;
    let from = lt + 1;
    for (;;) {
      const gt = buf.indexOf('>', from);
      if (gt < 0) return -1;
      if (this.dq !== -1 && this.dq < from) this.dq = buf.indexOf('"', from);
      if (this.sq !== -1 && this.sq < from) this.sq = buf.indexOf("'", from);
      const quote = this.dq < 0 ? this.sq : this.sq < 0 ? this.dq : Math.min(this.dq, this.sq);
      if (quote < 0 || quote > gt) return gt;
      const close = buf.indexOf(buf[quote] as string, quote + 1);
      if (close < 0) return -1;
      from = close + 1;
    }
  }
}

export class XmlScanner {
  private pending = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const buf = this.pending + chunk;
    const tagEnds = new TagEnds(buf);
    let i = 0;
    for (;;) {
      const lt = buf.indexOf('<', i);
      // Text is held back until its tag starts, so an entity is never split between chunks.
      if (lt < 0) break;
      if (lt > i) this.handler.text(decodeXmlEntities(buf.slice(i, lt)));
      i = lt;
      if (buf.startsWith('<!--', lt)) {
        const end = buf.indexOf('-->', lt + 4);
        if (end < 0) break;
        i = end + 3;
      } else if (buf.startsWith('<![CDATA[', lt)) {
        const end = buf.indexOf(']]>', lt + 9);
        if (end < 0) break;
        this.handler.text(buf.slice(lt + 9, end));
        i = end + 3;
      } else if (buf.length - lt < 9 && buf.startsWith('<!', lt)) {
        break; // maybe the start of a comment or CDATA cut by the chunk boundary
      } else {
        const gt = tagEnds.after(lt);
        if (gt < 0) break;
        this.tag(buf, lt, gt);
        i = gt + 1;
      }
    }
    this.pending = buf.slice(i);
    if (this.pending.length > MAX_PENDING) throw new XmlTooLargeError('an XML node is larger than 64 MB');
  }

  end(): void {
    if (this.pending && !this.pending.startsWith('<')) this.handler.text(decodeXmlEntities(this.pending));
    this.pending = '';
  }

  private tag(buf: string, lt: number, gt: number): void {
    const first = buf.charCodeAt(lt + 1);
    if (first === 0x3f /* ? */ || first === 0x21 /* ! */) return; // declaration, doctype
    const closing = first === 0x2f; /* / */
    let p = closing ? lt + 2 : lt + 1;
    const start = p;
    while (p < gt) {
      const c = buf.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f) break;
      p++;
    }
    const name = localName(buf.slice(start, p));
    if (closing) {
      this.handler.close(name);
      return;
    }
    const selfClosing = buf.charCodeAt(gt - 1) === 0x2f;
    this.handler.open(name, buf.slice(p, selfClosing ? gt - 1 : gt), selfClosing);
    if (selfClosing) this.handler.close(name);
  }
}

/**
 * One attribute's decoded value from a tag's raw attribute text (prefixes ignored: r:id → id):
 * the first `name = "value"` (or single-quoted) that starts the text or follows whitespace,
 * optionally as `prefix:name`. Found by searching for the name rather than by a regular
 * expression per attribute: three of them per cell were a tenth of reading a sheet.
 */
export function attr(attrs: string, name: string): string | undefined {
  for (let at = attrs.indexOf(name); at >= 0; at = attrs.indexOf(name, at + 1)) {
    if (!startsAttribute(attrs, at)) continue;
    let p = skipWhitespace(attrs, at + name.length);
    if (attrs.charCodeAt(p) !== 0x3d /* = */) continue;
    p = skipWhitespace(attrs, p + 1);
    const quote = attrs[p];
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, p + 1);
    if (end < 0) continue;
    return decodeXmlEntities(attrs.slice(p + 1, end));
  }
  return undefined;
}

const isWhitespace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && /\s/.test(String.fromCharCode(c)));

/** A word character of a namespace prefix: [\w.-]. */
const isPrefixChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d;

/** Whether a name at `at` starts an attribute: at the start or after whitespace, itself or its `prefix:`. */
function startsAttribute(attrs: string, at: number): boolean {
  if (at === 0 || isWhitespace(attrs.charCodeAt(at - 1))) return true;
  if (attrs.charCodeAt(at - 1) !== 0x3a /* : */) return false;
  let p = at - 2;
  while (p >= 0 && isPrefixChar(attrs.charCodeAt(p))) p--;
  return p < at - 2 && (p < 0 || isWhitespace(attrs.charCodeAt(p)));
}

function skipWhitespace(s: string, p: number): number {
  while (p < s.length && isWhitespace(s.charCodeAt(p))) p++;
  return p;
}
