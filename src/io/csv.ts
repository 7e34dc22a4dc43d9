/**
 * CSV (and tab/semicolon/pipe separated text) parsed chunk by chunk from the decoder, so memory
 * stays flat on big exports. Uses papaparse's record parser directly: its Node Duplex stream
 * spins forever when destroyed mid-parse (e.g. after a decode error), which hung the reader.
 */
import Papa from 'papaparse';
import { InputFileError } from '../errors.js';
import { decodeChunks, type DetectedEncoding } from './decode.js';
import type { RawRow } from './types.js';

type Newline = '\n' | '\r' | '\r\n';

interface ParseResult {
  data: string[][];
  meta: { cursor: number };
}

/** The first line break outside quotes decides the record separator for the whole file. */
export function guessNewline(sample: string): Newline {
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample.charCodeAt(i);
    if (ch === 0x22) quoted = !quoted;
    else if (!quoted && ch === 0x0a) return '\n';
    else if (!quoted && ch === 0x0d) return sample.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r';
  }
  return '\n';
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * The delimiter that splits most of the first records into the same number (>1) of fields.
 * Papaparse's own guess averages field counts, so a title row or a two-column file defeats it.
 */
export function guessDelimiter(sample: string): string {
  let best = { delimiter: ',', agreeing: 0, fields: 1 };
  // The record separator the parse itself will use: papaparse's own guess scanned up to 1 MB
  // per candidate, which cost more than reading a small file.
  const newline = guessNewline(sample);
  for (const delimiter of CANDIDATES) {
    const preview = Papa.parse<string[]>(sample.slice(0, 256 * 1024), { delimiter, newline, preview: 30 }).data;
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

/** Record-level rows from decoded text chunks; `rowNumber` counts records (quoted newlines stay in one). */
export async function* parseCsvChunks(
  chunks: AsyncIterable<string>,
  file: string,
  maxRecordChars = 512 * 32_767,
): AsyncGenerator<RawRow> {
  let config: { delimiter: string; newline: Newline } | null = null;
  let carry = '';
  let rowNumber = 0;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    config ??= { delimiter: guessDelimiter(chunk), newline: guessNewline(chunk) };
    const input = carry + chunk;
    // ignoreLastRow: the record after the last complete line break may continue in the next chunk.
    const result = new Papa.Parser(config).parse(input, 0, true) as ParseResult;
    for (const cells of result.data) yield { rowNumber: ++rowNumber, cells };
    carry = input.slice(result.meta.cursor);
    if (carry.length > maxRecordChars) {
      // Re-parsing an ever-growing carry would be quadratic: an unbalanced quote is the usual cause.
      throw new InputFileError(
        file,
        `row ${rowNumber + 1}: record longer than ${maxRecordChars} characters (an unclosed quote?)`,
      );
    }
  }
  if (!config) throw new InputFileError(file, 'file is empty');
  if (carry.length > 0) {
    const result = new Papa.Parser(config).parse(carry, 0, false) as ParseResult;
    for (const cells of result.data) yield { rowNumber: ++rowNumber, cells };
  }
}

export function readCsvRows(file: string, encoding: DetectedEncoding): AsyncGenerator<RawRow> {
  return parseCsvChunks(decodeChunks(file, encoding), file);
}
