import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const header = '销售日期,客户名称,产品名称,产品规格,批号,数量';
const monthly = [
  header,
  '2026-10-01,北京协和医院,阿卡波糖片,50mg*30片,L1,10',
  // Two identical lines in one file: legitimate (two deliveries), both count.
  '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,L1,5',
  '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,L1,5',
  '2026-10-03,北京协和医院,阿卡波糖片,50mg*30片,L2,7',
].join('\n');
// The same distributor's daily direct feed for 10-02, with one line more than the monthly file.
const daily = [
  header,
  '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,L1,5',
  '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,L1,5',
  '2026-10-02,北京市和平里医院,阿卡波糖片,50mg*30片,L1,5',
].join('\n');

describe('suspected duplicates across files and channels', () => {
  it('flags the daily feed\'s repeat of the monthly lines, keeps them visible, and counts each line once', async () => {
    const ws = makeWorkspace({
      'pipelines/bek-monthly.yaml': 'distributor: D0001\nkind: sales\nfiles: "monthly/*.csv"\n',
      'pipelines/bek-daily.yaml': 'distributor: D0001\nkind: sales\nfiles: "daily/*.csv"\ncadence: daily\n',
      'inbox/monthly/SM_D0001_202610.csv': monthly,
      'inbox/daily/SM_D0001_20261002.csv': daily,
    });
    const summary = await runQuietly(ws);
    expect(summary.rows.loaded).toBe(7);
    // Files load feed by feed (bek-daily before bek-monthly): the earlier-loaded line is the original.
    const dups = await query<{ source_file: string; source_row: number; duplicate_of: string }>(
      ws,
      'SELECT source_file, source_row, duplicate_of FROM suspected_duplicates ORDER BY source_row',
    );
    expect(dups).toEqual([
      { source_file: 'monthly/SM_D0001_202610.csv', source_row: 3, duplicate_of: 'daily/SM_D0001_20261002.csv:2' },
      { source_file: 'monthly/SM_D0001_202610.csv', source_row: 4, duplicate_of: 'daily/SM_D0001_20261002.csv:3' },
    ]);
    const [terminal] = await query<{ qty: number; n: number }>(ws, 'SELECT sum(qty) AS qty, count(*) AS n FROM flow_terminal');
    // 5 + 5 + 5 from the daily feed, plus 10 and 7 that only the monthly file has.
    expect(terminal).toEqual({ qty: 32, n: 5 });
    expect(summary.tables.suspected_duplicates?.rows).toBe(2);
  });
});
