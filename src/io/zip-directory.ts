/**
 * Just enough of the zip format to vet an .xlsx before a parser touches it: the central
 * directory (sizes, for the zip-bomb guard), small entries (workbook.xml) and a counting
 * inflate that catches directories lying about sizes. Untrusted input: every offset is checked.
 */
import { createReadStream } from 'node:fs';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { InputFileError } from '../errors.js';
import { readBytes } from './decode.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const CORRUPT = 'not a valid .xlsx (zip is truncated or corrupt)';

function findEndOfDirectory(tail: Buffer): number {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

/** Sizes stored as 0xFFFFFFFF live in the zip64 extra field (id 0x0001), in a fixed order. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + len) throw new Error('short zip64 field');
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + len;
  }
}

export function readZipDirectory(file: string, size: number): ZipEntry[] {
  const tailLen = Math.min(size, 65_557);
  const tail = readBytes(file, size - tailLen, tailLen);
  const eocd = findEndOfDirectory(tail);
  if (eocd < 0) throw new InputFileError(file, CORRUPT);
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((cdOffset === 0xffffffff || count === 0xffff) && locator >= 0 && tail.readUInt32LE(locator) === 0x07064b50) {
    const z64 = readBytes(file, Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== 0x06064b50) throw new InputFileError(file, CORRUPT);
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw new InputFileError(file, CORRUPT);
  const cd = readBytes(file, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  try {
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      };
      applyZip64(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
      if (entry.localHeaderOffset + 30 + entry.compressedSize > size) throw new Error('entry beyond end of file');
      entries.push(entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
  } catch (error) {
    throw new InputFileError(file, CORRUPT, { cause: error });
  }
  return entries;
}

/** Refuses books that would unpack past the file-size limit or with an absurd compression ratio. */
export function checkZipBomb(file: string, size: number, entries: ZipEntry[], maxBytes: number): void {
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > maxBytes) {
    throw new InputFileError(file, `workbook unpacks to ${total} bytes (limit ${maxBytes}); refusing a possible zip bomb`);
  }
  const ratio = total / Math.max(size, 1);
  if (ratio > 200 && total > 100 * 1024 * 1024) {
    throw new InputFileError(file, `workbook compression ratio ${Math.round(ratio)}:1 looks like a zip bomb; refusing it`);
  }
}

export function dataOffset(file: string, entry: ZipEntry): number {
  const header = readBytes(file, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new InputFileError(file, CORRUPT);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

function checkSupported(file: string, entry: ZipEntry): void {
  if (entry.flags & 1) throw new InputFileError(file, 'password-protected workbook (encrypted zip entries)');
  if (entry.method !== 0 && entry.method !== 8) {
    throw new InputFileError(file, `not a valid .xlsx (zip entry ${entry.name} uses compression method ${entry.method})`);
  }
}

/**
 * Entries that unpack to at most this many bytes are inflated in one call, not streamed. A
 * distributor's sheet is a few MB of XML; streamed, it came in 16–256 KB pieces, each a trip
 * through the thread pool and an async step, and the reader waited on them.
 */
export const WHOLE_ENTRY_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Whether an entry is read whole (inflateWholeEntry), not streamed. One test for the reader and
 * for verifyInflatedSizes, which leaves such entries to the read: they must never differ.
 */
export const readsWhole = (entry: ZipEntry): boolean => entry.uncompressedSize <= WHOLE_ENTRY_MAX_BYTES;

const biggerThanStated = (file: string, entry: ZipEntry): InputFileError =>
  new InputFileError(
    file,
    `zip entry ${entry.name} unpacks to more than its directory says (${entry.uncompressedSize} bytes); refusing a corrupt file or zip bomb`,
  );

/**
 * An entry's bytes, inflated in one call that may produce no more than the size its directory
 * states, and must produce exactly that. A stated size above `maxBytes` is refused unread: the
 * output buffer is allocated at the stated size.
 */
export function inflateWholeEntry(file: string, entry: ZipEntry, maxBytes = WHOLE_ENTRY_MAX_BYTES): Buffer {
  checkSupported(file, entry);
  if (entry.uncompressedSize > maxBytes) {
    throw new InputFileError(file, `${CORRUPT}: ${entry.name} states ${entry.uncompressedSize} bytes, more than such a part may have (${maxBytes})`);
  }
  if (entry.compressedSize === 0) return Buffer.alloc(0);
  const raw = readBytes(file, dataOffset(file, entry), entry.compressedSize);
  if (raw.length < entry.compressedSize) throw new InputFileError(file, CORRUPT);
  let bytes = raw;
  if (entry.method === 8) {
    try {
      // One output buffer of the stated size, not 16 KB pieces joined at the end. The cap must be
      // at least 1: an entry stated empty may then produce one byte, and is refused below.
      bytes = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize), chunkSize: Math.max(64, entry.uncompressedSize) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw biggerThanStated(file, entry);
      throw new InputFileError(file, `${CORRUPT}: ${entry.name} does not inflate`, { cause: error });
    }
  }
  if (bytes.length > entry.uncompressedSize) throw biggerThanStated(file, entry);
  if (bytes.length < entry.uncompressedSize) throw new InputFileError(file, `${CORRUPT}: ${entry.name} is short`);
  return bytes;
}

/**
 * Inflates every entry too big to inflate whole once, counting bytes, so a directory that
 * under-states sizes cannot smuggle a bomb past `checkZipBomb`: one extra inflate pass. An entry
 * of at most WHOLE_ENTRY_MAX_BYTES needs none: whenever it is read (inflateWholeEntry) it cannot
 * produce more than its stated size, so the stated size counts towards the total; a corrupt or
 * short one is refused when it is read, before any of its rows is staged.
 */
export async function verifyInflatedSizes(file: string, entries: ZipEntry[], maxBytes: number): Promise<void> {
  let total = entries.filter(readsWhole).reduce((sum, e) => sum + e.uncompressedSize, 0);
  for (const entry of entries) {
    checkSupported(file, entry);
    if (entry.compressedSize === 0 || readsWhole(entry)) continue;
    const start = dataOffset(file, entry);
    const source = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
    let produced = 0;
    const inflater = entry.method === 8 ? createInflateRaw() : null;
    try {
      const stream = inflater ? source.pipe(inflater) : source;
      source.on('error', (e) => inflater?.destroy(e));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        produced += chunk.length;
        total += chunk.length;
        if (produced > entry.uncompressedSize || total > maxBytes) throw biggerThanStated(file, entry);
      }
      if (produced !== entry.uncompressedSize) throw new InputFileError(file, `${CORRUPT}: ${entry.name} is short`);
    } catch (error) {
      if (error instanceof InputFileError) throw error;
      throw new InputFileError(file, `${CORRUPT}: ${entry.name} does not inflate`, { cause: error });
    } finally {
      source.destroy();
      inflater?.destroy();
    }
  }
}
