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

/**
 * Whitespace folded to a space inside a cell, and the BOM, deleted. df_text (the standardise
 * macro that still cleans typed fields' text in SQL) folds the same characters.
 */
export const FOLDED_TO_SPACE = ['\u3000', '\u00a0', '\t', '\n', '\r'] as const;
export const DELETED = '\ufeff';

const charClass = (chars: readonly string[]): string => `[${chars.join('')}]`;
const TO_SPACE = new RegExp(charClass(FOLDED_TO_SPACE), 'g');
/** What foldWhitespace changes; NFKC leaves no U+3000 or U+00A0, they are here for safety. */
const FOLDABLE = new RegExp(`${charClass([...FOLDED_TO_SPACE, DELETED])}| {2}`);
/** The same, in a line whose delimiter is a tab: that tab is no whitespace inside a cell. */
const FOLDABLE_BESIDE_TABS = new RegExp(`${charClass([...FOLDED_TO_SPACE.filter((c) => c !== '\t'), DELETED])}| {2}`);

export function stagedText(cell: string): string {
  const text = cell.normalize('NFKC').trim();
  return FOLDABLE.test(text) ? foldWhitespace(text) : text;
}

/**
 * df_text's folding, for text String.prototype.trim has trimmed: its ends are then no whitespace
 * of any kind, so the folded text has no space at either end and needs no second trim.
 */
export function foldWhitespace(text: string): string {
  return text.replace(TO_SPACE, ' ').replaceAll(DELETED, '').replace(/ {2,}/g, ' ');
}

/** Finds, in a line of cells split by `delimiter`, what foldWhitespace would change. For lines already NFKC-normalised. */
export function foldableInLine(delimiter: string): RegExp {
  return delimiter === '\t' ? FOLDABLE_BESIDE_TABS : FOLDABLE;
}
