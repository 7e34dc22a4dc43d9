import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { ensureCoreSchema } from '../../src/db/schema.js';
import { removeStaleTempFiles } from '../../src/stages/export/copy-files.js';
import { makeWorkspace, query, runQuietly } from '../helpers/workspace.js';
import { tempRoot } from './crash-helpers.js';

/** Fast, targeted regressions for what kill-recovery.test.ts found (it needs minutes and the built CLI). */

const csv = (day: number) => ['销售日期,客户名称,产品名称,产品规格,数量', `2026-10-0${day},北京协和医院,阿卡波糖片,50mg*30片,${day}`].join('\n');
const pipeline = 'distributor: D0001\nkind: sales\nfiles: "*.csv"\ncadence: daily\n';

describe('file ids after a killed run', () => {
  it('do not skip the ids a killed run drew: the re-run numbers files exactly as a clean run', async () => {
    const ws = makeWorkspace({ 'pipelines/a.yaml': pipeline, 'inbox/a1.csv': csv(1), 'inbox/a2.csv': csv(2), 'inbox/a3.csv': csv(3) });
    try {
      // What a run SIGKILLed mid-load leaves: the schema, and ids drawn for files never committed.
      const db = await Database.open(path.join(ws, 'drugflow.duckdb'));
      await ensureCoreSchema(db);
      for (let i = 0; i < 5; i++) await db.value('draw', "SELECT nextval('file_id_seq')");
      db.close();

      await runQuietly(ws);
      const files = await query<{ file_id: number; path: string }>(ws, 'SELECT file_id, path FROM files ORDER BY file_id');
      expect(files).toEqual([
        { file_id: 1, path: 'a1.csv' },
        { file_id: 2, path: 'a2.csv' },
        { file_id: 3, path: 'a3.csv' },
      ]);
      const rows = await query<{ file_id: number }>(ws, 'SELECT DISTINCT file_id FROM std_rows ORDER BY 1');
      expect(rows.map((r) => r.file_id)).toEqual([1, 2, 3]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('keep counting from the last committed file in later runs, including unreadable and duplicate ones', async () => {
    const ws = makeWorkspace({ 'pipelines/a.yaml': pipeline, 'inbox/a1.csv': csv(1), 'inbox/bad.csv': Buffer.alloc(0) });
    try {
      await runQuietly(ws);
      writeFileSync(path.join(ws, 'inbox/a2.csv'), csv(2));
      writeFileSync(path.join(ws, 'inbox/a1-copy.csv'), csv(1));
      await runQuietly(ws);
      const files = await query<{ file_id: number; path: string; status: string }>(ws, 'SELECT file_id, path, status FROM files ORDER BY file_id');
      expect(files).toEqual([
        { file_id: 1, path: 'a1.csv', status: 'loaded' },
        { file_id: 2, path: 'bad.csv', status: 'unreadable' },
        { file_id: 3, path: 'a1-copy.csv', status: 'duplicate' },
        { file_id: 4, path: 'a2.csv', status: 'loaded' },
      ]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('temp files of a run killed mid-export', () => {
  it('are removed by the next run; other files in out/ are left alone', async () => {
    const ws = makeWorkspace({ 'pipelines/a.yaml': pipeline, 'inbox/a1.csv': csv(1) });
    try {
      const out = path.join(ws, 'out');
      const stale = [
        '.files.parquet.99999.tmp',
        '2026-10/.flow_terminal.csv.body.99999.tmp',
        '2026-10/.flow_terminal.csv.99999.tmp',
        'manifest.json.99999.tmp',
        'runs/20261001-000000000Z-99999.json.99999.tmp',
      ];
      const kept = ['notes.txt', 'mine.1.tmp', '2026-10/keep.csv'];
      for (const rel of [...stale, ...kept]) {
        mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
        writeFileSync(path.join(out, rel), 'x');
      }
      await runQuietly(ws);
      for (const rel of stale) expect(existsSync(path.join(out, rel)), rel).toBe(false);
      for (const rel of kept) expect(existsSync(path.join(out, rel)), rel).toBe(true);
      const left = readdirSync(out, { recursive: true }).map(String).filter((f) => /\.\d+\.tmp$/.test(f));
      expect(left).toEqual(['mine.1.tmp']);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('a missing out folder is not an error', () => {
    const dir = tempRoot('drugflow-sweep-');
    try {
      expect(removeStaleTempFiles(path.join(dir, 'out'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a symbolic link in the inbox', () => {
  it('is reported as unreadable with the reason, never followed, and not reported again by the next run', async () => {
    const outside = tempRoot('drugflow-outside-');
    const ws = makeWorkspace({ 'pipelines/a.yaml': pipeline, 'inbox/a1.csv': csv(1) });
    try {
      writeFileSync(path.join(outside, 'a9.csv'), csv(9));
      symlinkSync(path.join(outside, 'a9.csv'), path.join(ws, 'inbox/a9.csv'));
      const first = await runQuietly(ws);
      const link = first.inputs.find((i) => i.path === 'a9.csv');
      expect(link?.status).toBe('unreadable');
      expect(link?.reason).toContain(`a symbolic link (to ${path.join(outside, 'a9.csv')}): not followed`);
      expect(first.inputs.find((i) => i.path === 'a1.csv')?.status).toBe('loaded');
      const rows = await query<{ n: number }>(ws, 'SELECT count(*) AS n FROM std_rows');
      expect(rows[0]?.n).toBe(1);
      const second = await runQuietly(ws);
      expect(second.inputs.find((i) => i.path === 'a9.csv')?.status).toBe('unchanged');
    } finally {
      rmSync(ws, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
