/**
 * Every error drugflow raises on purpose carries a code. The CLI maps codes to exit codes in
 * one place (src/cli/exit-codes.ts); anything without a code is a bug and exits 1.
 */
export type ErrorCode =
  | 'CONFIG' // workspace, pipeline or mapping file is invalid: nothing was touched
  | 'USAGE' // bad command-line arguments
  | 'INPUT' // one input file (or names/master file) cannot be read; the run goes on without it
  | 'DATABASE' // a SQL step failed
  | 'LOCKED' // another run holds the workspace
  | 'INTERNAL';

export class DrugflowError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** One problem in a config or mapping file, located by file and key path (or row). */
export interface ConfigProblem {
  file: string;
  path: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** All problems found while loading config, reported together before any data is touched. */
export class ConfigError extends DrugflowError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super('CONFIG', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

export class UsageError extends DrugflowError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** A whole input file that cannot be read: recorded in `files` with this reason, run continues. */
export class InputFileError extends DrugflowError {
  readonly file: string;
  /** What is wrong, without the file: tables and reports name the file in a column of its own. */
  readonly reason: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('INPUT', `${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

export class DatabaseError extends DrugflowError {
  readonly step: string;
  readonly sql: string;
  constructor(step: string, sql: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('DATABASE', `${step}: ${reason}`, { cause });
    this.step = step;
    this.sql = sql;
  }
}

export class LockedError extends DrugflowError {
  constructor(message: string) {
    super('LOCKED', message);
  }
}

export class InternalError extends DrugflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
