import { DrugflowError } from '../errors.js';
/** Exit codes (contract): cron and CI scripts branch on these. */
export const EXIT = {
    ok: 0,
    internal: 1,
    usage: 2,
    gateFailed: 3,
    locked: 75,
};
export function exitCodeFor(error) {
    if (!(error instanceof DrugflowError))
        return EXIT.internal;
    switch (error.code) {
        case 'CONFIG':
        case 'USAGE':
        case 'INPUT':
            return EXIT.usage;
        case 'LOCKED':
            return EXIT.locked;
        default:
            return EXIT.internal;
    }
}
//# sourceMappingURL=exit-codes.js.map