import { describe, expect, it } from 'vitest';
import { XmlScanner, attr } from '../../../src/io/xml-scan.js';
import { decodeXmlEntities } from '../../../src/io/xlsx-workbook.js';

/** The regular expression attr() replaced, kept as its specification. */
const SPEC = new Map(['r', 's', 't'].map((name) => [name, new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)]));
function attrByRegex(attrs: string, name: string): string | undefined {
  const m = (SPEC.get(name) as RegExp).exec(attrs);
  if (!m) return undefined;
  const v = m[1] ?? m[2] ?? '';
  return v.includes('&') ? decodeXmlEntities(v) : v;
}

describe('attr', () => {
  it('reads plain, prefixed, single-quoted and spaced attributes', () => {
    expect(attr(' r="A1" s="3" t="s"', 's')).toBe('3');
    expect(attr(' r:id="rId2"', 'id')).toBe('rId2');
    expect(attr(" t = 'inlineStr'", 't')).toBe('inlineStr');
    expect(attr(' name="A&amp;B"', 'name')).toBe('A&B');
  });

  it('does not take a name inside another name or a value', () => {
    expect(attr(' sr="1" s="2"', 'r')).toBeUndefined();
    expect(attr(' x="r=1" r="A2"', 'r')).toBe('A2');
    expect(attr(' rs="1"', 's')).toBeUndefined();
  });

  it('agrees with the regular expression it replaced', () => {
    const pieces = [' ', 'r', 's', 't', 'x:', 'a.b:', '=', ' = ', '"', "'", 'A1', '&amp;', '>', '\t', 'rr'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    const disagree: string[][] = [];
    for (let n = 0; n < 20000; n++) {
      const attrs = Array.from({ length: 1 + (n % 10) }, () => pieces[next()]).join('');
      for (const name of ['r', 's', 't']) if (attr(attrs, name) !== attrByRegex(attrs, name)) disagree.push([attrs, name]);
    }
    expect(disagree).toEqual([]);
  });
});

describe('XmlScanner', () => {
  const events = (chunks: string[]) => {
    const seen: string[] = [];
    const scanner = new XmlScanner({
      open: (name, attrs, selfClosing) => seen.push(`<${name}${attrs}${selfClosing ? '/' : ''}>`),
      close: (name) => seen.push(`</${name}>`),
      text: (text) => seen.push(text),
    });
    for (const c of chunks) scanner.write(c);
    scanner.end();
    return seen;
  };

  it('ends a tag at the first > outside quotes, whichever quotes, wherever the chunks break', () => {
    const xml = `<a x="1>2" y='3>"4'><b z="'>'"/>t&amp;u</a>`;
    const whole = events([xml]);
    expect(whole).toEqual([`<a x="1>2" y='3>"4'>`, `<b z="'>'"/>`, '</b>', 't&u', '</a>']);
    for (let cut = 1; cut < xml.length; cut++) expect(events([xml.slice(0, cut), xml.slice(cut)])).toEqual(whole);
  });
});
