import type { FeedKind, StandardField } from '../config/fields.js';
import { DrugflowError } from '../errors.js';
import { synonymsOf } from './header-match.js';
import { problemCount, resolveColumns, type ColumnsConfig, type Resolution } from './header-resolve.js';
import { combineHeaderRows } from './header-two-row.js';
import type { RawRow } from './types.js';

export { normaliseHeader } from './header-match.js';
export type { ColumnsConfig } from './header-resolve.js';

/** The header cannot be found or lacks what the feed needs. The caller prefixes the file path. */
export class HeaderError extends DrugflowError {
  constructor(message: string) {
    super('INPUT', message);
  }
}

export interface HeaderOptions {
  /** `auto`, or the 1-based row number (RawRow.rowNumber) of the header's last row. */
  headerRow: 'auto' | number;
  columns?: ColumnsConfig;
  kind: FeedKind;
}

export interface HeaderResult {
  /** The header's last row: data starts below it. */
  headerRowNumber: number;
  /** One per column; a two-row header's columns read group + name (`退货数量`). */
  headers: string[];
  /** Standard field → 0-based column index. */
  mapping: Partial<Record<StandardField, number>>;
  /** The unit a quantity header names, `数量（盒）` → qty: 盒. */
  unitHints: Partial<Record<StandardField, string>>;
  unmapped: string[];
  /** Several columns matched one field; the choice made is said here. */
  warnings: string[];
}

interface Candidate {
  index: number; // position in `rows` of the header's last row
  headers: string[];
  resolution: Resolution;
}

/**
 * Finds the header among a sheet's first rows and maps its columns onto standard fields.
 * `auto` takes the row naming the most distinct fields (title rows and `制表人：` lines name at
 * most one), the earliest on a tie. If that row lacks required or configured fields, the row
 * above or below may be the other half of a two-row header; the pair is used when it lacks less.
 */
export function detectHeader(rows: readonly RawRow[], options: HeaderOptions): HeaderResult {
  if (rows.length === 0) throw new HeaderError('the sheet is empty: no header row');
  const single = (index: number): Candidate => {
    const headers = [...(rows[index]?.cells ?? [])];
    return { index, headers, resolution: resolveColumns(headers, options.kind, options.columns) };
  };

  let best: Candidate;
  const pairs: [number, number][] = [];
  if (options.headerRow === 'auto') {
    best = single(0);
    for (let i = 1; i < rows.length; i++) {
      const candidate = single(i);
      if (candidate.resolution.hits > best.resolution.hits) best = candidate;
    }
    pairs.push([best.index - 1, best.index], [best.index, best.index + 1]);
  } else {
    const wanted = options.headerRow;
    const index = rows.findIndex((row) => row.rowNumber === wanted);
    if (index < 0) {
      throw new HeaderError(`header row ${wanted} is not among the first ${rows.length} rows of the sheet`);
    }
    best = single(index);
    pairs.push([index - 1, index]);
  }

  if (problemCount(best.resolution) > 0) {
    for (const [upper, lower] of pairs) {
      const candidate = pair(rows, upper, lower, options);
      if (candidate && isBetter(candidate.resolution, best.resolution)) best = candidate;
    }
  }

  raiseProblems(best, rows.length, options);
  const row = rows[best.index] as RawRow;
  const { mapping, unitHints, unmapped, warnings } = best.resolution;
  return {
    headerRowNumber: row.rowNumber,
    headers: best.headers.map((h) => h.trim()),
    mapping,
    unitHints,
    unmapped,
    warnings,
  };
}

function pair(rows: readonly RawRow[], upper: number, lower: number, options: HeaderOptions): Candidate | undefined {
  const parent = rows[upper];
  const child = rows[lower];
  if (!parent || !child || parent.cells.every((c) => c.trim() === '')) return undefined;
  const { headers, fallback } = combineHeaderRows(parent.cells, child.cells);
  return { index: lower, headers, resolution: resolveColumns(headers, options.kind, options.columns, fallback) };
}

function isBetter(a: Resolution, b: Resolution): boolean {
  return problemCount(a) < problemCount(b);
}

function raiseProblems(best: Candidate, rowCount: number, options: HeaderOptions): void {
  const { resolution } = best;
  const shown = listHeaders(best.headers);
  const messages: string[] = resolution.configMissing.map(({ field, wanted }) => {
    const asked = wanted.map((w) => `"${w}"`).join(' or ');
    return `header ${asked} (columns.${field}) not found; headers are: ${shown}`;
  });
  if (resolution.hits === 0) {
    messages.push(`no header row found in the first ${rowCount} rows (no cell names a known field)`);
  } else {
    for (const field of resolution.missingRequired) {
      const examples = synonymsOf(field, options.kind).slice(0, 6).join(', ');
      messages.push(
        `no column for required field ${field} of a ${options.kind} feed (looked for ${examples}, …; ` +
          `or set columns.${field}); headers are: ${shown}`,
      );
    }
  }
  if (messages.length > 0) throw new HeaderError(messages.join('\n'));
}

function listHeaders(headers: readonly string[]): string {
  const present = headers.map((h) => h.trim()).filter((h) => h !== '');
  const head = present.slice(0, 40).join(', ');
  return present.length > 40 ? `${head}, … (${present.length} in all)` : head;
}
