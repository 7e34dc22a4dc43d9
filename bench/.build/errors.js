export class DrugflowError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.code = code;
        this.name = new.target.name;
    }
}
export function formatProblem(p) {
    return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}
/** All problems found while loading config, reported together before any data is touched. */
export class ConfigError extends DrugflowError {
    problems;
    constructor(problems) {
        super('CONFIG', problems.map(formatProblem).join('\n'));
        this.problems = problems;
    }
}
export class UsageError extends DrugflowError {
    constructor(message) {
        super('USAGE', message);
    }
}
/** A whole input file that cannot be read: recorded in `files` with this reason, run continues. */
export class InputFileError extends DrugflowError {
    file;
    constructor(file, message, options) {
        super('INPUT', `${file}: ${message}`, options);
        this.file = file;
    }
}
export class DatabaseError extends DrugflowError {
    step;
    sql;
    constructor(step, sql, cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super('DATABASE', `${step}: ${reason}`, { cause });
        this.step = step;
        this.sql = sql;
    }
}
export class LockedError extends DrugflowError {
    constructor(message) {
        super('LOCKED', message);
    }
}
export class InternalError extends DrugflowError {
    constructor(message, options) {
        super('INTERNAL', message, options);
    }
}
export function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=errors.js.map