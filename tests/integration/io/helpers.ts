/** Builders for real files in a temp dir, shared by the io integration tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { openBook } from '../../../src/io/open-book.js';
import { DEFAULT_LIMITS, type OpenOptions, type OpenedBook, type RawRow, type ReadLimits } from '../../../src/io/types.js';

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'df-'));

export function writeFile(dir: string, name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export function open(path: string, options: Partial<OpenOptions> = {}, limits: Partial<ReadLimits> = {}): Promise<OpenedBook> {
  return openBook(path, {
    format: options.format ?? 'auto',
    encoding: options.encoding ?? 'auto',
    limits: { ...DEFAULT_LIMITS, ...limits },
  });
}

export async function readSheet(book: OpenedBook, sheet = 0): Promise<RawRow[]> {
  const source = book.sheets[sheet];
  if (!source) throw new Error(`no sheet ${sheet}`);
  const rows: RawRow[] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

export function randomBytes(n: number, seed = 11): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** A deflated zip entry; `parts` are deflated independently and concatenated (a valid stream). */
export interface ZipPart {
  name: string;
  data?: Buffer;
  /** Repeat `chunk` `times` times without holding the result: for zip bombs. */
  repeat?: { prefix: Buffer; chunk: Buffer; times: number; suffix: Buffer };
  /** Lie in both directories about the unpacked size. */
  claimedSize?: number;
}

function deflateEntry(part: ZipPart): { raw: Buffer; crc: number; size: number } {
  if (part.data) {
    return { raw: deflateRawSync(part.data), crc: crc32(part.data), size: part.data.length };
  }
  const r = part.repeat as NonNullable<ZipPart['repeat']>;
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const body = deflateRawSync(r.chunk, flush);
  let crc = crc32(r.prefix);
  for (let i = 0; i < r.times; i++) crc = crc32(r.chunk, crc);
  crc = crc32(r.suffix, crc);
  const pieces = [deflateRawSync(r.prefix, flush)];
  for (let i = 0; i < r.times; i++) pieces.push(body);
  pieces.push(deflateRawSync(r.suffix));
  return { raw: Buffer.concat(pieces), crc, size: r.prefix.length + r.chunk.length * r.times + r.suffix.length };
}

/** Minimal zip writer (deflate, no data descriptors), enough to hand-craft .xlsx files. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { raw, crc, size } = deflateEntry(part);
    const declared = part.claimedSize ?? size;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(raw.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, raw);
    centrals.push(central, name);
    offset += 30 + name.length + raw.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every hand-made .xlsx needs, for sheets named `names` stored as sheetN.xml. */
export function xlsxSkeleton(names: string[]): ZipPart[] {
  const sheets = names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = names
    .map(
      (_n, i) =>
        `<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const overrides = names
    .map(
      (_n, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  return [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>${sheets}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
      ),
    },
  ];
}

export const sheetXml = (rows: string): Buffer =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`);

/** A real sheet whose XML is 300 MB of whitespace, deflated about 1000:1; `claimedSize` makes the directory lie. */
export function zipBomb(claimedSize?: number): Buffer {
  const [types, rels, workbook, wbRels] = xlsxSkeleton(['Sheet1']);
  const sheet = {
    name: 'xl/worksheets/sheet1.xml',
    repeat: {
      prefix: Buffer.from('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
      chunk: Buffer.alloc(1 << 20, 0x20),
      times: 300,
      suffix: Buffer.from('</sheetData></worksheet>'),
    },
    ...(claimedSize === undefined ? {} : { claimedSize }),
  };
  return buildZip([types!, rels!, workbook!, wbRels!, sheet]);
}
