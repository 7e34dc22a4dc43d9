import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { formatTrace } from '../../../src/trace/format-trace.js';
import { traceLot } from '../../../src/trace/lot-trace.js';
import { query, runQuietly } from '../../helpers/workspace.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

describe('lot trace on the demo workspace', () => {
  let ws: string;
  let lot: string;
  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'drugflow-trace-'));
    for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(ws, item), { recursive: true });
    await runQuietly(ws);
    // The lot that travels furthest: shipped by us, resold between distributors, sold to terminals.
    const [best] = await query<{ lot: string }>(
      ws,
      `SELECT p.lot FROM flow_primary p JOIN flow_secondary s USING (lot) JOIN flow_terminal t USING (lot)
       GROUP BY p.lot ORDER BY count(DISTINCT s.source_row) DESC, p.lot LIMIT 1`,
    );
    lot = best!.lot;
  });

  it('follows the lot through every level, and its totals are the sums of the flow tables', async () => {
    const db = await Database.open(path.join(ws, 'drugflow.duckdb'));
    try {
      const trace = await traceLot(db, lot);
      expect(new Set(trace.moves.map((m) => m.level))).toEqual(new Set(['primary', 'secondary', 'terminal']));
      for (const level of ['primary', 'secondary', 'terminal'] as const) {
        const [sum] = await db.all<{ qty: number }>('sum', `SELECT coalesce(sum(qty), 0) AS qty FROM flow_${level} WHERE lot = $lot`, { lot });
        const key = level === 'primary' ? 'shipped' : level;
        expect(trace.totals[key]).toBeCloseTo(sum!.qty, 6);
      }
      expect(trace.moves.every((m) => m.sourceFile && m.sourceRow > 0)).toBe(true);
      const text = formatTrace(trace);
      expect(text).toContain(`lot ${lot}`);
      expect(text).toMatch(/MFR001 → D\d{4}/);
      expect(text).toMatch(/totals: shipped/);
    } finally {
      db.close();
    }
  });

  it('prints JSON through the CLI, and says so when a lot is unknown', () => {
    const bin = path.join(repo, 'bin/drugflow');
    const r = spawnSync(process.execPath, [bin, 'trace', '--lot', lot, '-w', ws, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.lot).toBe(lot);
    expect(json.moves.length).toBeGreaterThan(2);
    const unknown = spawnSync(process.execPath, [bin, 'trace', '--lot', 'NO-SUCH-LOT', '-w', ws], { encoding: 'utf8' });
    expect(unknown.status).toBe(0);
    expect(unknown.stdout).toMatch(/not found/);
  });
});
