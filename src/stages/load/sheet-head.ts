/**
 * The head of a file's sheet, read before any of its rows are staged: which sheet, which
 * encoding (for the CSV readers), which header row and what its columns map to.
 */
import type { Pipeline } from '../../config/workspace.js';
import { InputFileError } from '../../errors.js';
import { BOM_BYTES, bomOf, readBytes, type DetectedEncoding } from '../../io/decode.js';
import { detectHeader } from '../../io/header.js';
import type { OpenedBook, RawRow, SheetSource } from '../../io/types.js';
import { classifySkip } from '../standardise/skip-rows.js';

/** How many rows the header search looks at: title blocks are rarely longer than a dozen rows. */
const HEADER_SEARCH_ROWS = 50;

/** The header rows of a sheet, read with the sheet's own reader, and what they map to. */
export async function readHeader(sheet: SheetSource, pipeline: Pipeline, relPath: string) {
  const iterator = sheet.rows()[Symbol.asyncIterator]();
  const head: RawRow[] = [];
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  if (head.every((r) => classifySkip(r.cells) === 'blank')) {
    await iterator.return?.();
    throw new InputFileError(relPath, 'no data: the sheet is empty');
  }
  try {
    const header = detectHeader(head, { headerRow: pipeline.headerRow, columns: pipeline.columns, kind: pipeline.kind });
    return { iterator, head, header };
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
}

/** The CSV file's encoding and the byte-order mark read_csv must skip. */
export function csvEncoding(absPath: string, book: OpenedBook): DetectedEncoding {
  const encoding = book.encoding ?? 'utf-8';
  // detectFileEncoding let a byte-order mark decide (or refused the file): skip it when present.
  const bom = bomOf(readBytes(absPath, 0, BOM_BYTES));
  return { encoding, bomLength: bom && bom.encoding === encoding ? bom.length : 0 };
}

/** The sheet the pipeline names (the first when it names none); a missing one is an InputFileError listing the sheets. */
export function pickSheet(book: OpenedBook, pipeline: Pipeline, relPath: string): SheetSource {
  if (book.sheets.length === 0) throw new InputFileError(relPath, 'the workbook has no sheets');
  if (pipeline.sheet === undefined) return book.sheets[0] as SheetSource;
  const wanted = pipeline.sheet;
  const found = typeof wanted === 'number' ? book.sheets[wanted] : book.sheets.find((s) => s.name.trim() === wanted.trim());
  if (!found) {
    const names = book.sheets.map((s) => `"${s.name}"`).join(', ');
    throw new InputFileError(relPath, `sheet ${typeof wanted === 'number' ? `#${wanted}` : `"${wanted}"`} (${pipeline.configFile}: sheet) not found; sheets are: ${names}`);
  }
  return found;
}
