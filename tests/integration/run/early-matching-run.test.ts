import { existsSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/progress.js';
import { runJob, type RunOptions } from '../../../src/run/run-job.js';
import { copyDemoWorkspace, query } from '../../helpers/workspace.js';

const demoCopy = (): string => copyDemoWorkspace('drugflow-early-run-');

async function run(ws: string, earlyMatching: RunOptions['earlyMatching']): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) }));
  await runJob({ workspaceDir: ws, log, progress: silentProgress, earlyMatching });
  return lines;
}

/**
 * The demo workspace run three times: with every alias matched during the load (early matching
 * started at the first question, and all its answers waited for), with the worker stopped where
 * it stands at the resolve stage and asked the rest there, and with no early matching: the
 * resolutions, and so every flow table, must be the same.
 */
describe('drugflow run with early matching', () => {
  const early = demoCopy();
  const handedOver = demoCopy();
  const late = demoCopy();
  let earlyLog: Array<Record<string, unknown>>;
  let handedOverLog: Array<Record<string, unknown>>;
  let lateLog: Array<Record<string, unknown>>;

  beforeAll(async () => {
    earlyLog = await run(early, { startAt: 1, askAtRows: 0, drain: true });
    handedOverLog = await run(handedOver, { startAt: 1, askAtRows: 0 });
    lateLog = await run(late, false);
  }, 300_000);

  it('took answers from the early-match worker for customers and products', () => {
    const matched = (msg: string) => earlyLog.find((l) => l.msg === msg);
    expect(matched('customer aliases matched')?.early).toBeGreaterThan(0);
    expect(matched('product aliases matched')?.early).toBeGreaterThan(0);
    expect(earlyLog.some((l) => String(l.msg).startsWith('early matching off'))).toBe(false);
  });

  it('logs the matched aliases by status, early answers included, as the resolve stage alone does', () => {
    const byStatus = (log: Array<Record<string, unknown>>, msg: string) => {
      const line = log.find((l) => l.msg === msg) as Record<string, number> | undefined;
      return { aliases: line?.aliases, auto: line?.auto ?? 0, review: line?.review ?? 0, unmatched: line?.unmatched ?? 0 };
    };
    for (const msg of ['customer aliases matched', 'product aliases matched']) {
      const counts = byStatus(earlyLog, msg);
      expect(counts.auto + counts.review + counts.unmatched).toBe(counts.aliases);
      expect(counts).toEqual(byStatus(lateLog, msg));
    }
  });

  it('resolves every alias exactly as the resolve stage alone does', async () => {
    for (const table of ['customer_resolutions', 'product_resolutions']) {
      const sql = `SELECT * FROM ${table} ORDER BY ALL`;
      const alone = await query(late, sql);
      expect(await query(early, sql)).toEqual(alone);
      expect(await query(handedOver, sql)).toEqual(alone);
    }
  });

  it('leaves the customer rest to the early-match worker at the resolve stage, and starts no pool worker for products', () => {
    const finished = handedOverLog.find((l) => l.msg === 'early matching finished') as { asked: Record<string, number>; rest: Record<string, number> } | undefined;
    expect(finished?.rest).toBeDefined();
    expect(handedOverLog.some((l) => l.msg === 'customer aliases matched on two threads')).toBe(false);
    expect(handedOverLog.find((l) => l.msg === 'product aliases matched')?.shared_chunks ?? 0).toBe(0);
    expect(handedOverLog.some((l) => String(l.msg).startsWith('early matching off'))).toBe(false);
  });

  it('writes the same terminal flows', async () => {
    const sql = 'SELECT * FROM flow_terminal ORDER BY ALL';
    const alone = await query(late, sql);
    expect(await query(early, sql)).toEqual(alone);
    expect(await query(handedOver, sql)).toEqual(alone);
  });

  it('deletes its answer files after the resolve stage', () => {
    expect(existsSync(path.join(early, '.drugflow', 'tmp', 'early'))).toBe(false);
    expect(existsSync(path.join(handedOver, '.drugflow', 'tmp', 'early'))).toBe(false);
  });
});
