import { DuckDBInstance } from '@duckdb/node-api';
import { DatabaseError } from '../errors.js';
import { silentLogger } from '../log.js';
/**
 * The only owner of DuckDB in drugflow. Every statement runs as a named step so a failure says
 * which stage and SQL broke; values are always bound, identifiers quoted with `quoteIdent`.
 */
export class Database {
    instance;
    connection;
    log;
    path;
    depth = 0;
    constructor(instance, connection, log, path) {
        this.instance = instance;
        this.connection = connection;
        this.log = log;
        this.path = path;
    }
    static async open(path, log = silentLogger()) {
        let instance;
        try {
            instance = await DuckDBInstance.create(path);
        }
        catch (error) {
            throw new DatabaseError('open database', path, error);
        }
        const connection = await instance.connect();
        return new Database(instance, connection, log, path);
    }
    async run(step, sql, params) {
        const started = performance.now();
        try {
            await this.connection.run(sql, params);
        }
        catch (error) {
            throw new DatabaseError(step, sql, error);
        }
        this.log.debug({ step, ms: Math.round(performance.now() - started) }, 'sql');
    }
    /** Rows as plain objects: BIGINT/HUGEINT become numbers, DATE and TIMESTAMP become ISO strings. */
    async all(step, sql, params) {
        try {
            const reader = await this.connection.runAndReadAll(sql, params);
            return reader.getRowObjectsJS().map((row) => plainRow(row));
        }
        catch (error) {
            throw new DatabaseError(step, sql, error);
        }
    }
    async one(step, sql, params) {
        const rows = await this.all(step, sql, params);
        return rows[0];
    }
    async value(step, sql, params) {
        const row = await this.one(step, sql, params);
        return (row ? Object.values(row)[0] : undefined);
    }
    /** Runs `work` in one transaction; nested calls join the outer one. */
    async transaction(step, work) {
        if (this.depth > 0) {
            this.depth++;
            try {
                return await work();
            }
            finally {
                this.depth--;
            }
        }
        await this.run(`${step}: begin`, 'BEGIN TRANSACTION');
        this.depth = 1;
        try {
            const result = await work();
            await this.run(`${step}: commit`, 'COMMIT');
            return result;
        }
        catch (error) {
            await this.connection.run('ROLLBACK').catch(() => undefined);
            throw error;
        }
        finally {
            this.depth = 0;
        }
    }
    async appender(table) {
        try {
            return await this.connection.createAppender(table);
        }
        catch (error) {
            throw new DatabaseError(`appender for ${table}`, '', error);
        }
    }
    async tableExists(table) {
        const n = await this.value('table exists', "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1", [table]);
        return Number(n) > 0;
    }
    close() {
        try {
            this.connection.closeSync();
        }
        finally {
            this.instance.closeSync();
        }
    }
}
export function quoteIdent(name) {
    return `"${name.replaceAll('"', '""')}"`;
}
/** For the few places DuckDB takes no parameters (COPY … TO 'path', read_csv('path')). */
export function quoteLiteral(value) {
    return `'${value.replaceAll("'", "''")}'`;
}
function plainRow(row) {
    const out = {};
    for (const [key, value] of Object.entries(row))
        out[key] = plainValue(value);
    return out;
}
function plainValue(value) {
    if (typeof value === 'bigint')
        return Number(value);
    if (value instanceof Date)
        return isoDate(value);
    if (Array.isArray(value))
        return value.map(plainValue);
    return value;
}
function isoDate(date) {
    const iso = date.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
//# sourceMappingURL=database.js.map