import { html, type SafeHtml } from '../html.js';
import { formatInt } from '../html-format.js';
import { COLORS, HEAT_STEPS } from './palette.js';
import { px, truncateLabel } from './svg-text.js';

export interface HeatMapOptions {
  title: string;
  rows: readonly string[];
  /** ISO dates (YYYY-MM-DD), consecutive, oldest first. */
  days: readonly string[];
  /** count of `row|day`; a missing key is an empty cell. */
  counts: ReadonlyMap<string, number>;
  empty: string;
  width?: number;
}

const LABEL = 150;
const CELL_H = 18;
const TOP = 30;

export const heatKey = (row: string, day: string): string => `${row}|${day}`;

/** Rows × days: which days each feed has data; darker = more rows that day. */
export function heatMap(o: HeatMapOptions): SafeHtml {
  if (o.rows.length === 0 || o.days.length === 0) return html`<figure class="chart"><figcaption>${o.title}</figcaption><p class="empty">${o.empty}</p></figure>`;
  const width = o.width ?? 760;
  const cell = Math.max(4, Math.min(16, (width - LABEL - 10) / o.days.length));
  const height = TOP + o.rows.length * CELL_H + 4;
  const max = Math.max(1, ...o.counts.values());
  const shade = (n: number) => (n <= 0 ? COLORS.empty : HEAT_STEPS[Math.min(HEAT_STEPS.length - 1, Math.floor((Math.sqrt(n) / Math.sqrt(max)) * HEAT_STEPS.length))]);

  const axis = o.days.map((day, d) => {
    const x = LABEL + d * cell;
    const dayOfMonth = day.slice(8, 10);
    const month = d === 0 || dayOfMonth === '01' ? html`<text x="${px(x)}" y="11" class="axis strong">${day.slice(0, 7)}</text>` : '';
    const tick = dayOfMonth === '01' || dayOfMonth === '15' || d === 0 ? html`<text x="${px(x + cell / 2)}" y="25" text-anchor="middle" class="axis">${String(Number(dayOfMonth))}</text>` : '';
    return html`${month}${tick}`;
  });
  const rows = o.rows.map((row, r) => {
    const y = TOP + r * CELL_H;
    let active = 0;
    const cells = o.days.map((day, d) => {
      const n = o.counts.get(heatKey(row, day)) ?? 0;
      if (n > 0) active++;
      return html`<rect x="${px(LABEL + d * cell)}" y="${y}" width="${px(Math.max(1, cell - 1))}" height="${CELL_H - 2}" fill="${shade(n)}"><title>${row} ${day}: ${formatInt(n)} rows</title></rect>`;
    });
    return html`<g><text x="${LABEL - 8}" y="${y + CELL_H - 6}" text-anchor="end" class="lbl"><title>${row}: data on ${active} of ${o.days.length} days</title>${truncateLabel(row, 20)}</text>${cells}</g>`;
  });
  const scale = html`<ul class="legend"><li><span class="swatch" style="background:${COLORS.empty}"></span>no rows</li>${HEAT_STEPS.map((c, i) => html`<li><span class="swatch" style="background:${c}"></span>${i === 0 ? 'few' : i === HEAT_STEPS.length - 1 ? `most (${formatInt(max)})` : ''}</li>`)}</ul>`;
  return html`<figure class="chart"><figcaption>${o.title}</figcaption>${scale}<svg role="img" aria-label="${o.title}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${axis}${rows}</svg></figure>`;
}
