import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/run/run-summary.js';
import { query, runQuietly } from '../../helpers/workspace.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

interface Expected {
  data_rows: number;
  reject_rows: number;
  skipped_rows: number;
  valid_qty_sum: number;
  feed: string;
}
const expected = JSON.parse(readFileSync(path.join(repo, 'fixtures/expected/quantities.json'), 'utf8')) as {
  files: Record<string, Expected>;
  byte_copies: { file: string; copy_of: string }[];
  restatements: { file: string; restates: string; period: string }[];
};
const copies = new Set(expected.byte_copies.map((c) => c.file));

interface FileRow {
  path: string;
  sheet: string;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_skipped: number;
  qty_loaded: number;
}

describe('every demo fixture is accounted for, row by row and box by box', () => {
  let ws: string;
  let summary: RunSummary;
  let files: FileRow[];

  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-demo-'));
    for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(ws, item), { recursive: true });
    summary = await runQuietly(ws);
    files = await query<FileRow & Record<string, unknown>>(ws, 'SELECT * FROM files ORDER BY file_id');
  });

  const loadedFiles = Object.entries(expected.files).filter(([key]) => !copies.has(key));

  it.each(loadedFiles)('%s: read = loaded + rejected + skipped, loaded quantity = valid quantity cells', (key, want) => {
    const [file, sheet] = key.split('#');
    const row = files.find((f) => f.path === file && (sheet === undefined || f.sheet === sheet));
    expect(row, `no files row for ${key}`).toBeDefined();
    expect(row!.status).toMatch(/^(loaded|superseded)$/);
    expect(row!.rows_read).toBe(row!.rows_loaded + row!.rows_rejected + row!.rows_skipped);
    expect(row!.rows_rejected).toBe(want.reject_rows);
    expect(row!.rows_skipped).toBe(want.skipped_rows);
    expect(row!.rows_loaded).toBe(want.data_rows - want.reject_rows);
    expect(row!.qty_loaded).toBeCloseTo(want.valid_qty_sum, 6);
  });

  it.each(expected.byte_copies)('skips the byte copy $file', ({ file, copy_of }) => {
    const row = files.find((f) => f.path === file);
    expect(row?.status).toBe('duplicate');
    expect(summary.inputs.find((i) => i.path === file)?.reason).toContain(copy_of);
  });

  it.each(expected.restatements)('$file replaces the month of $restates', async ({ file, restates, period }) => {
    expect(files.find((f) => f.path === restates)?.status).toBe('superseded');
    const [sum] = await query<{ qty: number }>(
      ws,
      `SELECT sum(qty) AS qty FROM std_rows JOIN files USING (file_id) WHERE files.path = '${file}' OR files.path = '${restates}'`,
    );
    expect(sum?.qty).toBeCloseTo(expected.files[file]!.valid_qty_sum, 6);
    expect(summary.inputs.find((i) => i.path === file)?.periods).toContain(period);
  });

  it('finishes with exit code 0 and no unreadable file', () => {
    expect(summary.exit_code).toBe(0);
    expect(summary.files.unreadable).toBe(0);
  });
});
