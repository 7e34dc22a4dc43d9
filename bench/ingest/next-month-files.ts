/**
 * Copies inbox files as the same distributors' files of the next month: 2026-10 → 2026-11 in the
 * file name and in every date spelling the generator writes (2026-10-05, 2026/10/5, 20261005,
 * 2026年10月5日, in UTF-8 or GBK bytes) and in document numbers (XS202610…). CSV only: an .xlsx
 * file is a zip, and is left out. For second-night.sh's third night: the first files of a new
 * month arriving at a workspace that holds the last one. With MONTHS, another month that many
 * months away (-11: 2025-11), for a workspace with a year of history (year-night.sh); a day the
 * month does not have (31 September) stays in the file, and its rows are rejected as a bad date.
 *
 *   tsx bench/ingest/next-month-files.ts FROM_DIR TO_DIR [MONTHS]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { chineseMonth } from '../../scripts/fixtures/dates.js';
import { PERIOD } from './feeds.js';
import { shiftMonth } from '../../src/period.js';

const [from, to, by = '1'] = process.argv.slice(2);
if (!from || !to || !Number.isInteger(Number(by)) || Number(by) === 0) throw new Error('usage: next-month-files.ts FROM_DIR TO_DIR [MONTHS, not 0]');

const next = shiftMonth(PERIOD, Number(by));
const compactOf = (p: string) => p.replace('-', '');
/**
 * Byte-level replacements, the text read as latin1 so GBK and UTF-8 bytes pass through unchanged;
 * the month in Chinese is replaced as both encodings spell it.
 */
const asBytes = (s: string, encoding: 'utf8' | 'gbk') => iconv.encode(s, encoding).toString('latin1');
const replacements: [string, string][] = [
  [`${PERIOD}-`, `${next}-`],
  [`${PERIOD.replace('-', '/')}/`, `${next.replace('-', '/')}/`],
  [`${PERIOD.slice(0, 4)}/${+PERIOD.slice(5, 7)}/`, `${next.slice(0, 4)}/${+next.slice(5, 7)}/`],
  [compactOf(PERIOD), compactOf(next)],
  ...(['utf8', 'gbk'] as const).map((e): [string, string] => [asBytes(chineseMonth(PERIOD), e), asBytes(chineseMonth(next), e)]),
];

let files = 0;
const walk = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const source = path.join(dir, name);
    if (statSync(source).isDirectory()) walk(source);
    else if (name.endsWith('.csv')) {
      let text = readFileSync(source, 'latin1');
      for (const [a, b] of replacements) text = text.replaceAll(a, b);
      const target = path.join(to, path.relative(from, dir), name.replaceAll(compactOf(PERIOD), compactOf(next)));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text, 'latin1');
      files++;
    }
  }
};
walk(from);
console.log(`${files} CSV files of ${PERIOD} copied as ${next} → ${to}`);
