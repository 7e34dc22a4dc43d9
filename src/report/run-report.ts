import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { RunSummary } from '../run/run-summary.js';
import { html, trusted } from './html.js';
import { formatTimestamp } from './html-format.js';
import { readReportData, type ReportData } from './run-report-data.js';
import { renderHeader } from './run-report-header.js';
import { renderFeeds } from './run-report-feeds.js';
import { renderMatching } from './run-report-matching.js';
import { renderCollection } from './run-report-collection.js';
import { renderQuality } from './run-report-quality.js';
import { renderTrend } from './run-report-trend.js';
import { renderRecentRuns, renderTimings } from './run-report-timings.js';
import { REPORT_CSS } from './run-report-style.js';

/**
 * Writes the run report: `<outDir>/runs/<run_id>.html` and the same page as `<outDir>/report.html`
 * (the latest run). Self-contained: inline CSS and SVG, no script, no URL, so it opens offline
 * and from a mail attachment. Returns the path of `report.html`.
 */
export async function writeRunReport(db: Database, summary: RunSummary, outDir: string): Promise<string> {
  const page = renderRunReport(summary, await readReportData(db));
  const runsDir = path.join(outDir, 'runs');
  await mkdir(runsDir, { recursive: true });
  // Run ids are made by runJob from a timestamp and pid; keep them to one path segment regardless.
  const runFile = path.join(runsDir, `${summary.run_id.replace(/[^\w.-]/g, '_')}.html`);
  await writeAtomically(runFile, page);
  const latest = path.join(outDir, 'report.html');
  await writeAtomically(latest, page);
  return latest;
}

/** The page as a string: a pure function of the summary and what was read from the database. */
export function renderRunReport(summary: RunSummary, data: ReportData): string {
  const title = `drugflow run ${summary.run_id} · ${summary.outcome === 'ok' ? 'OK' : 'GATE FAILED'}`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
${renderHeader(summary)}
${renderFeeds(summary)}
${renderMatching(data)}
${renderCollection(data, summary.collection)}
<div class="grid">${renderQuality(data)}</div>
<div class="grid">${renderTrend(data)}${renderTimings(summary)}</div>
${renderRecentRuns(data.runs)}
<footer>drugflow · run ${summary.run_id} · finished ${formatTimestamp(summary.finished_at)}</footer>
</body>
</html>
`.value;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}
