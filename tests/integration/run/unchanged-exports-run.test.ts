import { readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/run/run-summary.js';
import { EXPORT_RECORDS_TABLE } from '../../../src/stages/export/export-records.js';
import { copyDemoWorkspace, query, runQuietly, withWorkspaceDb } from '../../helpers/workspace.js';

const demoCopy = (): string => copyDemoWorkspace('drugflow-unchanged-exports-');

interface ManifestExport {
  path: string;
  sha256: string;
}
const manifestExports = (ws: string): ManifestExport[] => (JSON.parse(readFileSync(path.join(ws, 'out', 'manifest.json'), 'utf8')) as { exports: ManifestExport[] }).exports;
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const mtimes = (ws: string): Map<string, number> => new Map(manifestExports(ws).map((e) => [e.path, statSync(path.join(ws, 'out', e.path)).mtimeMs]));
const rewritten = (before: Map<string, number>, after: Map<string, number>): string[] => [...after].filter(([file, t]) => before.get(file) !== t).map(([file]) => file).sort();

/** Every file the manifest names is there, with the sha256 it names. */
function expectManifestTrue(ws: string): void {
  for (const e of manifestExports(ws)) expect(sha256(path.join(ws, 'out', e.path)), e.path).toBe(e.sha256);
}

/** The rows of an export's Parquet file, as the table's rows of that period: what a rewrite would have written. */
async function expectParquetMatchesTable(ws: string, table: string, period: string): Promise<void> {
  const file = path.join(ws, 'out', period, `${table}.parquet`);
  const [diff] = await query<{ missing: number; extra: number }>(
    ws,
    `SELECT (SELECT count(*) FROM (SELECT * FROM ${table} WHERE period = '${period}' EXCEPT ALL SELECT * FROM read_parquet('${file}'))) AS missing,
            (SELECT count(*) FROM (SELECT * FROM read_parquet('${file}') EXCEPT ALL SELECT * FROM ${table} WHERE period = '${period}')) AS extra`,
  );
  expect(diff).toEqual({ missing: 0, extra: 0 });
}

/**
 * The demo workspace run, then run again: the export files whose rows are unchanged are left as
 * they are (not written again), and whatever changes a target's rows, or the files themselves,
 * writes them again.
 */
describe('drugflow run leaves unchanged export files as they are', () => {
  it('a second run with nothing new writes no file whose rows are the same, and its manifest still names every file truly', async () => {
    const ws = demoCopy();
    const first = await runQuietly(ws);
    expect(first.export_targets.unchanged).toBe(0);
    const before = mtimes(ws);
    const second = await runQuietly(ws);
    expect(second.export_targets.written + second.export_targets.unchanged).toBe(first.export_targets.written);
    // Only sums over many rows may differ between two runs (DuckDB's parallel sums, last bits).
    expect(second.export_targets.unchanged).toBeGreaterThan(first.export_targets.written * 0.8);
    const after = mtimes(ws);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(rewritten(before, after).length).toBeLessThan(before.size * 0.2);
    expect(after.get('2026-10/flow_terminal.parquet')).toBe(before.get('2026-10/flow_terminal.parquet'));
    expectManifestTrue(ws);
  }, 120_000);

  it('a workspace moved to another folder leaves its unchanged files as they are: the records name files by their place in the out folder', async () => {
    const ws = demoCopy();
    const first = await runQuietly(ws);
    const moved = `${ws}-moved`;
    renameSync(ws, moved); // a rename keeps the files' modification times, as moving a folder does
    const before = mtimes(moved);
    const summary = await runQuietly(moved);
    expect(summary.files.loaded).toBe(0);
    expect([summary.classified_months.kept, summary.attribution.months.kept]).toEqual([2, 2]);
    expect(summary.export_targets.unchanged).toBeGreaterThan(first.export_targets.written * 0.8);
    expect(rewritten(before, mtimes(moved)).length).toBeLessThan(before.size * 0.2);
    expectManifestTrue(moved);
  }, 120_000);

  it('a late file for October writes October again and leaves September as it was', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const before = mtimes(ws);
    const terminalRows = Number((await query<{ n: number }>(ws, `SELECT count(*) AS n FROM flow_terminal WHERE period = '2026-10'`))[0]!.n);
    // One more day file of a daily feed, with other document numbers and another day: new rows of October only.
    const daily = path.join(ws, 'fixtures/玉马医药/直连');
    const day = readFileSync(path.join(daily, 'YM_D0003_EDI_20261010.csv'), 'utf8');
    writeFileSync(path.join(daily, 'YM_D0003_EDI_20261010_补.csv'), day.replaceAll('YM26100', 'YM26990').replaceAll('2026-10-10,', '2026-10-11,'));
    const summary: RunSummary = await runQuietly(ws);
    expect(summary.files.loaded).toBeGreaterThan(0);
    expect(Number((await query<{ n: number }>(ws, `SELECT count(*) AS n FROM flow_terminal WHERE period = '2026-10'`))[0]!.n)).not.toBe(terminalRows);
    const changed = rewritten(before, mtimes(ws));
    expect(changed).toContain('2026-10/flow_terminal.parquet');
    expect(changed).toContain('2026-10/flow_terminal.csv');
    expect(changed.filter((f) => f.startsWith('2026-09/'))).toEqual([]);
    await expectParquetMatchesTable(ws, 'flow_terminal', '2026-10');
    await expectParquetMatchesTable(ws, 'flow_terminal', '2026-09');
    expectManifestTrue(ws);
  }, 120_000);

  it('a moved assignment writes flow_terminal again though classify kept every month: its rep_code comes from the attribution', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const before = mtimes(ws);
    // 北京协和医院 moves from R101 to R102: its terminal rows keep their classified columns, their rep changes.
    const assignments = path.join(ws, 'mappings/assignments.csv');
    const text = readFileSync(assignments, 'utf8');
    writeFileSync(assignments, text.replace('H00001,*,R101,王建华,成都一区,刘志强,2026-01,', 'H00001,*,R102,李晓燕,成都二区,刘志强,2026-01,'));
    expect(readFileSync(assignments, 'utf8')).not.toBe(text);
    const summary = await runQuietly(ws);
    expect(summary.classified_months).toEqual({ classified: 0, kept: 2 });
    const changed = rewritten(before, mtimes(ws));
    for (const period of ['2026-09', '2026-10']) {
      expect(changed).toContain(`${period}/flow_terminal.parquet`);
      await expectParquetMatchesTable(ws, 'flow_terminal', period);
      await expectParquetMatchesTable(ws, 'flow_terminal_attributed', period);
    }
    expect(changed.filter((f) => f.includes('/flow_secondary.'))).toEqual([]); // what classify alone makes is left as it was
    expectManifestTrue(ws);
  }, 120_000);

  it('an export file deleted or edited since is written again, to the same bytes', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const deleted = path.join(ws, 'out', '2026-09', 'flow_secondary.csv');
    const edited = path.join(ws, 'out', '2026-10', 'flow_primary.parquet');
    const [deletedHash, editedHash] = [sha256(deleted), sha256(edited)];
    rmSync(deleted);
    writeFileSync(edited, 'not a parquet file');
    const summary = await runQuietly(ws);
    expect(summary.export_targets.written).toBeGreaterThanOrEqual(2);
    expect(sha256(deleted)).toBe(deletedHash);
    expect(sha256(edited)).toBe(editedHash);
    expectManifestTrue(ws);
  }, 120_000);

  it('a file touched since (same size, another modification time) is written again', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const touched = path.join(ws, 'out', '2026-09', 'flow_primary.parquet');
    const content = readFileSync(touched);
    const other = Buffer.from(content);
    other[other.length - 20] = (other[other.length - 20] ?? 0) ^ 0xff; // same size, damaged
    writeFileSync(touched, other);
    utimesSync(touched, new Date(2020, 0, 1), new Date(2020, 0, 1));
    await runQuietly(ws);
    expect(readFileSync(touched).equals(content)).toBe(true);
  }, 120_000);

  it('a lower CSV row limit removes a CSV it no longer allows, though its rows are the same', async () => {
    const ws = demoCopy();
    await runQuietly(ws);
    const csv = path.join(ws, 'out', '2026-10', 'flow_terminal.csv');
    statSync(csv);
    writeFileSync(path.join(ws, 'drugflow.yaml'), `${readFileSync(path.join(ws, 'drugflow.yaml'), 'utf8')}\nexport:\n  csv_max_rows: 10\n`);
    const summary = await runQuietly(ws);
    expect(summary.csv_skipped.map((s) => s.path)).toContain('2026-10/flow_terminal.csv');
    expect(() => statSync(csv)).toThrow();
    expect(manifestExports(ws).map((e) => e.path)).not.toContain('2026-10/flow_terminal.csv');
    expect(manifestExports(ws).map((e) => e.path)).toContain('2026-10/flow_terminal.parquet');
    expectManifestTrue(ws);
  }, 120_000);

  it('records this build cannot read count as none: every file is written again', async () => {
    const ws = demoCopy();
    const first = await runQuietly(ws);
    await withWorkspaceDb(ws, (db) => db.run('other records', `CREATE OR REPLACE TABLE ${EXPORT_RECORDS_TABLE} (target VARCHAR, written_at TIMESTAMP)`));
    const summary = await runQuietly(ws);
    expect(summary.export_targets).toEqual({ written: first.export_targets.written, unchanged: 0 });
    const third = await runQuietly(ws);
    expect(third.export_targets.unchanged).toBeGreaterThan(0);
  }, 120_000);
});
