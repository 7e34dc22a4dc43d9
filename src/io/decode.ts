/**
 * Text encodings of distributor files: GBK/GB18030 from Excel on Chinese Windows, UTF-8 with or
 * without BOM from newer ERPs, UTF-16LE from Excel's "Unicode text". Detection looks at bytes,
 * never at the file name, and a wrong guess must fail loudly: silent mojibake in customer names
 * becomes unmatched rows that nobody can explain.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { InputFileError } from '../errors.js';
import type { TextEncoding } from './types.js';

export interface Bom {
  encoding: TextEncoding;
  length: number;
}

export function bomOf(buf: Uint8Array): Bom | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  // GB18030 has its own BOM (84 31 95 33); rare, but it is unambiguous when present.
  if (buf.length >= 4 && buf[0] === 0x84 && buf[1] === 0x31 && buf[2] === 0x95 && buf[3] === 0x33)
    return { encoding: 'gb18030', length: 4 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM shows as zero bytes on one side of every ASCII character. */
export function utf16Pattern(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Binary if it has NUL bytes or more than 1% control characters that text files never contain. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1a) || b === 0x7f)
      controls++;
  }
  return controls > n * 0.01;
}

/**
 * Offset of the first byte that breaks UTF-8, or -1; an incomplete sequence at the end counts as
 * valid. Node's native check takes the sample up to a character cut at its end (a third of the
 * time of the byte loop on a MB); the loop says where a problem is, and judges the cut end.
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const whole = lengthBeforeCutCharacter(buf);
  if (!isUtf8(buf.subarray(0, whole))) return firstInvalidUtf8From(buf, 0);
  return whole === buf.length ? -1 : firstInvalidUtf8From(buf, whole);
}

/** Where the last character starts when its lead byte announces more bytes than the sample holds; else the length. */
function lengthBeforeCutCharacter(buf: Uint8Array): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 3); i--) {
    const b = buf[i] as number;
    if (b < 0x80) return buf.length;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + length > buf.length ? i : buf.length;
    }
  }
  return buf.length;
}

/** The byte loop of firstInvalidUtf8, from a character boundary `start`. */
function firstInvalidUtf8From(buf: Uint8Array, start: number): number {
  let i = start;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return -1;
      const c = buf[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function validGb18030(buf: Uint8Array): boolean {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  try {
    // stream: true so a character cut at the end of the sample is not held against the file. In
    // pieces, as files are decoded (DECODE_PIECE_BYTES): a MB decoded at once is a large string.
    for (let at = 0; at < buf.length; at += DECODE_PIECE_BYTES) decoder.decode(buf.subarray(at, at + DECODE_PIECE_BYTES), { stream: true });
    return true;
  } catch {
    return false;
  }
}

function hasHighByte(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if ((buf[i] as number) >= 0x80) return true;
  return false;
}

/** Encoding of a text sample with no BOM: 'binary' when no candidate encoding fits. */
export function sniffEncoding(sample: Uint8Array): TextEncoding | 'binary' {
  const bom = bomOf(sample);
  if (bom) return bom.encoding;
  const wide = utf16Pattern(sample);
  if (wide) return wide;
  if (looksBinary(sample)) return 'binary';
  if (!hasHighByte(sample) || firstInvalidUtf8(sample) < 0) return 'utf-8';
  if (validGb18030(sample)) return 'gb18030';
  return 'binary';
}

const SAMPLE_BYTES = 1 << 20;

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export function readBytes(file: string, position: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    // Not zeroed: only the bytes read are returned (a zeroed MiB per file cost fresh pages).
    const buf = Buffer.allocUnsafe(length);
    const n = readSync(fd, buf, 0, length, position);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Enough of a file's start to hold any byte-order mark (bomOf). */
export const BOM_BYTES = 4;

/**
 * A sample that decides the encoding: the first MB, or, when that is pure ASCII (English headers,
 * codes and numbers), 64 KB from the first non-ASCII byte further on. A file declared in an
 * encoding other than UTF-8 is read as declared unless a byte-order mark says otherwise, so only
 * the mark is read: reading its first MB for nothing took a few milliseconds per GBK file.
 */
function evidence(file: string, size: number, declared: TextEncoding | 'auto'): { head: Buffer; sample: Buffer } {
  if (declared !== 'auto' && declared !== 'utf-8') {
    const head = readBytes(file, 0, Math.min(size, BOM_BYTES));
    return { head, sample: head };
  }
  const head = readBytes(file, 0, Math.min(size, SAMPLE_BYTES));
  if (hasHighByte(head) || size <= head.length) return { head, sample: head };
  for (let pos = head.length; pos < size; pos += SAMPLE_BYTES) {
    const chunk = readBytes(file, pos, SAMPLE_BYTES);
    const at = chunk.findIndex((b) => b >= 0x80);
    if (at >= 0) return { head, sample: readBytes(file, pos + at, 65536) };
  }
  return { head, sample: head };
}

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes to skip at the start of the file: the BOM. */
  bomLength: number;
}

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/** Finds (auto) or confirms (declared) the encoding of a text file; throws InputFileError. */
export function detectFileEncoding(file: string, size: number, declared: TextEncoding | 'auto'): DetectedEncoding {
  const { head, sample } = evidence(file, size, declared);
  const bom = bomOf(head);
  if (bom) {
    if (declared !== 'auto' && declared !== bom.encoding) {
      throw new InputFileError(
        file,
        `encoding is declared ${declared} but the file starts with a ${NAMES[bom.encoding]} byte-order mark`,
      );
    }
    return { encoding: bom.encoding, bomLength: bom.length };
  }
  if (declared === 'utf-8') {
    const bad = firstInvalidUtf8(sample);
    if (bad >= 0) throw notUtf8(file, sample === head ? bad : -1);
    return { encoding: 'utf-8', bomLength: 0 };
  }
  if (declared !== 'auto') return { encoding: declared, bomLength: 0 };
  const sniffed = sniffEncoding(head === sample ? head : sample);
  if (sniffed === 'binary' || looksBinaryUnlessWide(head)) {
    throw new InputFileError(file, 'not a text file (binary content that is neither UTF-8 nor GB18030 text)');
  }
  return { encoding: sniffed, bomLength: 0 };
}

function looksBinaryUnlessWide(head: Buffer): boolean {
  return utf16Pattern(head) === null && looksBinary(head);
}

export function notUtf8(file: string, offset: number): InputFileError {
  const where = offset >= 0 ? ` (first invalid byte at offset ${offset})` : '';
  return new InputFileError(
    file,
    `not valid UTF-8${where}; files saved by Excel or Chinese ERPs are usually GBK: set encoding: gb18030 or auto`,
  );
}

/**
 * Bytes read and decoded at a time. Small enough that the decoded string, and the lines the
 * transcoder joins from it, stay in V8's young generation, whose pages are reused: a string over
 * 128 KiB is a large object, given fresh pages by the kernel and unmapped once dead, and each of
 * those pages costs a page fault. Transcoding the 1M-row month's 968 CSV files (956k lines) took
 * 6.6–7.3 s of wall time with 170–200k page faults in 1 MiB pieces, 3.7–4.1 s with 31–35k in
 * 64 KiB pieces, and 5.4–6.0 s in 128 or 256 KiB pieces; 16 and 32 KiB were no better than 64.
 */
const DECODE_PIECE_BYTES = 64 * 1024;

/**
 * Decodes a text file in chunks so a 500 MB export is never one string. UTF-8 is decoded
 * strictly (a GBK file read as UTF-8 fails instead of turning into replacement characters);
 * GB18030 is lenient because ERPs cut fields mid-character and one bad cell should not lose a file.
 */
export async function* decodeChunks(file: string, detected: DetectedEncoding): AsyncGenerator<string> {
  const strict = detected.encoding === 'utf-8';
  const decoder = new TextDecoder(detected.encoding, { fatal: strict, ignoreBOM: true });
  let offset = detected.bomLength;
  const stream = createReadStream(file, { start: detected.bomLength, highWaterMark: DECODE_PIECE_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        // The chunk may start with the tail of a character begun in the previous chunk.
        let skip = 0;
        while (skip < 3 && skip < chunk.length && ((chunk[skip] as number) & 0xc0) === 0x80) skip++;
        const bad = firstInvalidUtf8(chunk.subarray(skip));
        throw notUtf8(file, bad >= 0 ? offset + skip + bad : offset);
      }
      offset += chunk.length;
      if (text) yield text;
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new InputFileError(file, `not valid ${NAMES[detected.encoding]}: the file ends in the middle of a character`);
    }
    if (tail) yield tail;
  } finally {
    stream.destroy();
  }
}

/** Whole-buffer decode for formats that are parsed in memory (HTML tables). */
export function decodeBuffer(file: string, buf: Uint8Array, detected: DetectedEncoding): string {
  const body = buf.subarray(detected.bomLength);
  try {
    return new TextDecoder(detected.encoding, { fatal: detected.encoding === 'utf-8', ignoreBOM: true }).decode(body);
  } catch {
    throw notUtf8(file, firstInvalidUtf8(body) + detected.bomLength);
  }
}
