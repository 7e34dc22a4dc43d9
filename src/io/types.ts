/**
 * What every reader returns, whatever the format: sheets of raw text rows. Nothing here parses
 * dates or numbers; that is the standardise stage's job, in SQL.
 */
export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'html';
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface ReadLimits {
  /** Largest input file in bytes (and, for .xlsx, the largest uncompressed size: zip bombs). */
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
  /** Longer cells make the file unreadable (Excel itself stops at 32,767). */
  maxCellChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxRows: 5_000_000,
  maxColumns: 512,
  maxCellChars: 32_767,
};

/**
 * One row as the file has it. `rowNumber` is 1-based: the spreadsheet row number for workbooks,
 * the record number (counting the header and title records) for CSV, so an analyst can find it.
 * Cells are text exactly as shown (trimmed of nothing): workbook dates as `YYYY-MM-DD` or
 * `YYYY-MM-DD HH:MM:SS`, numbers as JavaScript's shortest round-trip decimal, formulas as their
 * cached result, empty cells as ''.
 */
export interface RawRow {
  rowNumber: number;
  cells: string[];
}

export interface SheetSource {
  name: string;
  index: number;
  /** Streams the rows; may be called once. Throws InputFileError on a corrupt or over-limit file. */
  rows(): AsyncIterable<RawRow>;
}

export interface OpenedBook {
  format: FileFormat;
  /** The text encoding found or used (CSV and HTML only). */
  encoding?: TextEncoding;
  sheets: SheetSource[];
}

export interface OpenOptions {
  format: FileFormat | 'auto';
  encoding: TextEncoding | 'auto';
  limits: ReadLimits;
}
