import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { formatPercent } from '../../report/html-format.js';
import type { RunSummary } from '../../run/run-summary.js';
import { createContext, type GlobalOptions } from '../context.js';

export function registerRun(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('run')
    .description('the nightly job: load new distributor files, resolve aliases, write flow tables and exports')
    .option('--period <YYYY-MM>', 'export only this period (all periods with data by default)')
    .option('--rematch', "match every alias again, taking none of the matching engine's answers remembered from the last run")
    .addHelpText(
      'after',
      '\nEnvironment:\n  DRUGFLOW_EARLY_MATCHING=off  match aliases only in the resolve stage, not while files load (same answers; for comparison)',
    )
    .action(async (options: { period?: string; rematch?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period)) {
        throw new UsageError(`--period must look like 2026-10, got "${options.period}"`);
      }
      const ctx = createContext(globals);
      const { runJob } = await import('../../run/run-job.js');
      const summary = await runJob({
        workspaceDir: globals.workspace,
        period: options.period,
        log: ctx.log,
        progress: ctx.progress,
        earlyMatching: process.env.DRUGFLOW_EARLY_MATCHING === 'off' ? false : undefined,
        rematch: options.rematch === true,
      });
      ctx.print(globals.json ? JSON.stringify(summary, null, 2) : humanSummary(summary));
      setExitCode(summary.exit_code);
    });
}

function humanSummary(s: RunSummary): string {
  const lines = [
    `drugflow run ${s.run_id}: ${s.outcome === 'ok' ? 'ok' : 'finished, but a quality gate failed'}`,
    `files: ${s.files.loaded} loaded, ${s.files.unchanged} unchanged, ${s.files.duplicate} duplicate, ${s.files.unreadable} unreadable`,
    `rows: ${s.rows.read} read = ${s.rows.loaded} loaded + ${s.rows.rejected} rejected + ${s.rows.skipped} skipped (${s.rows.out_of_period} out of period)`,
    `flows: primary ${s.tables.flow_primary?.rows ?? 0}, secondary ${s.tables.flow_secondary?.rows ?? 0}, terminal ${s.tables.flow_terminal?.rows ?? 0}, unresolved ${s.tables.unresolved_rows?.rows ?? 0}`,
    collectionLine(s.collection),
    attributionLine(s.attribution),
    monthsLine(s),
  ];
  for (const f of s.inputs.filter((i) => i.status === 'unreadable')) lines.push(`unreadable: ${f.path}: ${f.reason}`);
  for (const c of s.csv_skipped) lines.push(`parquet only: ${c.path} not written, ${c.rows} rows is more than Excel opens (export.csv_max_rows)`);
  for (const g of s.gates.filter((x) => !x.passed)) lines.push(`gate failed: ${g.gate} = ${g.value} (limit ${g.limit})`);
  return lines.join('\n');
}

/** Who the terminal rows were credited to, and what is left for someone to assign. */
function attributionLine(a: RunSummary['attribution']): string {
  const rules = Object.entries(a.by_rule).map(([rule, n]) => `${rule} ${n}`).join(', ');
  return `attribution: ${a.rows} terminal rows (${rules || 'none'}); unassigned ${a.unassigned_rows} rows, amount ${a.unassigned_amount}; reassigned ${a.reassigned_rows}; commission ${a.commission}, rebates ${a.rebates}`;
}

/** How many months each stage built this run; the others it kept as the last run left them (README: Months kept as they were). */
function monthsLine(s: RunSummary): string {
  const built = (n: number, kept: number) => `${n} of ${n + kept}`;
  const { classified_months: c, reconciliation: r, attribution: a, listings: l } = s;
  return `months built (the rest kept as they were): classify ${built(c.classified, c.kept)}, reconcile ${built(r.months.reconciled, r.months.kept)}, attribute ${built(a.months.attributed, a.months.kept)}, per SKU ${built(a.sku_months.split, a.sku_months.kept)}, listings ${built(l.months.summed, l.months.kept)}`;
}

/** 采集率 and 及时率 over every feed's expected days/weeks/months, and who has gone silent. */
function collectionLine(c: RunSummary['collection']): string {
  const parts = [
    `collection: 采集率 ${formatPercent(c.collection_rate)} (${c.periods_received}/${c.periods_expected})`,
    `及时率 ${formatPercent(c.on_time_rate)} (${c.periods_on_time}/${c.periods_expected})`,
  ];
  // silent_3_days includes the ≥5 ones: name each feed once, under its worse flag
  const silent3only = c.silent_3_days.filter((f) => !c.silent_5_days.includes(f));
  if (c.silent_5_days.length) parts.push(`silent ≥5 days: ${c.silent_5_days.join(', ')}`);
  if (silent3only.length) parts.push(`silent 3–4 days: ${silent3only.join(', ')}`);
  if (c.distributors_without_feed.length) parts.push(`no feed: ${c.distributors_without_feed.join(', ')}`);
  return parts.join(', ');
}
