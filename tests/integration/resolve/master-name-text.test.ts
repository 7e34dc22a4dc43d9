import { describe, expect, it } from 'vitest';
import { CUSTOMERS_CSV, PRODUCTS_CSV, makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

/**
 * The exact-name tier compares master names as loaded text is cleaned. Published names use
 * full-width brackets (real names from ../shared/data/reference); every loaded cell is NFKC'd, so
 * a distributor that writes the master's very name arrives with half-width ones. Compared as
 * written, that name missed the exact tier and went to fuzzy matching, which sent a campus outside
 * the distributor's region to review and could pick the main hospital over its campus.
 */
describe('master names meet loaded text as it is cleaned', () => {
  it('answers the master name (and spec) as loaded by the exact tier, shown as the master writes it', async () => {
    const ws = makeWorkspace({
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      'mappings/customers.csv': `${CUSTOMERS_CSV}H00003,青岛大学附属医院,hospital,,山东省,青岛市
H00004,青岛大学附属医院（西海岸院区）,hospital,,山东省,青岛市
H00005,苏州市立医院（东区）,hospital,,江苏省,苏州市
H00006,苏州市立医院(东区),hospital,,江苏省,苏州市
`,
      // SKU004's spec is written with the micro sign (U+00B5), which loaded text reads as μ (U+03BC)
      'mappings/products.csv': `${PRODUCTS_CSV}SKU003,布洛芬缓释胶囊（芬必得）,,0.3g*20粒,盒,中美天津史克制药有限公司,镇痛
SKU004,硫酸沙丁胺醇吸入气雾剂,万托林,100\u00b5g*200揿,支,葛兰素史克,呼吸
`,
      'inbox/bek/SM_D0001_202610.csv': [
        '销售日期,客户名称,产品名称,产品规格,单位,批号,数量',
        '2026-10-01,青岛大学附属医院(西海岸院区),布洛芬缓释胶囊(芬必得),0.3g*20粒,盒,L1,10',
        '2026-10-02,青岛大学附属医院（西海岸院区）,布洛芬缓释胶囊（芬必得）,0.3g*20粒,盒,L1,5',
        '2026-10-03,苏州市立医院（东区）,布洛芬缓释胶囊(芬必得),0.3g*20粒,盒,L1,2',
        '2026-10-04,青岛大学附属医院(西海岸院区),万托林,100\u00b5g*200揿,支,L2,1',
      ].join('\n'),
    });
    const summary = await runQuietly(ws);
    expect(summary.rows.loaded).toBe(4);
    const customers = await query(ws, 'SELECT raw_name, code, status, method, matched_name, reason, candidates, rows FROM customer_resolutions ORDER BY raw_name');
    expect(customers).toEqual([
      {
        raw_name: '苏州市立医院(东区)',
        code: null,
        status: 'review',
        method: 'exact',
        matched_name: null,
        reason: 'several master entries have this exact name',
        // two entries that differ only in bracket width are one name to a distributor's file: a person picks
        candidates: '[{"code":"H00005","name":"苏州市立医院（东区）","score":1.0},{"code":"H00006","name":"苏州市立医院(东区)","score":1.0}]',
        rows: 1,
      },
      {
        raw_name: '青岛大学附属医院(西海岸院区)',
        code: 'H00004',
        status: 'auto',
        method: 'exact',
        matched_name: '青岛大学附属医院（西海岸院区）',
        reason: 'exact master name',
        candidates: null,
        rows: 3,
      },
    ]);
    const products = await query(ws, 'SELECT raw_name, raw_spec, code, status, method, matched_name, rows FROM product_resolutions ORDER BY raw_name');
    expect(products).toEqual([
      { raw_name: '万托林', raw_spec: '100\u03bcg*200揿', code: 'SKU004', status: 'auto', method: 'exact', matched_name: '硫酸沙丁胺醇吸入气雾剂', rows: 1 },
      { raw_name: '布洛芬缓释胶囊(芬必得)', raw_spec: '0.3g*20粒', code: 'SKU003', status: 'auto', method: 'exact', matched_name: '布洛芬缓释胶囊（芬必得）', rows: 3 },
    ]);
    const [terminal] = await query<{ qty: number; n: number }>(ws, "SELECT sum(qty) AS qty, count(*) AS n FROM flow_terminal WHERE buyer_code = 'H00004'");
    expect(terminal).toEqual({ qty: 16, n: 3 });
  });
});
