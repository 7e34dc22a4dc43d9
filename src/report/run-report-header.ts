import type { RunSummary } from '../run/run-summary.js';
import { html, type SafeHtml } from './html.js';
import { formatInt, formatMs, formatTimestamp } from './html-format.js';

/** Title, outcome badge, when and where, headline numbers and every gate with pass/fail. */
export function renderHeader(s: RunSummary): SafeHtml {
  const duration = Date.parse(s.finished_at) - Date.parse(s.started_at);
  const outcome = s.outcome === 'ok' ? html`<span class="badge ok">OK</span>` : html`<span class="badge fail">GATE FAILED</span>`;
  const kpis: [string, number][] = [
    ['files loaded', s.files.loaded],
    ['files unreadable', s.files.unreadable],
    ['rows read', s.rows.read],
    ['rows loaded', s.rows.loaded],
    ['rows rejected', s.rows.rejected],
    ['terminal rows', s.tables.flow_terminal?.rows ?? 0],
    ['unresolved rows', s.tables.unresolved_rows?.rows ?? 0],
  ];
  const gates = s.gates.map(
    (g) => html`<tr><td>${g.gate}</td><td class="num">${String(g.value)}</td><td class="num">${String(g.limit)}</td><td><span class="badge ${g.passed ? 'pass' : 'fail'}">${g.passed ? 'pass' : 'fail'}</span></td></tr>`,
  );
  return html`<header><h1>drugflow run report</h1>${outcome}<span class="meta">run <b>${s.run_id}</b> · exit code <b>${String(s.exit_code)}</b></span>
<span class="meta">started <b>${formatTimestamp(s.started_at)}</b> · took <b>${formatMs(duration)}</b></span>
<span class="meta">workspace <b>${s.workspace}</b> · periods <b>${s.periods.length ? s.periods.join(', ') : '—'}</b></span></header>
<ul class="kpis">${kpis.map(([k, n]) => html`<li><span class="n">${formatInt(n)}</span><span class="k">${k}</span></li>`)}</ul>
<section id="gates"><h2>Quality gates</h2><table><thead><tr><th>gate</th><th class="num">value</th><th class="num">limit</th><th>result</th></tr></thead><tbody>${gates}</tbody></table>
<p class="note">A failed gate does not stop the run: outputs are written and the exit code is 3.</p></section>`;
}
