import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const YAML = 'inbox: inbox\ncompany: { code: MFR001, name: 拜耳医药保健有限公司 }\n';
const SALES = ['销售日期,客户名称,产品名称,数量', '2026-10-01,北京协和医院,阿卡波糖片,5', '2026-10-02,北京市和平里医院,阿卡波糖片,3', '2026-10-03,北京协和医院,阿卡波糖片,2'].join('\n');

function workspace(limit: string) {
  return makeWorkspace(
    { 'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n', 'inbox/bek/SM_D0001_202610.csv': SALES },
    { yaml: `${YAML}${limit}` },
  );
}

describe('CSV only where Excel can open it whole (export.csv_max_rows)', () => {
  it('writes a table with more rows than the limit as Parquet only, names it in the summary and removes an older CSV of it', async () => {
    const ws = workspace('export: { csv_max_rows: 2 }\n');
    const stale = path.join(ws, 'out/2026-10/flow_terminal.csv');
    // an earlier run of this workspace left a CSV of the table, from when it was smaller
    mkdirSync(path.dirname(stale), { recursive: true });
    writeFileSync(stale, 'period,rows\n2026-10,1\n');
    const summary = await runQuietly(ws);

    expect(summary.csv_skipped).toContainEqual({ path: '2026-10/flow_terminal.csv', table: 'flow_terminal', period: '2026-10', rows: 3 });
    expect(existsSync(stale)).toBe(false);
    const [parquet] = await query<{ n: bigint }>(ws, `SELECT count(*) AS n FROM read_parquet('${path.join(ws, 'out/2026-10/flow_terminal.parquet')}')`);
    expect(Number(parquet?.n)).toBe(3);
    // tables within the limit keep their CSV, and the manifest lists only files that exist
    expect(existsSync(path.join(ws, 'out/2026-10/rep_performance.csv'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(ws, 'out/manifest.json'), 'utf8')) as { exports: { path: string }[]; csv_skipped: unknown[] };
    const paths = manifest.exports.map((e) => e.path);
    expect(paths).toContain('2026-10/flow_terminal.parquet');
    expect(paths).not.toContain('2026-10/flow_terminal.csv');
    expect(paths.every((p) => existsSync(path.join(ws, 'out', p)))).toBe(true);
    expect(manifest.csv_skipped).toEqual(summary.csv_skipped);
  });

  it('writes every CSV when no table passes the limit, and when the limit is none', async () => {
    for (const limit of ['', 'export: { csv_max_rows: none }\n']) {
      const ws = workspace(limit);
      const summary = await runQuietly(ws);
      expect(summary.csv_skipped).toEqual([]);
      expect(readFileSync(path.join(ws, 'out/2026-10/flow_terminal.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
    }
  });
});
