import { html, type SafeHtml } from '../html.js';
import { formatInt, formatPercent } from '../html-format.js';
import { COLORS } from './palette.js';
import { px, truncateLabel } from './svg-text.js';
import { legend, type LegendItem } from './legend.js';

export interface StackedBarRow {
  label: string;
  values: readonly number[];
  /** Shown instead of a bar when every value is zero. */
  emptyNote?: string;
}

export interface StackedBarsOptions {
  title: string;
  series: readonly LegendItem[];
  rows: readonly StackedBarRow[];
  /** Each bar fills the width (shares) instead of sharing one scale (counts). */
  normalise?: boolean;
  format?: (n: number) => string;
  width?: number;
}

const ROW = 26;
const BAR = 18;
const LABEL = 180;
const TOTAL = 90;

/** Horizontal stacked bars, one per row; every segment has a tooltip with its count and share. */
export function stackedBars(o: StackedBarsOptions): SafeHtml {
  const width = o.width ?? 760;
  const format = o.format ?? formatInt;
  const plot = width - LABEL - TOTAL;
  const totals = o.rows.map((r) => r.values.reduce((s, v) => s + v, 0));
  const max = Math.max(1, ...totals);
  const height = Math.max(ROW, o.rows.length * ROW) + 4;
  const bars = o.rows.map((row, i) => {
    const total = totals[i] ?? 0;
    const y = i * ROW + 2;
    const scale = o.normalise ? (total > 0 ? plot / total : 0) : plot / max;
    let x = LABEL;
    const segments = row.values.map((value, s) => {
      if (value <= 0) return '';
      // A non-zero segment stays visible however small: a single reject must show.
      const w = Math.max(2, value * scale);
      const series = o.series[s];
      const rect = html`<rect x="${px(x)}" y="${y}" width="${px(w)}" height="${BAR}" fill="${series?.color ?? COLORS.bar}"><title>${row.label} · ${series?.name ?? ''}: ${format(value)} (${formatPercent(total > 0 ? value / total : 0)})</title></rect>`;
      x += w;
      return rect;
    });
    const label = html`<text x="${LABEL - 8}" y="${y + BAR - 5}" text-anchor="end" class="lbl"><title>${row.label}</title>${truncateLabel(row.label, 26)}</text>`;
    const right = total > 0 ? format(total) : (row.emptyNote ?? '0');
    const rightX = total > 0 ? Math.min(x, LABEL + plot) + 6 : LABEL + 4;
    return html`<g>${label}${segments}<text x="${px(rightX)}" y="${y + BAR - 5}" class="val">${right}</text></g>`;
  });
  return html`<figure class="chart"><figcaption>${o.title}</figcaption>${legend(o.series)}<svg role="img" aria-label="${o.title}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><line x1="${LABEL}" y1="0" x2="${LABEL}" y2="${height}" stroke="${COLORS.grid}"/>${bars}</svg></figure>`;
}
