/**
 * One physical CSV line, vetted for DuckDB's read_csv and normalised the way the JavaScript path
 * normalises cells. A line is only handed to DuckDB when both parsers must read it the same way:
 * RFC 4180 quoting (a quote opens a field and closes it right before a delimiter or the line end,
 * `""` inside), no quote left open at the line end. Anything else sends the whole file back to
 * papaparse, which has its own, more forgiving reading of broken quotes.
 */
import { foldableInLine, stagedText } from './staged-text.js';

/** Why a line cannot go to read_csv; the file then takes the JavaScript path. */
export type LineProblem = 'open-quote' | 'stray-quote';

const QUOTE = 0x22;

/** The cells of a line that holds a quote character, or the problem that keeps it from DuckDB. */
export function splitQuotedLine(line: string, delimiter: string): string[] | LineProblem {
  const delim = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      let text = '';
      let from = i + 1;
      for (;;) {
        const close = line.indexOf('"', from);
        if (close < 0) return 'open-quote';
        text += line.slice(from, close);
        if (line.charCodeAt(close + 1) === QUOTE) {
          text += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      cells.push(text);
      if (i === line.length) return cells;
      if (line.charCodeAt(i) !== delim) return 'stray-quote';
      i++;
    } else {
      const end = line.indexOf(delimiter, i);
      const text = end < 0 ? line.slice(i) : line.slice(i, end);
      if (text.includes('"')) return 'stray-quote';
      cells.push(text);
      if (end < 0) return cells;
      i = end + 1;
    }
  }
}

/** Fields of a line without quotes: delimiters + 1 (an empty line is one empty field, as papaparse has it). */
export function countFields(line: string, delimiter: string): number {
  let n = 1;
  for (let at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, at + 1)) n++;
  return n;
}

/** A cell written for read_csv: always quoted, so nothing in it can split it. */
export function quoteCell(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

/** ASCII and the CJK Unified Ideographs have no NFKC mappings: lines of only these need no normalize(). */
const MAY_CHANGE_IN_NFKC = /[^\x00-\x7f\u4e00-\u9fff]/;

const becomesStructural = new Map<string, RegExp>();

/**
 * The characters NFKC turns into the delimiter or a quote (`，` `＂` `﹐` …), found once per
 * delimiter by normalising every character of the BMP and the SMP (~50 ms, once a process).
 */
function structuralAfterNfkc(delimiter: string): RegExp {
  let found = becomesStructural.get(delimiter);
  if (!found) {
    const chars: string[] = [];
    for (let cp = 0x80; cp < 0x20000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const n = ch.normalize('NFKC');
      if (n !== ch && (n.includes(delimiter) || n.includes('"'))) chars.push(ch);
    }
    found = new RegExp(`[${chars.join('')}]`, 'u');
    becomesStructural.set(delimiter, found);
  }
  return found;
}

const ANY_WHITESPACE = /\s/;

/**
 * Whitespace stagedText would change in a line's cells: at a cell's edge (the line's ends, beside
 * a delimiter or quote), or inside a cell what foldWhitespace folds.
 */
export function whitespaceToClean(delimiter: string): RegExp {
  const d = delimiter.replace(/[\\^\]\-]/g, '\\$&');
  return new RegExp(`(?:^|[${d}"])\\s|\\s(?:$|[${d}"])|${foldableInLine(delimiter).source}`);
}

/**
 * The line with every cell as the sheet readers stage it (stagedText: NFKC, trimmed, odd
 * whitespace folded; empty cells stay empty, which read_csv reads as NULL). Normalising the whole
 * line is the same as normalising each cell (delimiters and quotes are ASCII starters that
 * compose with nothing) unless NFKC makes new delimiters or quotes out of full-width `，` or `＂`;
 * and most lines have no whitespace to clean. Other lines are rewritten cell by cell, every cell
 * quoted.
 */
export function lineForDuckdb(line: string, delimiter: string, cells: string[] | null, toClean: RegExp): string {
  let normalised: string | null = line;
  if (MAY_CHANGE_IN_NFKC.test(line)) normalised = structuralAfterNfkc(delimiter).test(line) ? null : line.normalize('NFKC');
  if (normalised !== null && (!ANY_WHITESPACE.test(normalised) || !toClean.test(normalised))) return normalised;
  return (cells ?? line.split(delimiter))
    .map((c) => {
      const text = stagedText(c);
      return text === '' ? '' : quoteCell(text);
    })
    .join(delimiter);
}
