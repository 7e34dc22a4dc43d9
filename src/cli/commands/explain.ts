import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { stagedText } from '../../io/staged-text.js';
import { createContext, type GlobalOptions } from '../context.js';
import { withWorkspaceDatabase } from '../workspace-database.js';

type Explained = {
  kind: 'customer' | 'product';
  distributor: string;
  raw_name: string;
  raw_spec?: string | null;
  raw_unit?: string | null;
  status: string;
  method: string;
  code: string | null;
  matched_name: string | null;
  score: number | null;
  runner_up_code: string | null;
  runner_up_score: number | null;
  factor?: number | null;
  reason: string | null;
  candidates: string | null;
  rows: number;
  qty: number | null;
};

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show how an alias was resolved in the last run (method, score, runner-up, reason, candidates), or with --rep and --period the rows and rules behind a rep\'s figures')
    .argument('[alias]', 'the raw customer or product name as the distributor wrote it (a part of it matches too)')
    .option('--distributor <code>', 'only this distributor')
    .option('--rep <code>', 'explain a rep\'s month instead: the rows, the attribution rule of each, quota, band, rate and cap')
    .option('--period <YYYY-MM>', 'with --rep: the month')
    .action(async (alias: string | undefined, options: { distributor?: string; rep?: string; period?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      if (options.rep !== undefined || options.period !== undefined) {
        if (!options.rep || !options.period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period)) throw new UsageError('--rep needs --period YYYY-MM (and the other way round)');
        const { rep, period } = options;
        const { explainRep, formatRepExplanation } = await import('./explain-rep.js');
        await withWorkspaceDatabase(globals.workspace, ctx.log, {}, async (db) => {
          if (!(await db.tableExists('rep_performance'))) throw new UsageError('no rep figures yet: run "drugflow run" first (with the attribute stage)');
          const e = await explainRep(db, rep, period);
          ctx.print(globals.json ? JSON.stringify(e, null, 2) : formatRepExplanation(e));
        });
        return;
      }
      if (alias === undefined) throw new UsageError('give an alias, or --rep CODE --period YYYY-MM');
      await withWorkspaceDatabase(globals.workspace, ctx.log, {}, async (db) => {
        const params = { pattern: `%${stagedText(alias)}%`, distributor: options.distributor ?? null };
        const where = `raw_name LIKE $pattern AND ($distributor IS NULL OR distributor = $distributor)`;
        const found = [
          ...(await db.all<Explained>('explain customers', `SELECT 'customer' AS kind, * FROM customer_resolutions WHERE ${where} ORDER BY distributor, raw_name LIMIT 50`, params)),
          ...(await db.all<Explained>('explain products', `SELECT 'product' AS kind, * FROM product_resolutions WHERE ${where} ORDER BY distributor, raw_name LIMIT 50`, params)),
        ];
        if (globals.json) ctx.print(JSON.stringify(found.map((f) => ({ ...f, candidates: f.candidates ? JSON.parse(f.candidates) : [] })), null, 2));
        else ctx.print(found.length === 0 ? `no alias like "${alias}" in the last run` : found.map(describe).join('\n\n'));
      });
    });
}

function describe(e: Explained): string {
  const target = e.code ? `${e.code} ${e.matched_name ?? ''}`.trim() : '(none)';
  const lines = [
    `${e.kind} alias "${e.raw_name}"${e.raw_spec ? ` ${e.raw_spec}` : ''}${e.raw_unit ? ` [${e.raw_unit}]` : ''} from ${e.distributor} (${e.rows} rows, qty ${e.qty ?? 0})`,
    `  ${e.status} by ${e.method}${e.score !== null ? `, score ${e.score.toFixed(3)}` : ''} → ${target}${e.factor !== undefined && e.factor !== null && e.factor !== 1 ? `, factor ${e.factor}` : ''}`,
  ];
  if (e.runner_up_code) lines.push(`  runner-up ${e.runner_up_code} (${e.runner_up_score?.toFixed(3)})`);
  if (e.reason) lines.push(`  why: ${e.reason}`);
  const candidates = e.candidates ? (JSON.parse(e.candidates) as { code: string; name: string; score: number }[]) : [];
  for (const c of candidates) lines.push(`  candidate ${c.code} ${c.name} ${c.score.toFixed(3)}`);
  return lines.join('\n');
}
