import { heatMap } from './charts/heat-map.js';
import { html, type SafeHtml } from './html.js';
import type { ReportData } from './run-report-data.js';
import { HEAT_MAP_DAYS } from './run-report-data.js';

/** Feeds × days: a feed that stopped sending shows as a white gap on the right. */
export function renderCollection(d: ReportData): SafeHtml {
  const { feeds, days, counts } = d.collection;
  return html`<section id="collection"><h2>Collection status: days with transactions, per feed</h2>${heatMap({
    title: days.length ? `${days[0]} to ${days[days.length - 1]}` : 'no dated rows',
    rows: feeds,
    days,
    counts,
    empty: 'No dated rows loaded yet.',
    width: 1100,
  })}<p class="note">From every loaded row (std_rows) by transaction date; at most the last ${String(HEAT_MAP_DAYS)} days. A feed without a single dated row is an empty line.</p></section>`;
}
