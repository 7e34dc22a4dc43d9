import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { quoteIdent, quoteLiteral, type Database } from '../../db/database.js';

/**
 * Writers for exports. Each writes to a temporary name in the target folder and renames, so a
 * reader (or a run killed half-way) never sees a half-written file.
 */
export async function copyToParquet(db: Database, query: string, target: string): Promise<void> {
  const tmp = temporaryName(target);
  await db.run(`export ${path.basename(target)}`, `COPY (${query}) TO ${quoteLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
  renameSync(tmp, target);
}

/**
 * UTF-8 with a BOM: without it Excel on a Chinese Windows reads the headers as GBK mojibake.
 * DuckDB writes no BOM, so the first header name carries it: the file starts with the BOM without
 * a second pass over a multi-million-row file just to put three bytes in front.
 * CSV is what people open in Excel, so text that Excel would run as a formula (a distributor's
 * `=HYPERLINK(…)` as a customer name) gets a leading apostrophe; Parquet keeps the exact text.
 */
export async function copyToCsv(db: Database, query: string, target: string): Promise<void> {
  const tmp = temporaryName(target);
  try {
    const forExcel = await excelReadySelect(db, query);
    await db.run(`export ${path.basename(target)}`, `COPY (${forExcel}) TO ${quoteLiteral(tmp)} (FORMAT csv, HEADER, DELIMITER ',')`);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const BOM = '\uFEFF';

/** `query` as Excel should get it: formula-like text neutralised, the BOM in front of the first header. */
async function excelReadySelect(db: Database, query: string): Promise<string> {
  const columns = await db.all<{ column_name: string; column_type: string }>('describe export', `DESCRIBE (${query})`);
  const select = columns.map(({ column_name: name, column_type: type }, i) => {
    const id = quoteIdent(name);
    const header = quoteIdent(i === 0 ? BOM + name : name);
    return type === 'VARCHAR' ? `CASE WHEN ${startsLikeFormula(id)} THEN '''' || ${id} ELSE ${id} END AS ${header}` : `${id} AS ${header}`;
  });
  return `SELECT ${select.join(', ')} FROM (${query})`;
}

/** The characters Excel takes a cell's text to be a formula by, when it starts with one. */
const FORMULA_STARTS = `'=+-@' || chr(9) || chr(13)`;

/**
 * Text that starts with a formula character: its first character found among them. A regular
 * expression per value took 1.5 s more on the 10M month's product_resolutions.csv (550k rows,
 * 3.6 against 2.1 s). Not `left(…) IN (…)`: DuckDB may plan a list of constants as a join, and
 * the rows then came out in another order on every run.
 */
function startsLikeFormula(id: string): string {
  return `(${id} <> '' AND strpos(${FORMULA_STARTS}, left(${id}, 1)) > 0)`;
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Temp names: exports write `.<name>.<pid>.tmp` (older builds also `.<name>.body.<pid>.tmp`), the manifest `<name>.json.<pid>.tmp` (run/manifest.ts). */
const EXPORT_TEMP = /^\..+\.\d+\.tmp$/;
const MANIFEST_TEMP = /^[^/]+\.json\.\d+\.tmp$/;

/**
 * Removes the temp files of runs killed half-way through an export or the manifest: a temp name
 * carries the dead run's pid, so no later run would ever overwrite it. Safe because the caller
 * holds the workspace lock, so no other run is writing here. Looks only where drugflow writes
 * (the out folder, its period folders and runs/), never follows links, and only at its own
 * temp names: `out` may be a folder people keep other files in.
 */
export function removeStaleTempFiles(outDir: string): string[] {
  const removed: string[] = [];
  const sweep = (dir: string, pattern: (name: string) => boolean) => {
    for (const entry of listDir(dir)) {
      if (entry.isFile() && pattern(entry.name)) {
        rmSync(path.join(dir, entry.name), { force: true });
        removed.push(path.join(dir, entry.name));
      }
    }
  };
  sweep(outDir, (n) => EXPORT_TEMP.test(n) || MANIFEST_TEMP.test(n));
  sweep(path.join(outDir, 'runs'), (n) => MANIFEST_TEMP.test(n));
  for (const entry of listDir(outDir)) {
    if (entry.isDirectory() && /^\d{4}-\d{2}$/.test(entry.name)) sweep(path.join(outDir, entry.name), (n) => EXPORT_TEMP.test(n));
  }
  return removed;
}

function listDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // not written yet
  }
}

function temporaryName(target: string, suffix = ''): string {
  return path.join(path.dirname(target), `.${path.basename(target)}${suffix}.${process.pid}.tmp`);
}
