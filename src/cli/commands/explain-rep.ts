import type { Database, Row } from '../../db/database.js';
import { formatPercent } from '../../report/html-format.js';
import { NO_REP } from '../../stages/attribute/attribute-sql.js';

export interface RepExplanation {
  rep_code: string;
  period: string;
  performance: Row[];
  skus: Row[];
  commission: Row[];
  rules: Row[];
  rows: Row[];
  adjustments: Row[];
  quotas: Row[];
}

/**
 * `drugflow explain --rep R --period P`: the rep's figures for the month and where each comes
 * from — the rule that attributed each terminal row, the quota's source line, the band, rate
 * and cap behind the commission.
 */
export async function explainRep(db: Database, rep: string, period: string): Promise<RepExplanation> {
  const p = { rep, period };
  const all = (step: string, sql: string) => db.all(step, sql, p);
  return {
    rep_code: rep,
    period,
    performance: await all('explain rep performance', 'SELECT * FROM rep_group_performance WHERE rep_code = $rep AND period = $period ORDER BY product_group'),
    skus: await all('explain rep skus', 'SELECT * FROM rep_performance WHERE rep_code = $rep AND period = $period ORDER BY product_group, sku NULLS LAST'),
    commission: await all('explain rep commission', 'SELECT * FROM commission WHERE rep_code = $rep AND period = $period ORDER BY product_group'),
    rules: await all(
      'explain rep rules',
      `SELECT product_group, rule_kind, assignment_rule, count(*) AS rows, sum(qty) AS qty, round(sum(amount), 2) AS amount
       FROM flow_terminal_attributed WHERE coalesce(rep_code, '${NO_REP}') = $rep AND period = $period GROUP BY ALL ORDER BY ALL`,
    ),
    rows: await all(
      'explain rep rows',
      `SELECT strftime(txn_date, '%Y-%m-%d') AS txn_date, seller_code, buyer_code, buyer_name, sku, product_group, lot, qty, amount, is_return,
              assignment_rule, source_file, sheet, source_row
       FROM flow_terminal_attributed WHERE coalesce(rep_code, '${NO_REP}') = $rep AND period = $period ORDER BY rid`,
    ),
    adjustments: await all(
      'explain rep adjustments',
      `SELECT kind, period, booked_in, seller_code, buyer_code, sku, product_group, qty, amount, assignment_rule, source_file, source_row
       FROM booked_adjustments WHERE coalesce(rep_code, '${NO_REP}') = $rep AND booked_in = $period ORDER BY ALL`,
    ),
    quotas: await all('explain rep quotas', 'SELECT * FROM rep_quotas WHERE rep_code = $rep AND period = $period ORDER BY product_group'),
  };
}

const money = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '—');
const pct = (v: unknown) => (typeof v === 'number' ? formatPercent(v) : '—');

export function formatRepExplanation(e: RepExplanation): string {
  if (e.performance.length === 0 && e.rows.length === 0) return `no figures for rep ${e.rep_code} in ${e.period}`;
  const name = e.performance[0]?.rep_name ?? '';
  const lines = [`rep ${e.rep_code} ${name} — ${e.period} (attainment = terminal amount ÷ quota amount)`];
  for (const r of e.performance) {
    lines.push(
      `  ${r.product_group}: qty ${r.qty}, amount ${money(r.amount)} (returns ${money(r.returns_amount)}), quota ${money(r.quota_amount)}, attainment ${pct(r.attainment)}, ` +
        `YTD ${money(r.ytd_amount)}, last year ${money(r.ly_amount)}, commission ${money(r.commission)}`,
    );
  }
  if (e.skus.length) {
    lines.push('per SKU (rep_performance: the group\'s quota shared by amount, its commission by commission base, to the cent):');
    for (const r of e.skus) lines.push(`  ${r.product_group} ${r.sku ?? '(no sales)'}: qty ${r.qty}, amount ${money(r.amount)}, quota ${money(r.quota)}, commission ${money(r.commission)}`);
  }
  if (e.quotas.length) lines.push('quota sources:', ...e.quotas.map((q) => `  ${q.product_group}: ${money(q.amount)} from ${q.source}`));
  if (e.commission.length) lines.push('commission:', ...e.commission.map((c) => `  ${c.product_group}: ${money(c.commission)} = ${c.rule}`));
  lines.push('attribution rules:', ...e.rules.map((r) => `  ${r.product_group}: ${r.rows} rows, qty ${r.qty}, amount ${money(r.amount)} by ${r.assignment_rule}`));
  if (e.adjustments.length) lines.push('adjustments booked this month:', ...e.adjustments.map((a) => `  ${a.kind} of ${a.period} ${a.seller_code}→${a.buyer_code} ${a.sku}: qty ${a.qty}, amount ${money(a.amount)} (${a.assignment_rule})`));
  lines.push(`rows (${e.rows.length}):`);
  for (const r of e.rows) {
    lines.push(`  ${r.txn_date} ${r.seller_code}→${r.buyer_code} ${r.sku} lot ${r.lot ?? '—'} qty ${r.qty} amount ${money(r.amount)}${r.is_return ? ' (return)' : ''}  ${r.source_file}:${r.source_row}`);
  }
  return lines.join('\n');
}
