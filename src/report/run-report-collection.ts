import type { CollectionSummary } from '../stages/collection/collection-stage.js';
import { heatMap } from './charts/heat-map.js';
import { formatPercent } from './html-format.js';
import { html, type SafeHtml } from './html.js';
import type { ReportData } from './run-report-data.js';
import { HEAT_MAP_DAYS } from './run-report-data.js';

/** 采集率 / 及时率 over every expected day, week or month of every feed (collection_periods). */
function renderRates(c: CollectionSummary | undefined): SafeHtml {
  if (!c || c.periods_expected === 0) return html``;
  return html`<p>采集率 (received / expected) <strong>${formatPercent(c.collection_rate)}</strong> (${c.periods_received} of ${c.periods_expected}) ·
及时率 (on time / expected) <strong>${formatPercent(c.on_time_rate)}</strong> (${c.periods_on_time} of ${c.periods_expected}).
A day, week or month is on time when drugflow first saw its file by the due day (cadence end + <code>due_days</code>);
per feed and unit in <code>collection_periods</code>.</p>`;
}

/** Feeds × days: a feed that stopped sending shows as a white gap on the right. */
export function renderCollection(d: ReportData, collection?: CollectionSummary): SafeHtml {
  const { feeds, days, counts } = d.collection;
  return html`<section id="collection"><h2>Collection status: days with transactions, per feed</h2>${renderRates(collection)}${heatMap({
    title: days.length ? `${days[0]} to ${days[days.length - 1]}` : 'no dated rows',
    rows: feeds,
    days,
    counts,
    empty: 'No dated rows loaded yet.',
    width: 1100,
  })}<p class="note">From every loaded row (std_rows) by transaction date; at most the last ${String(HEAT_MAP_DAYS)} days. A feed without a single dated row is an empty line.</p></section>`;
}
