/**
 * CSV (and tab/semicolon/pipe separated text) via papaparse's Node stream, fed decoded chunks, so
 * memory stays flat on big exports. The delimiter is guessed from the first chunk.
 */
import { Readable } from 'node:stream';
import type { Duplex } from 'node:stream';
import Papa from 'papaparse';
import { InputFileError, errorMessage } from '../errors.js';
import { decodeChunks, type DetectedEncoding } from './decode.js';
import type { RawRow } from './types.js';

/** Record-level rows from decoded text chunks; `rowNumber` counts records (quoted newlines stay in one). */
export async function* parseCsvChunks(chunks: AsyncIterable<string>, file: string): AsyncGenerator<RawRow> {
  let sawText = false;
  const iterator = chunks[Symbol.asyncIterator]();
  let first = await iterator.next();
  while (!first.done && first.value.length === 0) first = await iterator.next();
  const delimiter = first.done ? ',' : guessDelimiter(first.value);
  async function* track(): AsyncGenerator<string> {
    const rest = { [Symbol.asyncIterator]: () => iterator };
    if (first.done) return;
    for await (const chunk of prepend(first.value, rest)) {
      if (chunk.length === 0) continue;
      sawText = true;
      yield chunk;
    }
  }
  const parser: Duplex = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, skipEmptyLines: false });
  const source = Readable.from(track(), { objectMode: false });
  // pipe() instead of pipeline(): a decode error must reach the consumer as the same InputFileError.
  let sourceError: unknown = null;
  source.on('error', (error) => {
    sourceError = error;
    parser.destroy(error);
  });
  source.pipe(parser);

  let rowNumber = 0;
  try {
    // Stream mode (unlike string mode) reports no extra empty record for a final newline.
    for await (const cells of parser as AsyncIterable<string[]>) {
      yield { rowNumber: ++rowNumber, cells };
    }
  } catch (error) {
    const cause = sourceError ?? error;
    if (cause instanceof InputFileError) throw cause;
    throw new InputFileError(file, `cannot parse CSV: ${errorMessage(cause)}`, { cause });
  } finally {
    source.destroy();
  }
  if (!sawText) throw new InputFileError(file, 'file is empty');
}

async function* prepend(head: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield head;
  yield* rest;
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * The delimiter that splits most of the first records into the same number (>1) of fields.
 * Papaparse's own guess averages field counts, so a title row or a two-column file defeats it.
 */
export function guessDelimiter(sample: string): string {
  let best = { delimiter: ',', agreeing: 0, fields: 1 };
  for (const delimiter of CANDIDATES) {
    const preview = Papa.parse<string[]>(sample.slice(0, 256 * 1024), { delimiter, preview: 30 }).data;
    // The last record may be cut off by the chunk boundary; blank lines say nothing.
    const counts = preview.slice(0, Math.max(1, preview.length - 1)).map((r) => r.length).filter((n) => n > 1);
    const tally = new Map<number, number>();
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
    for (const [fields, agreeing] of tally) {
      if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) {
        best = { delimiter, agreeing, fields };
      }
    }
  }
  return best.delimiter;
}

export function readCsvRows(file: string, encoding: DetectedEncoding): AsyncGenerator<RawRow> {
  return parseCsvChunks(decodeChunks(file, encoding), file);
}
