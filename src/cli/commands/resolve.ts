import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { createContext, type GlobalOptions } from '../context.js';

const OUT_EXTENSIONS = ['.csv', '.xlsx'];

export function registerResolve(program: Command): void {
  program
    .command('resolve')
    .description('match a list of raw customer or product names against a master file, on its own (no workspace needed)')
    .argument('<kind>', 'customers | products')
    .requiredOption('--master <file>', 'master list: customers.csv (code,name,type,tier,province,city) or products.csv (sku,name,brand,spec,unit,manufacturer,product_group)')
    .requiredOption('--names <file>', 'names to resolve: CSV (UTF-8 or GBK) or XLSX with a name column; optional province, city / spec, manufacturer, unit columns')
    .requiredOption('--out <file>', 'where to write the answers: .csv (UTF-8 with BOM) or .xlsx')
    .option('--column <name>', 'the column holding the names', 'name')
    .addHelpText(
      'after',
      '\nEach output row keeps the input columns and adds code (or sku), matched_name, score, status (auto | review | unmatched),\nmethod, reason and up to three candidates (candidate1_code, candidate1_name, candidate1_score, …).',
    )
    .action(async (kind: string, options: { master: string; names: string; out: string; column: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = createContext(globals);
      if (kind !== 'customers' && kind !== 'products') throw new UsageError(`resolve takes "customers" or "products", not "${kind}"`);
      if (!OUT_EXTENSIONS.includes(path.extname(options.out).toLowerCase())) throw new UsageError('--out must end in .csv or .xlsx');
      const { resolveNamesFile } = await import('../../match/resolve-names-file.js');
      const summary = await resolveNamesFile({
        kind,
        masterPath: path.resolve(options.master),
        namesPath: path.resolve(options.names),
        outPath: path.resolve(options.out),
        column: options.column,
        // a second thread that cannot start only costs time: say so, the answers are the same
        onWorkerProblem: (message) => ctx.log.warn({ reason: message }, 'matching on one thread'),
      });
      ctx.print(
        globals.json
          ? JSON.stringify({ out: options.out, ...summary })
          : `wrote ${options.out}: ${summary.total} names, ${summary.auto} auto, ${summary.review} to review, ${summary.unmatched} unmatched`,
      );
    });
}
