/**
 * Reads one zip entry of an .xlsx as text, and loads the two parts every sheet needs: shared
 * strings and the cell formats that say which numbers are dates.
 */
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { InputFileError } from '../errors.js';
import { isDateFormat } from './cell-text.js';
import { XmlScanner, attr } from './xml-scan.js';
import { dataOffset, inflateWholeEntry, readsWhole, type ZipEntry } from './zip-directory.js';

/**
 * Bytes of an entry inflated whole decoded and handed to the XML scanner at a time. Small, like
 * the stream's pieces: with 1 MiB pieces the reader peaked 45 MiB higher (each step parses ~7,000
 * rows at once), with 64 KiB as low as streaming.
 */
const WHOLE_BYTES_PIECE = 1 << 16;

/** The pieces of an entry's bytes, inflated whole or streamed, and how to let go of a stream early. */
function inflatedChunks(file: string, entry: ZipEntry): { chunks: Iterable<Buffer> | AsyncIterable<Buffer>; destroy: () => void } {
  if (readsWhole(entry)) {
    const bytes = inflateWholeEntry(file, entry);
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += WHOLE_BYTES_PIECE) pieces.push(bytes.subarray(at, at + WHOLE_BYTES_PIECE));
    return { chunks: pieces, destroy: () => undefined };
  }
  const start = dataOffset(file, entry);
  const source = createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const inflater = entry.method === 8 ? createInflateRaw({ chunkSize: 256 * 1024 }) : null;
  source.on('error', (e) => inflater?.destroy(e));
  const chunks = (inflater ? source.pipe(inflater) : source) as AsyncIterable<Buffer>;
  return {
    chunks,
    destroy: () => {
      source.destroy();
      inflater?.destroy();
    },
  };
}

/**
 * An entry's XML as text chunks, decoded with `stream: true` so no character is ever split. One
 * of a few MB (WHOLE_ENTRY_MAX_BYTES) is inflated in one call and decoded in pieces; a bigger one
 * is streamed, and memory stays flat.
 */
export async function* entryText(file: string, entry: ZipEntry): AsyncGenerator<string> {
  if (entry.compressedSize === 0) return;
  let inflated: ReturnType<typeof inflatedChunks> | undefined;
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  try {
    inflated = inflatedChunks(file, entry);
    for await (const chunk of inflated.chunks) {
      // XML parts are UTF-8 unless a byte-order mark says UTF-16; fatal: never invent characters.
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8', { fatal: true });
      yield decoder.decode(chunk, { stream: true });
    }
    // a character cut at the end is an error here
    if (decoder) yield decoder.decode();
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(file, `not a valid .xlsx (${entry.name} cannot be read: ${(error as Error).message})`, {
      cause: error,
    });
  } finally {
    inflated?.destroy();
  }
}

async function scanEntry(file: string, entry: ZipEntry, scanner: XmlScanner): Promise<void> {
  for await (const text of entryText(file, entry)) scanner.write(text);
  scanner.end();
}

/** Shared strings in order; rich-text runs joined, phonetic guides (<rPh>) left out. */
export async function loadSharedStrings(file: string, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await scanEntry(
    file,
    entry,
    new XmlScanner({
      open(name) {
        if (name === 'si') current = [];
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) inText = true;
      },
      close(name) {
        if (name === 'si') {
          strings.push(current ? current.join('') : '');
          current = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inText = false;
      },
      text(text) {
        if (inText && current) current.push(text);
      },
    }),
  );
  return strings;
}

/** Built-in number formats that show dates or times (ids 27-36 and 50-58 are the CJK date formats). */
function builtInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** For each cell style index (the `s` attribute of a cell): does it format numbers as dates? */
export async function loadDateStyles(file: string, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanEntry(
    file,
    entry,
    new XmlScanner({
      open(name, attrs) {
        if (name === 'numFmt') formats.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(attrs, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    }),
  );
  return xfFormats.map((id) => (formats.has(id) ? isDateFormat(formats.get(id)) : builtInDateFormat(id)));
}
