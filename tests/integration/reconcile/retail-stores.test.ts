import { describe, expect, it } from 'vitest';
import { CUSTOMERS_CSV, makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

const header = '门店名称,销售日期,商品名称,规格,销售数量';

describe('retail feeds: store names resolve like buyers and feed terminal inventory', () => {
  it('keeps two stores\' identical lines in per-store files apart, and counts an unknown store at chain level only', async () => {
    const ws = makeWorkspace({
      'mappings/customers.csv': `${CUSTOMERS_CSV}P00002,广州医药大药房有限公司和平西路店,pharmacy,,广东省,广州市\nK00001,广州医药大药房有限公司,pharmacy,,广东省,广州市\n`,
      'pipelines/zk.yaml': 'distributor: D0002\nkind: sales\nfiles: "zk/*.csv"\n',
      // the chain's two POS systems, one feed each (files of one monthly feed for the same month restate each other)
      'pipelines/chain-a.yaml': 'distributor: K00001\nkind: retail\nfiles: "chain/南沙*.csv"\n',
      'pipelines/chain-b.yaml': 'distributor: K00001\nkind: retail\nfiles: "chain/和平*.csv"\n',
      'inbox/zk/SM_D0002_202610.csv': ['销售日期,客户名称,产品名称,产品规格,数量', '2026-10-01,广州医药大药房有限公司南沙中心店,阿卡波糖片,50mg*30片,20', '2026-10-01,广州医药大药房有限公司和平西路店,阿卡波糖片,50mg*30片,10'].join('\n'),
      // the same sale on the same day at two stores, in two files: two sales, not a re-send
      'inbox/chain/南沙中心店_202610.csv': [header, '广州医药大药房有限公司南沙中心店,2026-10-05,阿卡波糖片,50mg*30片,3'].join('\n'),
      'inbox/chain/和平西路店_202610.csv': [header, '广州医药大药房有限公司和平西路店,2026-10-05,阿卡波糖片,50mg*30片,3', '佛山某新开门店,2026-10-06,阿卡波糖片,50mg*30片,4'].join('\n'),
    });
    const summary = await runQuietly(ws);
    expect(summary.tables.suspected_duplicates?.rows ?? 0).toBe(0);
    expect(await query(ws, 'SELECT store, store_code, qty FROM pharmacy_sellout ORDER BY store_code NULLS LAST')).toEqual([
      { store: '广州医药大药房有限公司南沙中心店', store_code: 'P00001', qty: 3 },
      { store: '广州医药大药房有限公司和平西路店', store_code: 'P00002', qty: 3 },
      { store: '佛山某新开门店', store_code: null, qty: 4 },
    ]);
    expect(await query(ws, 'SELECT level, store_code, purchases_qty, sellout_qty, estimated_stock FROM terminal_inventory ORDER BY level, store_code NULLS FIRST')).toEqual([
      { level: 'chain', store_code: null, purchases_qty: 30, sellout_qty: 10, estimated_stock: 20 },
      { level: 'store', store_code: 'P00001', purchases_qty: 20, sellout_qty: 3, estimated_stock: 17 },
      { level: 'store', store_code: 'P00002', purchases_qty: 10, sellout_qty: 3, estimated_stock: 7 },
    ]);
  });
});
