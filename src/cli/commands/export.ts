import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { createContext, type GlobalOptions } from '../context.js';
import { withWorkspaceDatabase } from '../workspace-database.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('the finance workbook of a month: 代表业绩, 代表品规业绩, 区域汇总, 终端明细, 未分配, 调整 (xlsx), the same as CSV, and a BI Parquet')
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--format <list>', 'any of xlsx,csv,parquet', 'xlsx,csv,parquet')
    .action(async (options: { period: string; format: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      const { exportFinance, FINANCE_FORMATS } = await import('../../export/finance-export.js');
      const formats = options.format.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
      const bad = formats.filter((f) => !(FINANCE_FORMATS as string[]).includes(f));
      if (bad.length > 0 || formats.length === 0) throw new UsageError(`--format: "${bad.join(',') || options.format}" is not one of ${FINANCE_FORMATS.join(', ')}`);
      await withWorkspaceDatabase(globals.workspace, ctx.log, {}, async (db, ws) => {
        const written = await exportFinance(db, ws.outDir, options.period, formats as ('xlsx' | 'csv' | 'parquet')[]);
        ctx.print(globals.json ? JSON.stringify({ period: options.period, files: written }, null, 2) : written.map((f) => `wrote ${f}`).join('\n'));
      });
    });
}
