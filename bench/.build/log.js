import { pino } from 'pino';
/**
 * The one logger: JSON lines on stderr (stdout is reserved for results and `--json`).
 * Stages receive it as an argument; only src/cli decides the level and destination.
 */
export function createLogger(options = {}) {
    const destination = pino.destination({ dest: options.destination ?? 2, sync: true });
    return pino({ level: options.level ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
/** For library use and tests: a logger that writes nothing. */
export function silentLogger() {
    return pino({ level: 'silent' });
}
//# sourceMappingURL=log.js.map