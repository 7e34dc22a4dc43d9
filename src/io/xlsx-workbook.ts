/**
 * The sheet list of an .xlsx, read from xl/workbook.xml and its rels before streaming starts,
 * so callers can pick a sheet by name or index in workbook order (the zip order may differ).
 */
import { InputFileError } from '../errors.js';
import { inflateWholeEntry, type ZipEntry } from './zip-directory.js';

export interface XlsxSheetInfo {
  name: string;
  index: number;
  /** Zip path of the sheet part, e.g. `xl/worksheets/sheet2.xml`. */
  path: string;
}

export interface XlsxWorkbookInfo {
  sheets: XlsxSheetInfo[];
  date1904: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(s: string): string {
  // Most cell text holds no entity; the regular expression cost more than the rest of the cell.
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
    return ENTITIES[name] ?? whole;
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/** Attributes of one start tag; `[^>]*` and flat attribute patterns keep this linear. */
export function tagAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set((m[1] as string).replace(/^[\w.-]+:(?=id$)/, 'r:'), decodeXmlEntities(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** workbook.xml and its rels list the sheets: a real one is kilobytes; read whole, capped here. */
const WORKBOOK_PART_MAX_BYTES = 16 * 1024 * 1024;

export function readXlsxWorkbook(file: string, entries: ZipEntry[]): XlsxWorkbookInfo {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbookEntry = byName.get('xl/workbook.xml');
  if (!workbookEntry) {
    throw new InputFileError(file, 'not a valid .xlsx (the zip holds no xl/workbook.xml; is it another kind of zip file?)');
  }
  const xml = inflateWholeEntry(file, workbookEntry, WORKBOOK_PART_MAX_BYTES).toString('utf8');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  if (relsEntry) {
    for (const m of inflateWholeEntry(file, relsEntry, WORKBOOK_PART_MAX_BYTES).toString('utf8').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const a = tagAttributes(m[0]);
      const id = a.get('Id');
      const target = a.get('Target');
      if (id && target) targets.set(id, resolveTarget(target));
    }
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(xml);
  const date1904Attr = pr ? tagAttributes(pr[0]).get('date1904') : undefined;
  const sheets: XlsxSheetInfo[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = tagAttributes(m[0]);
    const name = a.get('name') ?? `Sheet${sheets.length + 1}`;
    const rid = a.get('r:id');
    const path = (rid && targets.get(rid)) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    sheets.push({ name, index: sheets.length, path });
  }
  if (sheets.length === 0) throw new InputFileError(file, 'workbook has no sheets');
  return { sheets, date1904: date1904Attr === '1' || date1904Attr === 'true' };
}
