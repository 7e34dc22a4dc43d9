import type { RunSummary } from '../run/run-summary.js';
import { barList } from './charts/bar-list.js';
import { COLORS } from './charts/palette.js';
import { html, type SafeHtml } from './html.js';
import { formatInt, formatMs, formatTimestamp } from './html-format.js';
import type { RunListing } from './run-report-history.js';

/** Wall time per stage of this run, in the order the stages ran. */
export function renderTimings(s: RunSummary): SafeHtml {
  return html`<section id="timings"><h2>Stage timings</h2>${barList({
    title: 'wall time per stage',
    items: Object.entries(s.stage_ms).map(([stage, ms]) => ({ label: stage, value: ms })),
    format: formatMs,
    color: COLORS.barAlt,
    empty: 'No stage timings recorded.',
    width: 540,
    labelWidth: 100,
  })}</section>`;
}

/** The last runs from the `runs` table, as `drugflow status` lists them. */
export function renderRecentRuns(runs: RunListing[]): SafeHtml {
  const outcome = (o: string | null) => html`<span class="badge ${o === 'ok' ? 'ok' : o === 'gate_failed' ? 'fail' : 'other'}">${o ?? 'unfinished'}</span>`;
  const n = (v: number | null) => (v === null ? '—' : formatInt(v));
  return html`<section id="runs"><h2>Recent runs</h2>${runs.length === 0 ? html`<p class="empty">No runs recorded.</p>` : html`<table><thead><tr><th>run</th><th>started</th><th class="num">duration</th><th>outcome</th><th class="num">exit</th><th class="num">files loaded</th><th class="num">rows loaded</th><th class="num">rows rejected</th><th>gates failed</th></tr></thead><tbody>${runs.map(
    (r) => html`<tr><td>${r.run_id}</td><td>${formatTimestamp(r.started_at)}</td><td class="num">${r.duration_ms === null ? '—' : formatMs(r.duration_ms)}</td><td>${outcome(r.outcome)}</td><td class="num">${r.exit_code === null ? '—' : String(r.exit_code)}</td><td class="num">${n(r.files_loaded)}</td><td class="num">${n(r.rows_loaded)}</td><td class="num">${n(r.rows_rejected)}</td><td>${r.gates_failed.join(', ') || '—'}</td></tr>`,
  )}</tbody></table>`}</section>`;
}
