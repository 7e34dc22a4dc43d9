/**
 * How the run grows with the month: issue 7 asks for linear time from 1M to 10M rows, so the
 * figure that matters is the slope — seconds added per extra million rows between two sizes —
 * per stage as well as for the whole run. A constant slope is linear growth; a slope that rises
 * with size is what spilling joins and sorts look like.
 */
import type { SizeResult } from './report.js';

const f1 = (n: number): string => n.toFixed(1);
const millions = (rows: number): string => `${(rows / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })}M`;

export function formatScaling(results: SizeResult[]): string {
  const sizes = [...results].sort((a, b) => a.rows - b.rows);
  if (sizes.length < 2) return '';
  const lines = [
    `## Scaling ${sizes.map((r) => millions(r.rows)).join(' → ')}`,
    '',
    '| rows | wall s | s per M rows | slope from the previous size (s per extra M rows) | run / read_csv | peak RSS MiB |',
    '|---|---|---|---|---|---|',
  ];
  sizes.forEach((r, i) => {
    const prev = sizes[i - 1];
    const slope = prev ? f1((r.full.wallS - prev.full.wallS) / ((r.rows - prev.rows) / 1e6)) : '–';
    lines.push(
      `| ${millions(r.rows)} | ${f1(r.full.wallS)} | ${f1(r.full.wallS / (r.rows / 1e6))} | ${slope} | ${f1(r.full.wallS / r.readCsv.readCsvS)}× | ${f1(r.full.peakRssMiB)} |`,
    );
  });
  const stages = [...new Set(sizes.flatMap((r) => Object.keys(r.full.stageMs)))];
  lines.push('', `| stage | ${sizes.map((r) => `${millions(r.rows)} s`).join(' | ')} | slope ${sizes.slice(1).map((r, i) => `${millions(sizes[i]!.rows)}→${millions(r.rows)}`).join(', ')} (s per extra M rows) |`);
  lines.push(`|---|${sizes.map(() => '---|').join('')}---|`);
  for (const stage of stages) {
    const secs = sizes.map((r) => (r.full.stageMs[stage] ?? 0) / 1000);
    const slopes = sizes.slice(1).map((r, i) => f1((secs[i + 1]! - secs[i]!) / ((r.rows - sizes[i]!.rows) / 1e6)));
    lines.push(`| ${stage} | ${secs.map(f1).join(' | ')} | ${slopes.join(', ')} |`);
  }
  return lines.join('\n');
}
