import type { Command } from 'commander';
import { createContext, type GlobalOptions } from '../context.js';
import { withWorkspaceDatabase } from '../workspace-database.js';

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('trace a lot (批号) from our shipments through distributors to each terminal, and what is still in stock')
    .requiredOption('--lot <lot>', 'the lot number')
    .option('--sku <sku>', 'only this SKU (a lot number can repeat across products)')
    .action(async (options: { lot: string; sku?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      const [{ traceLot }, { formatTrace }] = await Promise.all([import('../../trace/lot-trace.js'), import('../../trace/format-trace.js')]);
      await withWorkspaceDatabase(globals.workspace, ctx.log, {}, async (db) => {
        const trace = await traceLot(db, options.lot, options.sku);
        ctx.print(globals.json ? JSON.stringify(trace, null, 2) : formatTrace(trace));
      });
    });
}
