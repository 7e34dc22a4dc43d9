import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const header = '销售日期,客户名称,产品名称,产品规格,数量';
const file = (lines: string[]) => [header, ...lines].join('\n');

describe('hospital listings (进院)', () => {
  it('records the first month a hospital bought a SKU, net of returns, and counts new listings per month', async () => {
    const ws = makeWorkspace({
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      'inbox/bek/SM_D0001_202609.csv': file([
        '2026-09-03,北京协和医院,阿卡波糖片,50mg*30片,10',
        // Bought and fully returned in September: not yet listed.
        '2026-09-05,北京市和平里医院,阿卡波糖片,50mg*30片,5',
        '2026-09-20,北京市和平里医院,阿卡波糖片,50mg*30片,-5',
        // A pharmacy is not a hospital listing.
        '2026-09-06,广州医药大药房有限公司南沙中心店,阿卡波糖片,50mg*30片,3',
      ]),
      'inbox/bek/SM_D0001_202610.csv': file(['2026-10-02,北京协和医院,阿卡波糖片,50mg*30片,8', '2026-10-09,北京市和平里医院,阿卡波糖片,50mg*30片,6']),
    });
    await runQuietly(ws);
    const listings = await query(ws, 'SELECT hospital_code, sku, first_period, first_txn_date, first_month_qty FROM hospital_listings ORDER BY hospital_code');
    expect(listings).toEqual([
      { hospital_code: 'H00001', sku: 'SKU001', first_period: '2026-09', first_txn_date: '2026-09-03', first_month_qty: 10 },
      { hospital_code: 'H00002', sku: 'SKU001', first_period: '2026-10', first_txn_date: '2026-10-09', first_month_qty: 6 },
    ]);
    const perMonth = await query(ws, 'SELECT period, sku, new_hospitals FROM new_listings ORDER BY period');
    expect(perMonth).toEqual([
      { period: '2026-09', sku: 'SKU001', new_hospitals: 1 },
      { period: '2026-10', sku: 'SKU001', new_hospitals: 1 },
    ]);
  });
});

describe('new listings per territory', () => {
  it("takes the territory of the hospital's assignment in its first month, else the allocation rule that caught it", async () => {
    const ws = makeWorkspace(
      {
        'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
        'inbox/bek/SM_D0001_202609.csv': file(['2026-09-03,北京协和医院,阿卡波糖片,50mg*30片,10']),
        'inbox/bek/SM_D0001_202610.csv': file(['2026-10-02,北京协和医院,阿卡波糖片,50mg*30片,8', '2026-10-09,北京市和平里医院,阿卡波糖片,50mg*30片,6']),
        // 协和 moves from 北京东区 to 北京西区 in October: its September listing stays in 北京东区
        'mappings/assignments.csv': [
          'customer_code,product_group,rep_code,rep_name,territory,manager,valid_from,valid_to',
          'H00001,*,R001,张伟,北京东区,王芳,2026-01,2026-09',
          'H00001,*,R002,李娜,北京西区,王芳,2026-10,',
        ].join('\n'),
      },
      { yaml: 'inbox: inbox\ncompany: { code: MFR001, name: 拜耳医药保健有限公司 }\nallocation:\n  - { match: {}, rep_code: HOUSE, rep_name: 公司直管, territory: 未分配 }\n' },
    );
    await runQuietly(ws);
    expect(await query(ws, 'SELECT hospital_code, first_period, territory, rep_code FROM hospital_listings ORDER BY hospital_code')).toEqual([
      { hospital_code: 'H00001', first_period: '2026-09', territory: '北京东区', rep_code: 'R001' },
      // no assignment: the last-resort allocation rule's territory
      { hospital_code: 'H00002', first_period: '2026-10', territory: '未分配', rep_code: 'HOUSE' },
    ]);
    expect(await query(ws, 'SELECT period, territory, sku, new_hospitals FROM new_listings ORDER BY period, territory')).toEqual([
      { period: '2026-09', territory: '北京东区', sku: 'SKU001', new_hospitals: 1 },
      { period: '2026-10', territory: '未分配', sku: 'SKU001', new_hospitals: 1 },
    ]);
  });
});
