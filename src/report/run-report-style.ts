/** The report's only stylesheet, inlined: the page must open offline, from a mail attachment too. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; background: #f7fafc; color: #1a202c;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 12px 24px; margin-bottom: 16px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 0 0 10px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; color: #fff; }
.badge.ok, .badge.pass { background: #2f855a; }
.badge.fail, .badge.gate_failed { background: #c53030; }
.badge.other { background: #718096; }
.meta { color: #4a5568; }
.meta b { color: #1a202c; font-weight: 600; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 16px; padding: 0; list-style: none; }
.kpis li { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.kpis .n { display: block; font-size: 20px; font-weight: 700; }
.kpis .k { color: #718096; font-size: 12px; }
section { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 16px 20px; margin: 0 0 16px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
.grid > section { margin: 0; }
figure.chart { margin: 0 0 12px; overflow-x: auto; }
figcaption { font-weight: 600; margin-bottom: 4px; color: #2d3748; }
svg { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg .lbl { fill: #2d3748; }
svg .val { fill: #4a5568; font-variant-numeric: tabular-nums; }
svg .axis { fill: #718096; font-size: 11px; }
svg .strong { fill: #2d3748; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 0 0 6px; padding: 0; font-size: 12px; color: #4a5568; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 4px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf2f7; vertical-align: top; }
th { color: #4a5568; font-weight: 600; background: #f7fafc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { word-break: break-all; }
.empty { color: #718096; font-style: italic; margin: 4px 0; }
.note { color: #718096; font-size: 12px; margin: 4px 0 0; }
footer { color: #a0aec0; font-size: 12px; margin-top: 24px; }
`;
