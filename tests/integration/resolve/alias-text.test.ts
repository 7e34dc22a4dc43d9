import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

/**
 * A confirmed alias is a key that must equal loaded text: the mapping files are cleaned as the
 * readers clean every cell (NFKC, trimmed, tabs and runs of spaces folded), so an alias copied
 * with a double space, a tab or full-width brackets out of a distributor's export still meets the
 * rows it names.
 */
describe('confirmed aliases are cleaned as loaded text is', () => {
  it('resolves rows by an alias written with a double space, a tab and full-width brackets', async () => {
    const ws = makeWorkspace({
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      'mappings/customer_aliases.csv': 'distributor,raw_name,code\nD0001,"协和  医院\t（东院）",H00001\n',
      'mappings/product_aliases.csv': 'distributor,raw_name,raw_spec,raw_unit,sku,factor\nD0001,"拜唐苹  片",50mg  ×30片,盒,SKU001,1\n',
      'inbox/bek/SM_D0001_202610.csv': [
        '销售日期,客户名称,产品名称,产品规格,单位,批号,数量',
        '2026-10-01,协和 医院 (东院),拜唐苹 片,50mg ×30片,盒,L1,10',
        '2026-10-02,协和　 医院 （东院）,拜唐苹　　片,50mg  ×30片,盒,L1,5',
      ].join('\n'),
    });
    const summary = await runQuietly(ws);
    expect(summary.rows.loaded).toBe(2);
    const customers = await query(ws, 'SELECT raw_name, code, method, rows FROM customer_resolutions');
    expect(customers).toEqual([{ raw_name: '协和 医院 (东院)', code: 'H00001', method: 'dictionary', rows: 2 }]);
    const products = await query(ws, 'SELECT raw_name, raw_spec, code, method, rows FROM product_resolutions');
    expect(products).toEqual([{ raw_name: '拜唐苹 片', raw_spec: '50mg ×30片', code: 'SKU001', method: 'dictionary', rows: 2 }]);
    const [terminal] = await query<{ qty: number; n: number }>(ws, 'SELECT sum(qty) AS qty, count(*) AS n FROM flow_terminal');
    expect(terminal).toEqual({ qty: 15, n: 2 });
  });
});
