/**
 * SVG text does not wrap: labels are cut to a width budget, counting a CJK character as two
 * Latin ones, and the full text goes in a <title> tooltip.
 */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
  return units;
}

export function truncateLabel(text: string, maxUnits: number): string {
  if (textUnits(text) <= maxUnits) return text;
  let out = '';
  let units = 0;
  for (const ch of text) {
    const w = textUnits(ch);
    if (units + w > maxUnits - 1) break;
    out += ch;
    units += w;
  }
  return `${out}…`;
}

/** Rounded to 0.1 px so output is short and stable. */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}
