/**
 * The text of a cell as every reader hands it to the database (the sheet readers' appender and
 * the CSV transcoder alike): NFKC, because DuckDB has none (full-width digits, letters and
 * brackets become ASCII); trimmed as String.prototype.trim trims; and the whitespace exports
 * scatter inside a cell folded to single spaces: tabs and line breaks to a space, the BOM
 * deleted, runs of spaces to one (NFKC has already made the full-width space and NBSP spaces).
 *
 * That is the standardise macro df_text's cleaning, done here once per cell: the standardise SQL
 * then takes text fields as they are staged. In SQL the cleaning was ~1.4 µs a row, 16–20% of a
 * pooled CSV statement on the benchmark month; here most cells pass one regex test.
 */

/** What foldWhitespace changes; NFKC leaves no U+3000 or U+00A0, they are here for safety. */
const FOLDABLE = /[\t\n\r\ufeff\u3000\u00a0]| {2}/;

export function stagedText(cell: string): string {
  const text = cell.normalize('NFKC').trim();
  return FOLDABLE.test(text) ? foldWhitespace(text) : text;
}

/**
 * df_text's folding, for text String.prototype.trim has trimmed: its ends are then no whitespace
 * of any kind, so the folded text has no space at either end and needs no second trim.
 */
export function foldWhitespace(text: string): string {
  return text.replace(/[\t\n\r\u3000\u00a0]/g, ' ').replace(/\ufeff/g, '').replace(/ {2,}/g, ' ');
}

/**
 * Finds, in a line of cells split by `delimiter`, what foldWhitespace would change; the
 * delimiter itself (a tab) is no whitespace inside a cell. For lines already NFKC-normalised.
 */
export function foldableInLine(delimiter: string): RegExp {
  return delimiter === '\t' ? /[\n\r\ufeff\u3000\u00a0]| {2}/ : FOLDABLE;
}
