/**
 * The fast path's first half: a CSV file in any supported encoding, decoded in a stream and
 * written as UTF-8 for DuckDB's read_csv, each line prefixed with its line number so `source_row`
 * is the record number the JavaScript path gives (and a person sees). Only files both parsers
 * read identically are written; for any other the result says why, and the caller takes the
 * JavaScript path, which also reports the errors (limits, bad bytes) in its own words.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { errorMessage } from '../errors.js';
import { guessDelimiter, guessNewline } from './csv.js';
import { whitespaceToClean, countFields, lineForDuckdb, splitQuotedLine } from './csv-line.js';
import { decodeChunks, type DetectedEncoding } from './decode.js';
import type { ReadLimits } from './types.js';

export interface TranscodedCsv {
  ok: true;
  delimiter: string;
  /** Records (lines) in the file, header and title rows included. */
  lines: number;
  /** Lines below the header that `rows.skip` dropped (blank, totals): not written. */
  skipped: number;
  /** Lines written: below the header and not skipped. */
  written: number;
  /** The widest line's field count, not counting the line number prefix. */
  maxFields: number;
}

/** Which lines to write: those below the header row that are not blank or totals rows. */
export interface RowSelection {
  headerRow: number;
  /** A cheap test on the raw line: false means `skip` would say false for its cells. */
  mayBeSkipped: (line: string, delimiter: string) => boolean;
  skip: (cells: string[]) => boolean;
}

export interface NotTranscoded {
  ok: false;
  reason: string;
}

/** Writes `target` (created or truncated); the caller deletes it. */
export async function transcodeCsv(
  file: string,
  encoding: DetectedEncoding,
  target: string,
  limits: ReadLimits,
  rows: RowSelection,
): Promise<TranscodedCsv | NotTranscoded> {
  const out = openSync(target, 'w');
  try {
    // Synchronous writes of a decoded piece each: a hop to the thread pool per piece only added latency.
    return await transcodeInto(file, encoding, limits, rows, (text) => void writeSync(out, text));
  } catch (error) {
    return { ok: false, reason: `cannot transcode: ${errorMessage(error)}` };
  } finally {
    closeSync(out);
  }
}

/**
 * The same lines handed to `write`, each led by the `leadingFields` (e.g. file id and layout
 * number, plain integers that need no quoting) in the file's own delimiter: for a caller that
 * pools many files into one for a single read_csv, and takes back what a refused file wrote.
 */
export async function transcodeCsvTo(
  file: string,
  encoding: DetectedEncoding,
  limits: ReadLimits,
  rows: RowSelection,
  leadingFields: readonly number[],
  write: (text: string, delimiter: string) => void,
): Promise<TranscodedCsv | NotTranscoded> {
  try {
    return await transcodeInto(file, encoding, limits, rows, write, leadingFields);
  } catch (error) {
    return { ok: false, reason: `cannot transcode: ${errorMessage(error)}` };
  }
}

async function transcodeInto(
  file: string,
  encoding: DetectedEncoding,
  limits: ReadLimits,
  rows: RowSelection,
  write: (text: string, delimiter: string) => void,
  leadingFields: readonly number[] = [],
): Promise<TranscodedCsv | NotTranscoded> {
  let delimiter = '';
  let toClean = /$^/;
  let linePrefix = '';
  let skipped = 0;
  let written = 0;
  let newline = '';
  let carry = '';
  let lines = 0;
  let maxFields = 0;
  let problem: string | null = null;

  // Returns the transcoded lines of complete records in `text`; sets `problem` on the first bad one.
  const convert = (records: string[]): string => {
    const out: string[] = [];
    for (const line of records) {
      lines++;
      if (lines > limits.maxRows) return fail(`more than ${limits.maxRows} rows`);
      if (line.length > limits.maxCellChars) return fail(`line ${lines} is longer than a cell may be`);
      if (line.includes('\n') || line.includes('\r')) return fail(`line ${lines} has a stray line break`);
      let cells: string[] | null = null;
      let fields: number;
      if (line.includes('"')) {
        const split = splitQuotedLine(line, delimiter);
        if (typeof split === 'string') return fail(`line ${lines}: ${split === 'open-quote' ? 'a quoted line break or unclosed quote' : 'a quote inside a field'}`);
        cells = split;
        fields = split.length;
      } else fields = countFields(line, delimiter);
      if (fields > limits.maxColumns) return fail(`line ${lines} has more columns than allowed`);
      if (fields > maxFields) maxFields = fields;
      if (lines <= rows.headerRow) continue;
      if (rows.mayBeSkipped(line, delimiter) && rows.skip(cells ?? line.split(delimiter))) {
        skipped++;
        continue;
      }
      written++;
      out.push(`${linePrefix}${lines}${delimiter}${lineForDuckdb(line, delimiter, cells, toClean)}\n`);
    }
    return out.join('');
  };
  const fail = (reason: string): string => {
    problem = reason;
    return '';
  };

  for await (const chunk of decodeChunks(file, encoding)) {
    if (chunk.length === 0) continue;
    if (delimiter === '') {
      // The very same guesses as the JavaScript path, on the very same first chunk.
      delimiter = guessDelimiter(chunk);
      newline = guessNewline(chunk);
      toClean = whitespaceToClean(delimiter);
      linePrefix = leadingFields.map((n) => `${n}${delimiter}`).join('');
      if (newline === '\r') return { ok: false, reason: 'old Mac line breaks (CR only)' };
    }
    const text = carry + chunk;
    const last = text.lastIndexOf(newline);
    if (last < 0) {
      carry = text;
      if (carry.length > limits.maxCellChars) return { ok: false, reason: `line ${lines + 1} is longer than a cell may be` };
      continue;
    }
    carry = text.slice(last + newline.length);
    const converted = convert(text.slice(0, last).split(newline));
    if (problem !== null) return { ok: false, reason: problem };
    write(converted, delimiter);
  }
  if (delimiter === '') return { ok: false, reason: 'empty file' };
  // A final line break ends the last record; it does not start an empty one (as in papaparse).
  if (carry.length > 0) {
    const converted = convert([carry]);
    if (problem !== null) return { ok: false, reason: problem };
    write(converted, delimiter);
  }
  return { ok: true, delimiter, lines, skipped, written, maxFields };
}
