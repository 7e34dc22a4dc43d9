import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { createContext, type GlobalOptions } from '../context.js';

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('trace a lot (批号) from our shipments through distributors to each terminal, and what is still in stock')
    .requiredOption('--lot <lot>', 'the lot number')
    .option('--sku <sku>', 'only this SKU (a lot number can repeat across products)')
    .action(async (options: { lot: string; sku?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      const [{ loadWorkspace }, { Database }, { traceLot }, { formatTrace }] = await Promise.all([
        import('../../config/load-workspace.js'),
        import('../../db/database.js'),
        import('../../trace/lot-trace.js'),
        import('../../trace/format-trace.js'),
      ]);
      const ws = loadWorkspace(globals.workspace);
      if (!existsSync(ws.databasePath)) throw new UsageError('no database yet: run "drugflow run" first');
      const db = await Database.open(ws.databasePath, ctx.log);
      try {
        const trace = await traceLot(db, options.lot, options.sku);
        ctx.print(globals.json ? JSON.stringify(trace, null, 2) : formatTrace(trace));
      } finally {
        db.close();
      }
    });
}
