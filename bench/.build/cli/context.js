import { createLogger } from '../log.js';
import { silentProgress, terminalProgress } from '../progress.js';
/**
 * The one place that looks at the environment: a terminal gets progress bars and quieter logs;
 * cron (no TTY) gets JSON info logs on stderr and no bars.
 */
export function createContext(options) {
    const interactive = Boolean(process.stderr.isTTY) && !options.logFile;
    const level = options.logLevel ?? process.env.DRUGFLOW_LOG_LEVEL ?? (interactive ? 'warn' : 'info');
    return {
        log: createLogger({ level, destination: options.logFile ?? 2 }),
        progress: interactive ? terminalProgress(process.stderr) : silentProgress,
        print: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    };
}
//# sourceMappingURL=context.js.map