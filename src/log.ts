import { pino, type Logger } from 'pino';
import { humanLogLine } from './log-human.js';

export type { Logger };

/**
 * The one logger: JSON lines on stderr (stdout is reserved for results and `--json`), or the
 * same records as readable lines when a person is watching a terminal. Stages receive it as an
 * argument; only src/cli decides the level, the destination and the form.
 */
export function createLogger(options: { level?: string; destination?: number | string; human?: boolean } = {}): Logger {
  const settings = { level: options.level ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  const destination = pino.destination({ dest: options.destination ?? 2, sync: true });
  if (!options.human) return pino(settings, destination);
  return pino(settings, { write: (line: string) => destination.write(humanLogLine(line)) });
}

/** For library use and tests: a logger that writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
