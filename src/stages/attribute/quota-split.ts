import type { QuotaRow } from '../../config/attribution-schemas.js';

export interface MonthlyQuota {
  period: string;
  rep_code: string;
  product_group: string;
  qty: number | null;
  amount: number;
  /** Where the month's figure comes from, e.g. `mappings/quotas.csv row 4 (2026-Q4, even 1/3)`. */
  source: string;
}

/** The months a quota period covers: itself, the quarter's three or the year's twelve. */
export function quotaMonths(period: string): string[] {
  const year = period.slice(0, 4);
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  const months = q ? [0, 1, 2].map((i) => (Number(q[1]) - 1) * 3 + 1 + i) : /^\d{4}$/.test(period) ? Array.from({ length: 12 }, (_, i) => i + 1) : null;
  return months ? months.map((m) => `${year}-${String(m).padStart(2, '0')}`) : [period];
}

function daysIn(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/**
 * Splits quarterly and yearly quotas into months: `even` gives each month the same share,
 * `by_days` a share proportional to its calendar days. Shares are rounded to the cent (qty to
 * the box) and the last month takes the remainder, so the months add up to the quota exactly.
 * Monthly quotas for the same rep × group × month add up (a month quota on top of a quarter's).
 */
export function splitQuotas(rows: (QuotaRow & { line: number })[], mode: 'even' | 'by_days', file = 'mappings/quotas.csv'): MonthlyQuota[] {
  const out = new Map<string, MonthlyQuota>();
  for (const row of rows) {
    const months = quotaMonths(row.period);
    const weights = months.map((m) => (mode === 'by_days' ? daysIn(m) : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const share = (value: number, digits: number) => {
      const unit = 10 ** digits;
      const parts = weights.map((w) => Math.round(((value * w) / total) * unit) / unit);
      const rest = Math.round((value - parts.slice(0, -1).reduce((a, b) => a + b, 0)) * unit) / unit;
      parts[parts.length - 1] = rest;
      return parts;
    };
    const amounts = share(row.amount ?? 0, 2); // required by the schema
    const quotaQty = row.qty;
    const qtys = quotaQty === null ? null : share(quotaQty, 0);
    months.forEach((period, i) => {
      const how = months.length === 1 ? '' : ` (${row.period}, ${mode} ${mode === 'even' ? `1/${months.length}` : `${weights[i]}/${total} days`})`;
      const key = `${period}\u0000${row.rep_code}\u0000${row.product_group}`;
      const prev = out.get(key);
      const qty = qtys ? qtys[i]! : null;
      const source = `${file} row ${row.line}${how}`;
      if (prev) {
        prev.amount = Math.round((prev.amount + amounts[i]!) * 100) / 100;
        prev.qty = prev.qty === null && qty === null ? null : (prev.qty ?? 0) + (qty ?? 0);
        prev.source += `; ${source}`;
      } else {
        out.set(key, { period, rep_code: row.rep_code, product_group: row.product_group, qty, amount: amounts[i]!, source });
      }
    });
  }
  return [...out.values()].sort((a, b) => (a.period + a.rep_code + a.product_group).localeCompare(b.period + b.rep_code + b.product_group));
}
