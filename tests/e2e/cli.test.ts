import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(repo, 'bin/drugflow');

function drugflow(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DRUGFLOW_LOG_LEVEL: 'warn' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the demo workspace (the repo root) so tests never write into the checkout. */
function demoCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-demo-'));
  for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(dir, item), { recursive: true });
  return dir;
}

describe('the built CLI', () => {
  beforeAll(() => {
    expect(existsSync(path.join(repo, 'dist/cli/main.js')), 'npm test builds dist/ first').toBe(true);
  });

  it.each([[[]], [['run']], [['validate']], [['resolve']], [['review', 'export']], [['review', 'import']], [['explain']], [['trace']], [['confirm']], [['reopen']], [['status']], [['export']]])('prints help for %j', (args) => {
    const r = drugflow([...args, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: drugflow/);
  });

  it('exits 2 on an unknown command or option', () => {
    expect(drugflow(['frobnicate']).code).toBe(2);
    expect(drugflow(['run', '--period', '2026-13']).code).toBe(2);
  });

  it('validates the demo workspace', () => {
    const r = drugflow(['validate', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.ok).toBe(true);
    expect(result.feeds.length).toBeGreaterThanOrEqual(8);
  });

  it('runs the demo workspace end to end, then again with nothing new', () => {
    const ws = demoCopy();
    const first = drugflow(['run', '--workspace', ws, '--json']);
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.files.loaded).toBeGreaterThanOrEqual(8);
    expect(summary.files.unreadable).toBe(0);
    expect(summary.tables.flow_terminal.rows).toBeGreaterThan(0);
    expect(summary.tables.flow_secondary.rows).toBeGreaterThan(0);
    expect(summary.tables.flow_primary.rows).toBeGreaterThan(0);
    expect(existsSync(path.join(ws, 'drugflow.duckdb'))).toBe(true);
    for (const period of summary.periods) {
      for (const table of ['flow_terminal', 'flow_secondary', 'flow_primary']) {
        expect(existsSync(path.join(ws, 'out', period, `${table}.parquet`))).toBe(true);
        const csv = readFileSync(path.join(ws, 'out', period, `${table}.csv`));
        expect(csv.subarray(0, 3).toString('hex')).toBe('efbbbf'); // BOM: Excel shows the Chinese headers
      }
    }
    const manifest = JSON.parse(readFileSync(path.join(ws, 'out/manifest.json'), 'utf8'));
    expect(manifest.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    // each export as it is on disk: hashed by the export stage as it wrote the file
    const exports = manifest.exports as { path: string; sha256: string }[];
    expect(exports.length).toBeGreaterThan(20);
    for (const e of exports) expect(e.sha256, e.path).toBe(createHash('sha256').update(readFileSync(path.join(ws, 'out', e.path))).digest('hex'));

    const second = drugflow(['run', '--workspace', ws, '--json']);
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout);
    expect(again.files.loaded).toBe(0);
    expect(again.tables).toEqual(summary.tables);
  });

  it('prints a readable summary without --json: row accounting, flows and 采集率 / 及时率', () => {
    const r = drugflow(['run', '--workspace', demoCopy()]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^drugflow run \S+: ok$/);
    expect(r.stdout).toMatch(/^rows: (\d+) read = (\d+) loaded \+ (\d+) rejected \+ (\d+) skipped/m);
    const [, read, loaded, rejected, skipped] = /^rows: (\d+) read = (\d+) loaded \+ (\d+) rejected \+ (\d+) skipped/m.exec(r.stdout)!.map(Number);
    expect(loaded! + rejected! + skipped!).toBe(read);
    // every demo feed sent each expected period; arrival is this run, after every due day; 深圳泰盛 never reports
    expect(r.stdout).toMatch(/^collection: 采集率 100\.0% \((\d+)\/\1\), 及时率 0\.0% \(0\/\1\).*no feed: D0008$/m);
    // a first run builds every month: September and October, and the Q4 quota's November and December per SKU
    expect(r.stdout).toMatch(/^months built \(the rest kept as they were\): classify 2 of 2, reconcile 2 of 2, attribute 2 of 2, per SKU 4 of 4, listings 2 of 2$/m);
  });

  it('stops before touching data on a bad config, naming file and key (exit 2)', () => {
    const ws = demoCopy();
    const pipelineFile = path.join(ws, 'pipelines', 'broken.yaml');
    writeFileSync(pipelineFile, 'distributor: NOPE\nkind: sales\nfiles: "*.csv"\n');
    writeFileSync(path.join(ws, 'pipelines', 'broken2.yaml'), 'distributor: D0001\nkind: sales\nfiles: "*.csv"\ncolumns:\n  quantity: 件数\n');
    const r = drugflow(['run', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pipelines\/broken\.yaml: distributor: "NOPE" is not a code/);
    expect(r.stderr).toMatch(/pipelines\/broken2\.yaml: columns/);
    expect(existsSync(path.join(ws, 'drugflow.duckdb'))).toBe(false);
  });
});

describe('the workspace lock through the CLI', () => {
  it('exits 75 at once when another live run holds the workspace', () => {
    const ws = demoCopy();
    const holder = { pid: process.pid, host: os.hostname(), started_at: '2026-11-22T02:00:00.000Z' };
    mkdirSync(path.join(ws, '.drugflow'), { recursive: true });
    writeFileSync(path.join(ws, '.drugflow/run.lock'), JSON.stringify(holder));
    const r = drugflow(['run', '--workspace', ws]);
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(new RegExp(`pid ${process.pid}`));
    expect(existsSync(path.join(ws, 'drugflow.duckdb'))).toBe(false);
  });
});

describe('drugflow resolve on its own', () => {
  it('matches a names file against the demo master and writes one row per input', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-resolve-'));
    const names = path.join(dir, 'names.csv');
    writeFileSync(names, 'name,city,我的备注\n华西第二医院,成都市,a\n四川省人民医院药剂科,成都市,b\n广东省不存在的医院,广州市,c\n');
    const out = path.join(dir, 'answers.csv');
    const r = drugflow(['resolve', 'customers', '--master', path.join(repo, 'mappings/customers.csv'), '--names', names, '--out', out, '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 3 });
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^name,city,我的备注,.*code.*matched_name.*score.*status/);
    expect(lines[1]).toMatch(/四川大学华西第二医院/);
    expect(lines[3]).toMatch(/unmatched|review/);
  });

  it('refuses a names file without the name column, naming the file (exit 2)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-resolve-'));
    const names = path.join(dir, 'names.csv');
    writeFileSync(names, '医院\n华西第二医院\n');
    const r = drugflow(['resolve', 'customers', '--master', path.join(repo, 'mappings/customers.csv'), '--names', names, '--out', path.join(dir, 'o.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/names\.csv/);
    expect(existsSync(path.join(dir, 'o.csv'))).toBe(false);
  });
});
