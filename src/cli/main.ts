// Heavy modules (DuckDB, exceljs, the matcher) load inside each action, so --help answers at once.
import { Command, CommanderError } from 'commander';
import { ConfigError, DrugflowError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { registerRun } from './commands/run.js';
import { registerValidate } from './commands/validate.js';
import { registerReview } from './commands/review.js';
import { registerExplain } from './commands/explain.js';
import { registerResolve } from './commands/resolve.js';
import { registerTrace } from './commands/trace.js';
import { registerConfirm } from './commands/confirm.js';
import { registerStatus } from './commands/status.js';
import { registerExport } from './commands/export.js';

/**
 * The CLI: commander wiring and the single place that turns errors into exit codes.
 * Everything below src/cli is free of argv, env and console.
 */
export async function main(argv: string[]): Promise<void> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('drugflow')
    .description('Turns distributors\' sell-out exports (药品流向) into trusted flow tables in embedded DuckDB.')
    .option('-w, --workspace <dir>', 'workspace folder (drugflow.yaml, pipelines/, mappings/)', '.')
    .option('--json', 'print the result as JSON on stdout')
    .option('--log-level <level>', 'fatal | error | warn | info | debug (default: info under cron, warn on a terminal)')
    .option('--log-file <file>', 'write the JSON log here instead of stderr')
    .showHelpAfterError()
    .exitOverride();
  registerRun(program, (code) => (exitCode = code));
  registerValidate(program);
  registerReview(program);
  registerResolve(program);
  registerExplain(program);
  registerTrace(program);
  registerConfirm(program);
  registerStatus(program);
  registerExport(program);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    exitCode = report(error);
  }
  process.exitCode = exitCode;
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`drugflow: configuration has ${error.problems.length} problem(s); no data was touched:\n${error.problems.map((p) => `  ${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}\n`);
  } else if (error instanceof DrugflowError) {
    process.stderr.write(`drugflow: ${error.message}\n`);
  } else {
    process.stderr.write(`drugflow: internal error (a bug, please report it): ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  return exitCodeFor(error);
}
