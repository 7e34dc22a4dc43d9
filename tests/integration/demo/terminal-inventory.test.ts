import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { copyDemoWorkspace, runQuietly } from '../../helpers/workspace.js';

/**
 * The demo's pharmacy chain 广州健民医药连锁 (P00021, feed jm-retail, scripts/fixtures/feeds/jm-retail.ts)
 * against what 振康 (D0004) sold its stores in October. Checked by hand in the files:
 * - 健民五羊店 BY004 (达喜): 振康 sold it 38 boxes (振康医药销售流向202610.xls, buyer 健民五羊店); the
 *   chain's CSV has 44 boxes sold at 健民五羊店 → estimated stock −6, negative.
 * - 健民多宝分店 buys nothing from 振康 but sells BY004 12 and BY011 8 boxes: chain level only.
 * - 健民同福店 buys under 健民药店同福店, an alias left for review: its purchases are not in
 *   flow_terminal, so the store has no store-level row and its sell-out lowers the chain's stock.
 */
describe('terminal inventory (终端库存) on the demo workspace', () => {
  let db: Database;
  beforeAll(async () => {
    const ws = copyDemoWorkspace('drugflow-terminal-inv-');
    await runQuietly(ws);
    db = await Database.open(path.join(ws, 'drugflow.duckdb'));
  }, 300_000);
  afterAll(() => db?.close());

  it('resolves every store name in the retail feed to the master store', async () => {
    const stores = await db.all<{ store: string; store_code: string | null }>('stores', 'SELECT DISTINCT store, store_code FROM pharmacy_sellout ORDER BY store_code');
    expect(stores).toEqual([
      { store: '健民北京路店', store_code: 'P00008' },
      { store: '健民大德分店', store_code: 'P00009' },
      { store: '健民五羊店', store_code: 'P00010' },
      { store: '健民多宝分店', store_code: 'P00011' },
      { store: '健民同福店', store_code: 'P00012' },
    ]);
  });

  it('flags the store that sold more than it was seen to buy', async () => {
    expect(await db.one('wuyang', "SELECT purchases_qty, sellout_qty, estimated_stock, negative_stock, weeks_of_cover FROM terminal_inventory WHERE level = 'store' AND store_code = 'P00010' AND sku = 'BY004'"))
      .toEqual({ purchases_qty: 38, sellout_qty: 44, estimated_stock: -6, negative_stock: true, weeks_of_cover: null });
  });

  it('counts every store at chain level and gives store rows only to stores named as buyers', async () => {
    const chain = await db.one<{ sellout: number; purchases: number }>('chain', "SELECT sum(sellout_qty) AS sellout, sum(purchases_qty) AS purchases FROM terminal_inventory WHERE level = 'chain'");
    const sellout = await db.value('all sell-out', 'SELECT sum(qty) FROM pharmacy_sellout');
    const bought = await db.value('bought by the stores', "SELECT sum(qty) FROM flow_terminal WHERE buyer_code IN ('P00008', 'P00009', 'P00010', 'P00011', 'P00012', 'P00021')");
    expect(chain).toEqual({ sellout, purchases: bought });
    const storeCodes = await db.all<{ store_code: string }>('stores', "SELECT DISTINCT store_code FROM terminal_inventory WHERE level = 'store' ORDER BY 1");
    expect(storeCodes.map((s) => s.store_code)).toEqual(['P00008', 'P00009', 'P00010']);
  });
});
