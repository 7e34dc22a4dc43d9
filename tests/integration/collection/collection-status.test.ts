import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

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
    expect(summary.collection.collection_rate).toBe(1);
  });
});
