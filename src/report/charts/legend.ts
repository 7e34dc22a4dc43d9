import { html, type SafeHtml } from '../html.js';

export interface LegendItem {
  name: string;
  color: string;
}

/** An HTML legend (wraps, unlike SVG text) placed above a chart. */
export function legend(items: readonly LegendItem[]): SafeHtml {
  return html`<ul class="legend">${items.map((i) => html`<li><span class="swatch" style="background:${i.color}"></span>${i.name}</li>`)}</ul>`;
}
