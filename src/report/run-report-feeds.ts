import type { RunSummary } from '../run/run-summary.js';
import type { FileReport } from '../stages/load/load-stage.js';
import { stackedBars } from './charts/stacked-bars.js';
import { COLORS } from './charts/palette.js';
import { html, type SafeHtml } from './html.js';
import { formatInt } from './html-format.js';

const SERIES = [
  { name: 'loaded', color: COLORS.loaded },
  { name: 'out of period', color: COLORS.outOfPeriod },
  { name: 'rejected', color: COLORS.rejected },
  { name: 'skipped', color: COLORS.skipped },
];

/**
 * This run's rows by outcome per feed. Out-of-period rows are loaded rows flagged in place, so
 * the bar splits loaded into in-period and out-of-period: the segments add up to rows read.
 */
export function renderFeeds(s: RunSummary): SafeHtml {
  const byFeed = new Map<string, FileReport[]>();
  for (const f of s.inputs) byFeed.set(f.feed, [...(byFeed.get(f.feed) ?? []), f]);
  const feeds = [...byFeed.keys()].sort();
  const rows = feeds.map((feed) => {
    const files = byFeed.get(feed) ?? [];
    const sum = (pick: (f: FileReport) => number) => files.reduce((n, f) => n + pick(f), 0);
    const unreadable = files.filter((f) => f.status === 'unreadable').length;
    return {
      label: feed,
      values: [sum((f) => f.rows.loaded - f.rows.outOfPeriod), sum((f) => f.rows.outOfPeriod), sum((f) => f.rows.rejected), sum((f) => f.rows.skipped)],
      emptyNote: unreadable > 0 ? `${unreadable} unreadable file(s)` : 'no new rows',
    };
  });
  const changed = s.inputs.filter((f) => f.status !== 'unchanged').sort((a, b) => a.feed.localeCompare(b.feed) || a.path.localeCompare(b.path) || (a.sheet ?? '').localeCompare(b.sheet ?? ''));
  const unchanged = s.inputs.length - changed.length;
  const table = changed.length === 0
    ? html`<p class="empty">No new or changed files in this run.</p>`
    : html`<table><thead><tr><th>feed</th><th>file</th><th>status</th><th class="num">read</th><th class="num">loaded</th><th class="num">rejected</th><th class="num">skipped</th><th class="num">out of period</th><th>periods</th></tr></thead><tbody>${changed.map(
        (f) => html`<tr><td>${f.feed}</td><td class="name">${f.path}${f.sheet ? ` [${f.sheet}]` : ''}${f.reason ? html`<br><span class="note">${f.reason}</span>` : ''}</td><td>${f.status}</td><td class="num">${formatInt(f.rows.read)}</td><td class="num">${formatInt(f.rows.loaded)}</td><td class="num">${formatInt(f.rows.rejected)}</td><td class="num">${formatInt(f.rows.skipped)}</td><td class="num">${formatInt(f.rows.outOfPeriod)}</td><td>${f.periods.join(', ')}</td></tr>`,
      )}</tbody></table>`;
  return html`<section id="feeds"><h2>Rows by outcome per feed (this run)</h2>${stackedBars({ title: 'rows read, by outcome', series: SERIES, rows })}
${table}${unchanged > 0 ? html`<p class="note">${formatInt(unchanged)} file(s) unchanged since an earlier run are not listed.</p>` : ''}</section>`;
}
