import { html, type SafeHtml } from '../html.js';
import { formatInt } from '../html-format.js';
import { COLORS } from './palette.js';
import { legend, type LegendItem } from './legend.js';
import { px } from './svg-text.js';

export interface ColumnSeries extends LegendItem {
  values: readonly number[];
}

export interface ColumnChartOptions {
  title: string;
  categories: readonly string[];
  /** Stacked bottom to top in this order. */
  series: readonly ColumnSeries[];
  empty: string;
  format?: (n: number) => string;
  width?: number;
}

const HEIGHT = 220;
const TOP = 20;
const BOTTOM = 26;
const LEFT = 10;

/** Vertical stacked columns per category (month), total printed on top. */
export function columnChart(o: ColumnChartOptions): SafeHtml {
  if (o.categories.length === 0) return html`<figure class="chart"><figcaption>${o.title}</figcaption><p class="empty">${o.empty}</p></figure>`;
  const width = o.width ?? 760;
  const format = o.format ?? formatInt;
  const plotH = HEIGHT - TOP - BOTTOM;
  const totals = o.categories.map((_, c) => o.series.reduce((s, ser) => s + Math.max(0, ser.values[c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = (width - LEFT * 2) / o.categories.length;
  const colW = Math.min(70, slot * 0.6);
  const columns = o.categories.map((cat, c) => {
    const x = LEFT + c * slot + (slot - colW) / 2;
    let y = TOP + plotH;
    const parts = o.series.map((ser) => {
      const v = Math.max(0, ser.values[c] ?? 0);
      if (v === 0) return '';
      const h = Math.max(1, (v / max) * plotH);
      y -= h;
      return html`<rect x="${px(x)}" y="${px(y)}" width="${px(colW)}" height="${px(h)}" fill="${ser.color}"><title>${cat} · ${ser.name}: ${format(v)}</title></rect>`;
    });
    return html`<g>${parts}<text x="${px(x + colW / 2)}" y="${px(y - 5)}" text-anchor="middle" class="val">${format(totals[c] ?? 0)}</text><text x="${px(x + colW / 2)}" y="${HEIGHT - 8}" text-anchor="middle" class="axis strong">${cat}</text></g>`;
  });
  const baseline = TOP + plotH;
  return html`<figure class="chart"><figcaption>${o.title}</figcaption>${legend(o.series)}<svg role="img" aria-label="${o.title}" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}"><line x1="0" y1="${baseline}" x2="${width}" y2="${baseline}" stroke="${COLORS.grid}"/>${columns}</svg></figure>`;
}
