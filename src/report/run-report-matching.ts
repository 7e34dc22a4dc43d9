import { stackedBars } from './charts/stacked-bars.js';
import { COLORS } from './charts/palette.js';
import { html, type SafeHtml } from './html.js';
import { formatAmount, formatInt, formatPercent } from './html-format.js';
import type { ReportData, StatusCount } from './run-report-data.js';

const KNOWN: Record<string, string> = { auto: COLORS.auto, review: COLORS.review, unmatched: COLORS.unmatched, not_ours: COLORS.notOurs };

/** Match rates by alias and by amount, and the review backlog: what a person must look at, biggest first. */
export function renderMatching(d: ReportData): SafeHtml {
  const statuses = [...Object.keys(KNOWN), ...[...d.customers, ...d.products].map((c) => c.status).filter((s) => !(s in KNOWN)).sort()];
  const unique = [...new Set(statuses)];
  const series = unique.map((s) => ({ name: s.replace('_', ' '), color: KNOWN[s] ?? COLORS.barAlt }));
  const values = (counts: StatusCount[], pick: (c: StatusCount) => number) => unique.map((s) => pick(counts.find((c) => c.status === s) ?? { status: s, aliases: 0, rows: 0, amount: 0 }));
  const rows = [
    { label: 'customers · aliases', values: values(d.customers, (c) => c.aliases), emptyNote: 'none' },
    { label: 'customers · amount', values: values(d.customers, (c) => c.amount), emptyNote: 'none' },
    { label: 'products · aliases', values: values(d.products, (c) => c.aliases), emptyNote: 'none' },
    { label: 'products · amount', values: values(d.products, (c) => c.amount), emptyNote: 'none' },
  ];
  const rate = (counts: StatusCount[]) => {
    const total = counts.reduce((n, c) => n + c.amount, 0);
    return total > 0 ? formatPercent((counts.find((c) => c.status === 'auto')?.amount ?? 0) / total) : '—';
  };
  const table = html`<table><thead><tr><th>kind</th><th>status</th><th class="num">aliases</th><th class="num">rows</th><th class="num">amount</th></tr></thead><tbody>${[
    ...d.customers.map((c) => ['customers', c] as const),
    ...d.products.map((c) => ['products', c] as const),
  ].map(([kind, c]) => html`<tr><td>${kind}</td><td>${c.status}</td><td class="num">${formatInt(c.aliases)}</td><td class="num">${formatInt(c.rows)}</td><td class="num">${formatAmount(c.amount)}</td></tr>`)}</tbody></table>`;
  const backlog = d.backlog.length === 0
    ? html`<p class="empty">Nothing waiting for review.</p>`
    : html`<table><thead><tr><th>kind</th><th>distributor</th><th>raw name</th><th>status</th><th>best candidate</th><th class="num">score</th><th class="num">rows</th><th class="num">amount at stake</th></tr></thead><tbody>${d.backlog.map(
        (b) => html`<tr><td>${b.kind}</td><td>${b.distributor}</td><td class="name">${b.raw_name}</td><td>${b.status}</td><td class="name">${b.matched_name ?? '—'}</td><td class="num">${b.score === null ? '—' : b.score.toFixed(3)}</td><td class="num">${formatInt(b.rows)}</td><td class="num">${formatAmount(b.amount)}</td></tr>`,
      )}</tbody></table>`;
  return html`<section id="matching"><h2>Match rates and review backlog</h2>
<p class="meta">Amount resolved automatically: customers <b>${rate(d.customers)}</b> · products <b>${rate(d.products)}</b></p>
${stackedBars({ title: 'aliases and amount by resolution status (share)', series, rows, normalise: true, format: formatAmount })}${table}
<h2 style="margin-top:14px">Review backlog, biggest amount first</h2>${backlog}
<p class="note">Confirm these with "drugflow review export" / "review import"; rows of unconfirmed aliases wait in unresolved_rows.</p></section>`;
}
