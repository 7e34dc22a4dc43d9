import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { confirmPeriod, reopenPeriod } from '../../../src/stages/confirm/period-locks.js';
import { addFile, makeWorkspace, query, runQuietly, withWorkspaceDb } from '../../helpers/workspace.js';

const PIPELINE = 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n';
const header = '销售日期,客户名称,产品名称,产品规格,批号,数量,金额';
const october = [header, '2026-10-01,北京协和医院,阿卡波糖片,50mg*30片,L1,10,455', '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,L1,20,910'].join('\n');

const withDb = withWorkspaceDb;

const terminalTotal = async (ws: string) =>
  (await query<{ qty: number }>(ws, "SELECT coalesce(sum(qty), 0) AS qty FROM flow_terminal WHERE period = '2026-10'"))[0]!.qty;

describe('period confirmation (销量确认)', () => {
  it('keeps a confirmed month unchanged when a late restatement arrives, booking the difference as an adjustment', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': iconv.encode(october, 'gbk') });
    await runQuietly(ws);
    expect(await terminalTotal(ws)).toBe(30);
    await withDb(ws, (db) => confirmPeriod(db, '2026-10', '财务-王芳', new Date('2026-11-05T09:00:00Z')));

    addFile(ws, 'inbox/bek/SM_D0001_20261110_补传.csv', iconv.encode(october.replace(',L1,20,910', ',L1,26,1183'), 'gbk'));
    const summary = await runQuietly(ws);
    expect(summary.inputs.find((i) => i.status === 'loaded')?.restates).toHaveLength(1);
    expect(summary.locked_periods).toEqual(['2026-10']);
    expect(await terminalTotal(ws)).toBe(30);
    const adjustments = await query(ws, 'SELECT level, period, booked_in, buyer_code, sku, qty, amount FROM adjustments');
    expect(adjustments).toEqual([{ level: 'terminal', period: '2026-10', booked_in: '2026-11', buyer_code: 'H00002', sku: 'SKU001', qty: 6, amount: 273 }]);

    // Running again changes nothing: the adjustment is derived, not appended.
    await runQuietly(ws);
    expect(await query(ws, 'SELECT count(*) AS n FROM adjustments')).toEqual([{ n: 1 }]);
  });

  it('reopening is audited, and the reopened month follows the data again', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE, 'inbox/bek/SM_D0001_20261031.csv': october });
    await runQuietly(ws);
    await withDb(ws, (db) => confirmPeriod(db, '2026-10', 'wang', new Date('2026-11-05T09:00:00Z')));
    await expect(withDb(ws, (db) => confirmPeriod(db, '2026-10', 'wang', new Date()))).rejects.toBeInstanceOf(UsageError);
    addFile(ws, 'inbox/bek/SM_D0001_20261110_补传.csv', october.replace(',L1,20,910', ',L1,26,1183'));
    await runQuietly(ws);
    expect(await terminalTotal(ws)).toBe(30);

    await expect(withDb(ws, (db) => reopenPeriod(db, '2026-10', 'wang', ' ', new Date()))).rejects.toThrow(/reason/);
    await withDb(ws, (db) => reopenPeriod(db, '2026-10', 'li', 'distributor restated October', new Date('2026-11-12T09:00:00Z')));
    await runQuietly(ws);
    expect(await terminalTotal(ws)).toBe(36);
    expect(await query(ws, 'SELECT count(*) AS n FROM adjustments')).toEqual([{ n: 0 }]);
    const log = await query(ws, 'SELECT period, action, actor, reason FROM period_lock_log ORDER BY logged_at');
    expect(log).toEqual([
      { period: '2026-10', action: 'confirm', actor: 'wang', reason: null },
      { period: '2026-10', action: 'reopen', actor: 'li', reason: 'distributor restated October' },
    ]);
  });
});
