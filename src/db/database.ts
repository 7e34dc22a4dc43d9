import { DuckDBInstance, type DuckDBConnection, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { DatabaseError } from '../errors.js';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';

/** What a workspace may tune (drugflow.yaml `limits`); everything else is DuckDB's default. */
export interface DatabaseSettings {
  /** DuckDB's buffer pool, in MiB. Its default, 80% of RAM, let a national month peak at 4 GiB. */
  memoryMb?: number;
  /** Worker threads; DuckDB's default is one per core. */
  threads?: number;
}

/**
 * 1 GiB: the ingest benchmark's month ran in it (DuckDB spills joins and sorts to
 * `<database>.tmp` beyond it), and it leaves the rest of a 2 GiB budget to Node's heap.
 */
export const DEFAULT_MEMORY_MB = 1024;

/**
 * DuckDB's allocator (jemalloc, bundled in libduckdb) keeps freed pages mapped by default, so the
 * process holds on to each stage's high-water mark: a 3M-row run peaked at 1.90 GiB of RSS with
 * less than 1.1 GiB in use. Purging on background threads, and flushing the thread caches after
 * any task that allocated 32 MiB or more, gave the memory back between stages (peak 1.57 GiB).
 */
const ALLOCATOR_OPTIONS = { allocator_background_threads: 'true', allocator_flush_threshold: '32MB' };

/**
 * The storage format a new database file is written in. DuckDB's default is still v0.10.2's, whose
 * separate dictionary and FSST compressions cost most of a wide table's write: copying the 10M-row
 * month's flow_terminal (8.9M rows, 26 columns) into a new file took 18.2–19.5 s in that format
 * and 10.6–12.5 s in v1.3.0's (DICT_FSST), whose file was also 10% smaller. The price: such a file
 * opens in DuckDB 1.3 or later only. A file keeps the format it was created in, so an existing
 * workspace database stays readable by the DuckDB it was read with before.
 */
export const STORAGE_VERSION = 'v1.3.0';

function instanceOptions(settings: DatabaseSettings): Record<string, string> {
  const options: Record<string, string> = {
    ...ALLOCATOR_OPTIONS,
    memory_limit: `${Math.round(settings.memoryMb ?? DEFAULT_MEMORY_MB)}MB`,
    storage_compatibility_version: STORAGE_VERSION,
  };
  if (settings.threads !== undefined) options.threads = String(Math.max(1, Math.round(settings.threads)));
  return options;
}

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/**
 * The only owner of DuckDB in drugflow. Every statement runs as a named step so a failure says
 * which stage and SQL broke; values are always bound, identifiers quoted with `quoteIdent`.
 */
export class Database {
  private depth = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly log: Logger,
    readonly path: string,
    /** False for a second connection (`connectAgain`): closing it leaves the database open. */
    private readonly ownsInstance = true,
  ) {}

  static async open(path: string, log: Logger = silentLogger(), settings: DatabaseSettings = {}): Promise<Database> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, instanceOptions(settings));
    } catch (error) {
      throw new DatabaseError('open database', path, error);
    }
    const connection = await instance.connect();
    return new Database(instance, connection, log, path);
  }

  async run(step: string, sql: string, params?: SqlParams): Promise<void> {
    const started = performance.now();
    try {
      await this.connection.run(sql, params);
    } catch (error) {
      throw new DatabaseError(step, sql, error);
    }
    this.log.debug({ step, ms: Math.round(performance.now() - started) }, 'sql');
  }

  /** Rows as plain objects: BIGINT/HUGEINT become numbers, DATE and TIMESTAMP become ISO strings. */
  async all<T = Row>(step: string, sql: string, params?: SqlParams): Promise<T[]> {
    const started = performance.now();
    let rows: T[];
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      rows = plainRows(reader.deduplicatedColumnNames(), reader.getColumnsJS(), reader.currentRowCount) as T[];
    } catch (error) {
      throw new DatabaseError(step, sql, error);
    }
    this.log.debug({ step, ms: Math.round(performance.now() - started), rows: rows.length }, 'sql');
    return rows;
  }

  async one<T = Row>(step: string, sql: string, params?: SqlParams): Promise<T | undefined> {
    const rows = await this.all<T>(step, sql, params);
    return rows[0];
  }

  async value<T = unknown>(step: string, sql: string, params?: SqlParams): Promise<T> {
    const row = await this.one(step, sql, params);
    return (row ? Object.values(row)[0] : undefined) as T;
  }

  /** Runs `work` in one transaction; nested calls join the outer one. */
  async transaction<T>(step: string, work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) {
      this.depth++;
      try {
        return await work();
      } finally {
        this.depth--;
      }
    }
    await this.run(`${step}: begin`, 'BEGIN TRANSACTION');
    this.depth = 1;
    try {
      const result = await work();
      await this.run(`${step}: commit`, 'COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.depth = 0;
    }
  }

  async appender(table: string): Promise<DuckDBAppender> {
    try {
      return await this.connection.createAppender(table);
    } catch (error) {
      throw new DatabaseError(`appender for ${table}`, '', error);
    }
  }

  async tableExists(table: string): Promise<boolean> {
    const n = await this.value<number>(
      'table exists',
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1",
      [table],
    );
    return Number(n) > 0;
  }

  /**
   * Another connection to the same database, for reads that should not wait for this
   * connection's statements (DuckDB runs the two concurrently; a read sees what was committed).
   * Its `close` closes only that connection, and it must be closed before this Database.
   */
  async connectAgain(): Promise<Database> {
    return new Database(this.instance, await this.instance.connect(), this.log, this.path, false);
  }

  close(): void {
    try {
      this.connection.closeSync();
    } finally {
      if (this.ownsInstance) this.instance.closeSync();
    }
  }
}

export type AppenderCell = string | number | null | undefined;

/** Appends one row of text and numbers (NULL for null/undefined/NaN); DuckDB casts to the column types. */
export function appendRow(appender: DuckDBAppender, cells: readonly AppenderCell[]): void {
  for (const cell of cells) {
    if (cell === null || cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell))) appender.appendNull();
    else if (typeof cell === 'number') appender.appendDouble(cell);
    else appender.appendVarchar(cell);
  }
  appender.endRow();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** For the few places DuckDB takes no parameters (COPY … TO 'path', read_csv('path')). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A result's rows as plain objects, built from its columns: the values are the ones
 * getRowObjectsJS gives, but converting a column at a time is about 6× cheaper than a row at a
 * time (the 3M month's 277k early product questions: 0.2 s against 1.4 s of this thread, which
 * at 1M is what the load waits for).
 */
function plainRows(names: readonly string[], columns: readonly (readonly unknown[])[], count: number): Row[] {
  const rows: Row[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = plainValue((columns[c] as readonly unknown[])[i]);
    rows[i] = row;
  }
  return rows;
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return isoDate(value);
  if (Array.isArray(value)) return value.map(plainValue);
  return value;
}

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
