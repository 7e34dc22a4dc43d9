/** The figures table printed per size (and the machine it ran on). */
import { cpus, totalmem } from 'node:os';
import type { DrugflowMeasure } from './measure-drugflow.js';

export interface SizeResult {
  rows: number;
  files: number;
  full: DrugflowMeasure;
  csvOnly?: DrugflowMeasure;
  xlsxOnly?: DrugflowMeasure;
  csvRows: number;
  xlsxRows: number;
  csvLoadFromLogS: number;
  xlsxLoadFromLogS: number;
  readCsv: { files: number; rows: number; readCsvS: number; gbkDecodeS: number };
  exceljs: { files: number; rows: number; seconds: number };
}

const f1 = (n: number): string => n.toFixed(1);
const k = (n: number): string => `${(n / 1000).toFixed(0)}k`;

export function machineNote(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} (shared machine: ±20%)`;
}

/**
 * Wall time no stage accounts for: starting Node, reading the config, opening and closing the
 * database, the manifest. Printed so a cost there shows (the manifest's hashing of the exports
 * was 7 s of the 10M run, in no stage, until session 14).
 */
const outsideStagesS = (m: DrugflowMeasure): number => m.wallS - Object.values(m.stageMs).reduce((a, b) => a + b, 0) / 1000;

export function formatResult(r: SizeResult): string {
  const s = r.full.stageMs;
  const stages = `${Object.entries(s).map(([name, ms]) => `${name} ${f1(ms / 1000)}`).join(' · ')} · outside the stages ${f1(outsideStagesS(r.full))}`;
  const lines = [
    `## ${r.rows.toLocaleString('en')} rows — ${r.files} files (${r.csvRows.toLocaleString('en')} CSV rows, ${r.xlsxRows.toLocaleString('en')} xlsx rows)`,
    '',
    '| run | rows read | wall s | rows/s | peak RSS MiB | stage_ms (s) |',
    '|---|---|---|---|---|---|',
  ];
  const row = (name: string, m: DrugflowMeasure | undefined): void => {
    if (!m) return;
    const st = Object.entries(m.stageMs).map(([n, ms]) => `${n} ${f1(ms / 1000)}`).join(' · ');
    lines.push(`| ${name} | ${m.rows.read.toLocaleString('en')} | ${f1(m.wallS)} | ${k(m.rows.read / m.wallS)} | ${f1(m.peakRssMiB)} | ${st} |`);
  };
  // The inbox was read into the page cache first, as the baselines' files are (warm-inbox.ts).
  row(`drugflow run (all feeds; inbox cached first, untimed: ${f1(r.full.inboxWarmS)} s)`, r.full);
  row('drugflow run (CSV feeds only)', r.csvOnly);
  row('drugflow run (xlsx feeds only)', r.xlsxOnly);
  lines.push(
    '',
    '| baseline | files | rows | s | rows/s |',
    '|---|---|---|---|---|',
    `| DuckDB read_csv → table in a db file (GBK pre-decoded, untimed: ${f1(r.readCsv.gbkDecodeS)} s) | ${r.readCsv.files} | ${r.readCsv.rows.toLocaleString('en')} | ${f1(r.readCsv.readCsvS)} | ${k(r.readCsv.rows / r.readCsv.readCsvS)} |`,
    `| exceljs streaming read (WorkbookReader) | ${r.exceljs.files} | ${r.exceljs.rows.toLocaleString('en')} | ${f1(r.exceljs.seconds)} | ${k(r.exceljs.rows / Math.max(r.exceljs.seconds, 1e-9))} |`,
    '',
    '| ratio | value |',
    '|---|---|',
    `| whole drugflow run (all stages, CSV and xlsx) / read_csv of the CSV rows (issue 7: ≤ 3×) | ${f1(r.full.wallS)} s / ${f1(r.readCsv.readCsvS)} s = ${f1(r.full.wallS / r.readCsv.readCsvS)}× |`,
    `| drugflow CSV load time (per-file log times, full run) / read_csv | ${f1(r.csvLoadFromLogS)} s / ${f1(r.readCsv.readCsvS)} s = ${f1(r.csvLoadFromLogS / r.readCsv.readCsvS)}× |`,
    `| drugflow xlsx load time (per-file log times, full run) / exceljs | ${f1(r.xlsxLoadFromLogS)} s / ${f1(r.exceljs.seconds)} s = ${f1(r.xlsxLoadFromLogS / Math.max(r.exceljs.seconds, 1e-9))}× |`,
  );
  if (r.csvOnly) lines.push(`| drugflow CSV-only run wall / read_csv | ${f1(r.csvOnly.wallS)} s / ${f1(r.readCsv.readCsvS)} s = ${f1(r.csvOnly.wallS / r.readCsv.readCsvS)}× |`);
  if (r.xlsxOnly) lines.push(`| drugflow xlsx-only run wall / exceljs | ${f1(r.xlsxOnly.wallS)} s / ${f1(r.exceljs.seconds)} s = ${f1(r.xlsxOnly.wallS / Math.max(r.exceljs.seconds, 1e-9))}× |`);
  const slowest = Object.entries(r.full.stepMs).sort((a, b) => b[1] - a[1]).slice(0, 12);
  const rss = Object.entries(r.full.stageRssMiB).map(([stage, mib]) => `${stage} ${mib}`).join(' · ');
  lines.push(
    '',
    `full run stages: ${stages}`,
    `slowest SQL steps (s, summed over their statements): ${slowest.map(([step, ms]) => `${step} ${f1(ms / 1000)}`).join(' · ')}`,
    `RSS at each stage's end (MiB): ${rss}`,
    `machine: ${machineNote()}`,
  );
  return lines.join('\n');
}
