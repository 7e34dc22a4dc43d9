import { createLogger, type Logger } from '../log.js';
import { silentProgress, terminalProgress, type Progress } from '../progress.js';

/** Options every command shares. */
export interface GlobalOptions {
  workspace: string;
  json?: boolean;
  logLevel?: string;
  logFile?: string;
}

export interface CommandContext {
  log: Logger;
  progress: Progress;
  /** Results go to stdout: JSON with --json, a short human summary otherwise. */
  print(text: string): void;
}

/**
 * The one place that looks at the environment: a terminal gets progress bars and quieter logs;
 * cron (no TTY) gets JSON info logs on stderr and no bars.
 */
export function createContext(options: GlobalOptions): CommandContext {
  const interactive = Boolean(process.stderr.isTTY) && !options.logFile;
  const level = options.logLevel ?? process.env.DRUGFLOW_LOG_LEVEL ?? (interactive ? 'warn' : 'info');
  return {
    log: createLogger({ level, destination: options.logFile ?? 2, human: interactive }),
    progress: interactive ? terminalProgress(process.stderr) : silentProgress,
    print: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
