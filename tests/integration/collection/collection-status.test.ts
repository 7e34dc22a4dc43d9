import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { silentProgress } from '../../../src/progress.js';
import { runJob } from '../../../src/run/run-job.js';
import { addFile, makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const header = '销售日期,客户名称,产品名称,数量';
const rows = (dates: string[]) => [header, ...dates.map((d) => `${d},北京协和医院,阿卡波糖片,1`)].join('\n');

describe('collection monitoring (采集监控)', () => {
  it('measures each feed against the latest data: silent days, missing months, distributors we ship to without a feed', async () => {
    const ws = makeWorkspace({
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      'pipelines/zk.yaml': 'distributor: D0002\nkind: sales\nfiles: "zk/*.csv"\ncadence: daily\n',
      'pipelines/ship.yaml': 'kind: shipments\nfiles: "ship/*.csv"\n',
      'inbox/bek/SM_D0001_202608.csv': rows(['2026-08-10', '2026-08-20']),
      'inbox/bek/SM_D0001_202610.csv': rows(['2026-10-05', '2026-10-31']),
      'inbox/zk/SM_D0002_20261026.csv': rows(['2026-10-26']),
      'inbox/ship/SM_MFR001_202610.csv': ['发货日期,客户名称,产品名称,数量', '2026-10-02,广州市振康医药有限公司,阿卡波糖片,100', '2026-10-03,四川贝尔康医药有限公司,阿卡波糖片,50'].join('\n'),
      'mappings/customers.csv': `code,name,type,tier,province,city
D0001,四川贝尔康医药有限公司,distributor,1,四川省,成都市
D0002,广州市振康医药有限公司,distributor,2,广东省,广州市
D0003,重庆玉马医药有限公司,distributor,1,重庆市,重庆市
H00001,北京协和医院,hospital,,北京市,北京市
`,
    });
    const summary = await runQuietly(ws);
    expect(summary.collection.as_of).toBe('2026-10-31');
    const status = await query<{ feed: string; days_silent: number; missing_periods: string[]; silent_3_days: boolean; silent_5_days: boolean }>(
      ws,
      'SELECT feed, days_silent, missing_periods, silent_3_days, silent_5_days FROM collection_status ORDER BY feed',
    );
    expect(status).toEqual([
      { feed: 'bek', days_silent: 0, missing_periods: ['2026-09'], silent_3_days: false, silent_5_days: false },
      { feed: 'ship', days_silent: 28, missing_periods: [], silent_3_days: true, silent_5_days: true },
      { feed: 'zk', days_silent: 5, missing_periods: [], silent_3_days: true, silent_5_days: true },
    ]);
    // D0002 has a feed; D0003 gets no shipment in this data; only a shipped-to distributor without a feed is listed.
    expect(summary.collection.distributors_without_feed).toEqual([]);
    // 采集率 over cadence units: bek sent August and October, not September (2 of 3 months); ship its
    // October (1 of 1); the daily zk sent the 26th only, of 26–31 October (1 of 6 days): 4 of 10
    expect(summary.collection).toMatchObject({ periods_expected: 10, periods_received: 4, collection_rate: 0.4 });
  });
});

describe('采集率 and 及时率 (received / on time per cadence unit)', () => {
  const runAt = (ws: string, iso: string) => runJob({ workspaceDir: ws, log: silentLogger(), progress: silentProgress, now: () => new Date(iso) });

  it('counts a unit on time when the run that first saw its file started by the unit end + due_days', async () => {
    const ws = makeWorkspace({
      // monthly, default due day 5: September arrives 2026-10-03 (on time), October arrives 2026-11-09 (late)
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      // daily with a configured due of 0 days: the 26th arrives the 26th (on time), the 27th the 29th (late), the 28th never
      'pipelines/zk.yaml': 'distributor: D0002\nkind: sales\nfiles: "zk/*.csv"\ncadence: daily\ndue_days: 0\n',
      'inbox/bek/SM_D0001_202609.csv': rows(['2026-09-10']),
      'inbox/zk/SM_D0002_20261026.csv': rows(['2026-10-26']),
    });
    await runAt(ws, '2026-10-26T12:00:00Z');
    await runAt(ws, '2026-10-27T08:00:00Z'); // nothing new: no arrival recorded
    addFile(ws, 'inbox/zk/SM_D0002_20261027.csv', rows(['2026-10-27']));
    await runAt(ws, '2026-10-29T09:00:00Z');
    addFile(ws, 'inbox/zk/SM_D0002_20261029.csv', rows(['2026-10-29']));
    addFile(ws, 'inbox/bek/SM_D0001_202610.csv', rows(['2026-10-05', '2026-10-29']));
    const summary = await runAt(ws, '2026-11-09T09:00:00Z');

    const periods = await query<{ feed: string; period: string; due_date: string; received: boolean; on_time: boolean }>(
      ws,
      'SELECT feed, period, due_date::VARCHAR AS due_date, received, on_time FROM collection_periods ORDER BY feed, period',
    );
    expect(periods).toEqual([
      // the September file was first seen by the run of 2026-10-26: after its due day 2026-10-05
      { feed: 'bek', period: '2026-09', due_date: '2026-10-05', received: true, on_time: false },
      { feed: 'bek', period: '2026-10', due_date: '2026-11-05', received: true, on_time: false },
      { feed: 'zk', period: '2026-10-26', due_date: '2026-10-26', received: true, on_time: true },
      { feed: 'zk', period: '2026-10-27', due_date: '2026-10-27', received: true, on_time: false },
      { feed: 'zk', period: '2026-10-28', due_date: '2026-10-28', received: false, on_time: false },
      { feed: 'zk', period: '2026-10-29', due_date: '2026-10-29', received: true, on_time: false },
    ]);
    const status = await query(ws, 'SELECT feed, due_days, periods_expected, periods_received, periods_on_time, collection_rate, on_time_rate FROM collection_status ORDER BY feed');
    expect(status).toEqual([
      { feed: 'bek', due_days: 5, periods_expected: 2, periods_received: 2, periods_on_time: 0, collection_rate: 1, on_time_rate: 0 },
      { feed: 'zk', due_days: 0, periods_expected: 4, periods_received: 3, periods_on_time: 1, collection_rate: 0.75, on_time_rate: 0.25 },
    ]);
    expect(summary.collection).toMatchObject({ periods_expected: 6, periods_received: 5, periods_on_time: 1, collection_rate: 0.8333, on_time_rate: 0.1667 });
  });

  it('takes the cadence default when due_days is absent: a monthly file seen by the 5th of the next month is on time', async () => {
    const ws = makeWorkspace({
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      'inbox/bek/SM_D0001_202609.csv': rows(['2026-09-10', '2026-09-30']),
    });
    const summary = await runAt(ws, '2026-10-05T23:00:00Z');
    expect(summary.collection).toMatchObject({ periods_expected: 1, periods_received: 1, periods_on_time: 1, on_time_rate: 1 });
  });
});
