/**
 * Number formats for the reports, independent of the machine's locale so the same data gives
 * the same page byte for byte.
 */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Amounts in yuan: thousands separators, no decimals; 万 (10,000) above a million. */
export function formatAmount(n: number): string {
  if (Math.abs(n) >= 1_000_000) return `${formatDecimal(n / 10_000, 1)}万`;
  return formatInt(n);
}

export function formatDecimal(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  const [whole = '0', frac] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? sign + grouped : `${sign}${grouped}.${frac}`;
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "2026-11-22T10:36:05.850Z" → "2026-11-22 10:36:05 UTC": the same on every machine. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
