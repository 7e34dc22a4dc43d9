import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { createContext, type GlobalOptions } from '../context.js';
import { withWorkspaceDatabase } from '../workspace-database.js';

export function registerReview(program: Command): void {
  const review = program.command('review').description('the human queue for aliases the engine would not decide alone');

  review
    .command('export')
    .description('write the uncertain aliases, highest money first, with candidates, to a workbook')
    .requiredOption('--out <file.xlsx>', 'the workbook to write')
    .action(async (options: { out: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      if (!options.out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out must name an .xlsx file');
      const { exportReviewWorkbook } = await import('../../review/review-export.js');
      await withWorkspaceDatabase(globals.workspace, ctx.log, {}, async (db) => {
        const counts = await exportReviewWorkbook(db, path.resolve(options.out));
        ctx.print(globals.json ? JSON.stringify({ out: options.out, ...counts }) : `wrote ${options.out}: ${counts.customers} customer and ${counts.products} product aliases to review`);
      });
    });

  review
    .command('import')
    .description('check an edited review workbook and add its decisions to mappings/*_aliases.csv (all or nothing)')
    .argument('<file.xlsx>', 'the edited workbook')
    .option('--reviewer <name>', 'who decided, where the sheet leaves 确认人 empty')
    .action(async (file: string, options: { reviewer?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      const [{ loadWorkspaceKept }, { importReviewWorkbook }, { acquireWorkspaceLock }] = await Promise.all([
        import('../../config/kept-workspace.js'),
        import('../../review/review-import.js'),
        import('../../run/workspace-lock.js'),
      ]);
      const ws = loadWorkspaceKept(globals.workspace);
      const lock = acquireWorkspaceLock(ws.root);
      try {
        const result = await importReviewWorkbook(ws, path.resolve(file), { reviewer: options.reviewer });
        ctx.print(
          globals.json
            ? JSON.stringify(result)
            : `imported: ${result.confirmed.customers} customer and ${result.confirmed.products} product aliases, ${result.notOurs} not ours (${result.replaced} replaced earlier decisions); the next "drugflow run" re-resolves the rows`,
        );
      } finally {
        lock.release();
      }
    });
}
