/**
 * Baseline for the CSV share: DuckDB's own read_csv of the same files into tables in a database
 * file (all columns as text, the title row skipped). GBK files are first decoded to a temporary
 * UTF-8 copy with TextDecoder('gbk') — untimed — and only read_csv is timed. The database file is
 * written in drugflow's storage format (STORAGE_VERSION): a newer format writes tables faster, and
 * the baseline must not pay a cost drugflow's own database does not.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { STORAGE_VERSION } from '../../src/db/database.js';
import type { ManifestFile } from './generate.js';

export interface CsvBaseline {
  files: number;
  rows: number;
  readCsvS: number;
  gbkDecodeS: number;
}

export async function baselineReadCsv(inbox: string, files: ManifestFile[]): Promise<CsvBaseline> {
  const tmp = mkdtempSync(join(tmpdir(), 'ingest-readcsv-'));
  try {
    const db = await DuckDBInstance.create(join(tmp, 'baseline.duckdb'), { storage_compatibility_version: STORAGE_VERSION });
    const con = await db.connect();
    let readCsvNs = 0n;
    let decodeNs = 0n;
    let rows = 0;
    let i = 0;
    for (const f of files) {
      let path = join(inbox, f.path);
      if (f.format === 'csv-gbk') {
        const d0 = process.hrtime.bigint();
        const utf8 = join(tmp, `f${i}.csv`);
        writeFileSync(utf8, new TextDecoder('gbk').decode(readFileSync(path)));
        decodeNs += process.hrtime.bigint() - d0;
        path = utf8;
      }
      const sql = `CREATE TABLE t${i} AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}', all_varchar = true, header = true, skip = ${f.titleRows})`;
      const t0 = process.hrtime.bigint();
      await con.run(sql);
      readCsvNs += process.hrtime.bigint() - t0;
      const r = await con.runAndReadAll(`SELECT count(*) FROM t${i}`);
      rows += Number(r.getRows()[0]?.[0] ?? 0);
      if (f.format === 'csv-gbk') rmSync(path);
      i++;
    }
    con.closeSync();
    db.closeSync();
    return { files: files.length, rows, readCsvS: Number(readCsvNs) / 1e9, gbkDecodeS: Number(decodeNs) / 1e9 };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
