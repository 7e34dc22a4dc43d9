import { barList } from './charts/bar-list.js';
import { COLORS } from './charts/palette.js';
import { html, type SafeHtml } from './html.js';
import { formatAmount } from './html-format.js';
import type { ReportData } from './run-report-data.js';

/** Why rows did not reach a flow table: unresolved (loaded, waiting for a match) and rejected (unreadable values). */
export function renderQuality(d: ReportData): SafeHtml {
  return html`<section id="unresolved"><h2>Unresolved rows: top reasons</h2>${barList({
    title: 'rows · amount',
    items: d.unresolved.map((r) => ({ label: r.reason, value: r.rows, detail: `¥${formatAmount(r.amount)}` })),
    color: COLORS.review,
    empty: 'Every loaded row reached a flow table.',
    width: 540,
    labelWidth: 210,
  })}</section>
<section id="rejects"><h2>Rejected rows: top reasons</h2>${barList({
    title: 'rows',
    items: d.rejects.map((r) => ({ label: r.reason, value: r.rows })),
    color: COLORS.rejected,
    empty: 'No rejected rows.',
    width: 540,
    labelWidth: 230,
  })}</section>`;
}
