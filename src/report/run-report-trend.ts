import { columnChart } from './charts/column-chart.js';
import { CHANNEL_COLORS, COLORS } from './charts/palette.js';
import { html, type SafeHtml } from './html.js';
import { formatAmount, formatInt } from './html-format.js';
import type { ReportData } from './run-report-data.js';

/** Terminal (纯销) quantity by month, stacked by channel, with the amounts below. */
export function renderTrend(d: ReportData): SafeHtml {
  const periods = [...new Set(d.terminal.map((t) => t.period))].sort();
  const channels = [...new Set([...Object.keys(CHANNEL_COLORS), ...d.terminal.map((t) => t.channel)])].filter((c) => d.terminal.some((t) => t.channel === c));
  const cell = (period: string, channel: string) => d.terminal.find((t) => t.period === period && t.channel === channel);
  const series = channels.map((channel) => ({ name: channel, color: CHANNEL_COLORS[channel] ?? COLORS.barAlt, values: periods.map((p) => cell(p, channel)?.qty ?? 0) }));
  const amount = (p: string) => d.terminal.filter((t) => t.period === p).reduce((n, t) => n + t.amount, 0);
  const table = periods.length === 0 ? '' : html`<table><thead><tr><th>period</th><th class="num">qty (standard units)</th><th class="num">amount</th></tr></thead><tbody>${periods.map(
    (p) => html`<tr><td>${p}</td><td class="num">${formatInt(series.reduce((n, s) => n + (s.values[periods.indexOf(p)] ?? 0), 0))}</td><td class="num">${formatAmount(amount(p))}</td></tr>`,
  )}</tbody></table>`;
  return html`<section id="trend"><h2>Terminal sales by month</h2>${columnChart({ title: 'flow_terminal qty by period and channel', categories: periods, series, empty: 'No terminal sales yet.', width: 540 })}${table}</section>`;
}
