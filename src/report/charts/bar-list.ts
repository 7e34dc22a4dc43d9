import { html, type SafeHtml } from '../html.js';
import { formatInt } from '../html-format.js';
import { COLORS } from './palette.js';
import { px, truncateLabel } from './svg-text.js';

export interface BarListItem {
  label: string;
  value: number;
  /** Extra text after the value, e.g. the amount at stake. */
  detail?: string;
}

export interface BarListOptions {
  title: string;
  items: readonly BarListItem[];
  color?: string;
  format?: (n: number) => string;
  /** Shown instead of a chart when there are no items. */
  empty: string;
  width?: number;
  labelWidth?: number;
}

const ROW = 24;
const BAR = 16;

/** Ranked horizontal bars: top reasons, stage timings. */
export function barList(o: BarListOptions): SafeHtml {
  if (o.items.length === 0) return html`<figure class="chart"><figcaption>${o.title}</figcaption><p class="empty">${o.empty}</p></figure>`;
  const width = o.width ?? 760;
  const labelWidth = o.labelWidth ?? 260;
  const format = o.format ?? formatInt;
  const plot = Math.max(60, width - labelWidth - 140);
  const max = Math.max(1, ...o.items.map((i) => i.value));
  const height = o.items.length * ROW + 4;
  const rows = o.items.map((item, i) => {
    const y = i * ROW + 2;
    const w = item.value > 0 ? Math.max(2, (item.value / max) * plot) : 0;
    const text = item.detail ? `${format(item.value)} · ${item.detail}` : format(item.value);
    return html`<g><text x="${labelWidth - 8}" y="${y + BAR - 3}" text-anchor="end" class="lbl"><title>${item.label}</title>${truncateLabel(item.label, Math.floor(labelWidth / 7))}</text><rect x="${labelWidth}" y="${y}" width="${px(w)}" height="${BAR}" fill="${o.color ?? COLORS.bar}"><title>${item.label}: ${text}</title></rect><text x="${px(labelWidth + w + 6)}" y="${y + BAR - 3}" class="val">${text}</text></g>`;
  });
  return html`<figure class="chart"><figcaption>${o.title}</figcaption><svg role="img" aria-label="${o.title}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows}</svg></figure>`;
}
