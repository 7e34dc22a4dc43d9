import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runAttributeStage } from '../../../src/stages/attribute/attribute-stage.js';
import { assignment, config, flowDb } from './helpers.js';

let db: Database | undefined;
afterEach(() => db?.close());

describe('the rule depends on the month, buyer, seller and product group, and is attached to every row', () => {
  it('rows of one buyer through two distributors each get their own distributor rule; repeated keys share the decision', async () => {
    db = await flowDb({
      terminal: [
        ['2026-10', 'H3', 'S1', 1, 10, false, 'D1'],
        ['2026-10', 'H3', 'S1', 2, 20, false, 'D2'],
        ['2026-10', 'H3', 'S1', 3, 30, false, 'D2'],
        ['2026-10', 'H3', 'S2', 4, 40, false, 'D2'],
      ],
    });
    await runAttributeStage(db, {
      attribution: config({
        allocation: [
          { match: { distributor: 'D2', product_group: '心血管代谢' }, rep_code: 'RD2' },
          { match: { city: '武汉市' }, rep_code: 'R900' },
          { match: {}, rep_code: 'HOUSE' },
        ],
      }),
    });
    expect(await db.all('q', 'SELECT source_row, seller_code, sku, rep_code, rule_kind FROM flow_terminal_attributed ORDER BY rid')).toEqual([
      { source_row: 1, seller_code: 'D1', sku: 'S1', rep_code: 'R900', rule_kind: 'allocation' },
      { source_row: 2, seller_code: 'D2', sku: 'S1', rep_code: 'RD2', rule_kind: 'allocation' },
      { source_row: 3, seller_code: 'D2', sku: 'S1', rep_code: 'RD2', rule_kind: 'allocation' },
      { source_row: 4, seller_code: 'D2', sku: 'S2', rep_code: 'R900', rule_kind: 'allocation' },
    ]);
  });

  it('the first matching rule wins, whether it looks at the buyer, the distributor, the product group or a mix', async () => {
    db = await flowDb({
      terminal: [
        ['2026-10', 'H1', 'S1', 1, 10, false, 'D1'], // 成都 hospital, 心血管代谢, via D1
        ['2026-10', 'H1', 'S2', 1, 10, false, 'D2'], // 成都 hospital, 消化, via D2
        ['2026-10', 'H3', 'S2', 1, 10, false, 'D1'], // 武汉 hospital, 消化, via D1
        ['2026-10', 'C1', 'S1', 1, 10, false, 'D2'], // 北京 clinic, 心血管代谢, via D2
        ['2026-10', 'H3', 'S9', 1, 10, false, 'D2'], // an SKU outside the product master: no product group
      ],
    });
    await runAttributeStage(db, {
      attribution: config({
        allocation: [
          { match: { customer_type: 'clinic', distributor: 'D2' }, rep_code: 'R-CLINIC-D2' },
          { match: { product_group: '消化', province: '湖北省' }, rep_code: 'R-HB-DIGEST' },
          { match: { city: '成都市' }, rep_code: 'R-CD' },
          { match: { distributor: 'D2' }, rep_code: 'R-D2' },
          { match: { product_group: '消化' }, rep_code: 'R-DIGEST' },
          { match: {}, rep_code: 'HOUSE' },
        ],
      }),
    });
    expect(await db.all('q', 'SELECT buyer_code, sku, seller_code, rep_code, rule_kind FROM flow_terminal_attributed ORDER BY rid')).toEqual([
      { buyer_code: 'H1', sku: 'S1', seller_code: 'D1', rep_code: 'R-CD', rule_kind: 'allocation' },
      { buyer_code: 'H1', sku: 'S2', seller_code: 'D2', rep_code: 'R-CD', rule_kind: 'allocation' },
      { buyer_code: 'H3', sku: 'S2', seller_code: 'D1', rep_code: 'R-HB-DIGEST', rule_kind: 'allocation' },
      { buyer_code: 'C1', sku: 'S1', seller_code: 'D2', rep_code: 'R-CLINIC-D2', rule_kind: 'allocation' },
      { buyer_code: 'H3', sku: 'S9', seller_code: 'D2', rep_code: 'R-D2', rule_kind: 'allocation' },
    ]);
    expect(await db.all('q', 'SELECT rep_code FROM flow_terminal ORDER BY source_row')).toEqual(
      ['R-CD', 'R-CD', 'R-HB-DIGEST', 'R-CLINIC-D2', 'R-D2'].map((rep_code) => ({ rep_code })),
    );
  });

  it('an assignment for the group beats an earlier * line, and any assignment beats allocation', async () => {
    db = await flowDb({ terminal: [['2026-10', 'H1', 'S2', 1, 10], ['2026-10', 'H1', 'S1', 1, 10]] });
    await runAttributeStage(db, {
      attribution: config({
        assignments: [assignment(2, 'H1', '*', 'RSTAR', '2026-01'), assignment(9, 'H1', '消化', 'RGROUP', '2026-01')],
        allocation: [{ match: { customer_code: 'H1' }, rep_code: 'RALLOC' }],
      }),
    });
    expect(await db.all('q', 'SELECT sku, rep_code, assignment_rule FROM flow_terminal_attributed ORDER BY sku')).toEqual([
      { sku: 'S1', rep_code: 'RSTAR', assignment_rule: 'mappings/assignments.csv row 2: H1 × * 2026-01..open' },
      { sku: 'S2', rep_code: 'RGROUP', assignment_rule: 'mappings/assignments.csv row 9: H1 × 消化 2026-01..open' },
    ]);
  });

  it('rid is unique and increases in source order (period, file, sheet, row), and the table keeps the row identity and the attribution, not the raw values', async () => {
    db = await flowDb({ terminal: [['2026-10', 'H1', 'S1', 1, 10], ['2026-09', 'H2', 'S1', 2, 20]] });
    // Rows of other files, sheets and months, inserted out of order; one file spans two months
    // and its row numbers restart on a second sheet; a.csv was loaded twice (its content changed),
    // and the later file repeats a row number of the earlier one. qty tells the files apart.
    const more: [string, string, string | null, number, number][] = [
      ['2026-10', 'b.xlsx', '二月', 1, 3], ['2026-09', 'b.xlsx', '一月', 3, 3], ['2026-10', 'a.csv', null, 7, 2], ['2026-09', 'a.csv', null, 9, 2],
      ['2026-10', 'b.xlsx', '一月', 4, 3], ['2026-09', 'b.xlsx', '一月', 2, 3], ['2026-10', 'a.csv', null, 5, 4], ['2026-10', 'a.csv', null, 2, 2],
      ['2026-10', 'a.csv', null, 2, 4],
    ];
    for (const [period, file, sheet, row, fileId] of more) {
      await db.run(
        'q',
        `INSERT INTO flow_terminal SELECT * REPLACE ($period AS period, $file AS source_file, $sheet AS sheet, $row AS source_row, $fileId AS file_id, $fileId AS qty)
         FROM flow_terminal LIMIT 1`,
        { period, file, sheet, row, fileId },
      );
    }
    await runAttributeStage(db, {});
    const byRid = await db.all<{ rid: number; period: string; source_file: string; sheet: string | null; source_row: number; qty: number }>(
      'q',
      'SELECT rid, period, source_file, sheet, source_row, qty FROM flow_terminal_attributed ORDER BY rid',
    );
    const bySource = await db.all(
      'q',
      'SELECT period, source_file, sheet, source_row, qty FROM flow_terminal ORDER BY period, source_file, sheet NULLS FIRST, file_id, source_row',
    );
    expect(byRid.map(({ rid: _, ...source }) => source)).toEqual(bySource);
    expect(new Set(byRid.map((r) => r.rid)).size).toBe(11);
    expect(byRid[0]).toEqual({ rid: 9, period: '2026-09', source_file: 'a.csv', sheet: null, source_row: 9, qty: 2 });
    // the earlier a.csv's rows 2 and 7, then the later one's 2 and 5
    expect(byRid.filter((r) => r.period === '2026-10' && r.source_file === 'a.csv').map((r) => [r.qty, r.source_row])).toEqual([[2, 2], [2, 7], [4, 2], [4, 5]]);
    expect(await db.value('q', 'SELECT DISTINCT typeof(rid) FROM flow_terminal_attributed')).toBe('BIGINT');
    const columns = (await db.all<{ column_name: string }>('q', 'DESCRIBE flow_terminal_attributed')).map((c) => c.column_name);
    expect(columns).toEqual([
      'rid', 'period', 'txn_date', 'seller_code', 'buyer_code', 'buyer_type', 'sku', 'qty', 'amount', 'lot', 'is_return', 'channel',
      'source_file', 'sheet', 'source_row', 'product_group', 'buyer_name', 'buyer_province', 'buyer_city', 'buyer_customer_type',
      'rep_code', 'rep_name', 'territory', 'manager', 'rule_kind', 'assignment_rule',
    ]);
  });

  it('flow_terminal.rep_code is set in place, including back to none for a row whose rep is gone', async () => {
    db = await flowDb({ terminal: [['2026-10', 'H1', 'S1', 1, 10], ['2026-10', 'C1', 'S1', 1, 10]] });
    // as a restored confirmed month leaves it: a rep from an earlier run
    await db.run('q', "UPDATE flow_terminal SET rep_code = 'OLD'");
    await runAttributeStage(db, { attribution: config({ assignments: [assignment(2, 'H1', '*', 'R1', '2026-01')] }) });
    expect(await db.all('q', 'SELECT buyer_code, rep_code FROM flow_terminal ORDER BY buyer_code')).toEqual([
      { buyer_code: 'C1', rep_code: null },
      { buyer_code: 'H1', rep_code: 'R1' },
    ]);
  });
});
