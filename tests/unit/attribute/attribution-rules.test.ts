import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runAttributeStage } from '../../../src/stages/attribute/attribute-stage.js';
import { assignment, config, flowDb } from './helpers.js';

let db: Database | undefined;
afterEach(() => db?.close());

const ALLOCATION = [
  { match: { city: '武汉市' }, rep_code: 'R900', territory: '湖北公共' },
  { match: { province: '四川省' }, rep_code: 'R901', territory: '四川公共' },
  { match: {}, rep_code: 'HOUSE' },
];

describe('every terminal row gets the rep valid in its month', () => {
  it.each([
    // [case, period, buyer, sku, expected rep, expected rule_kind, rule text]
    ['customer × exact product group beats *', '2026-10', 'H1', 'S2', 'R3', 'assignment', 'row 4: H1 × 消化'],
    ['customer × * for the other groups', '2026-10', 'H1', 'S1', 'R2', 'assignment', 'row 3: H1 × *'],
    ['before the mid-year change: the old rep', '2026-09', 'H1', 'S1', 'R1', 'assignment', 'row 2: H1 × * 2026-01..2026-09'],
    ['an assignment not yet valid falls through to allocation', '2025-12', 'H1', 'S1', 'R901', 'allocation', 'allocation.1: province=四川省'],
    ['no assignment: first matching allocation rule (city)', '2026-10', 'H3', 'S1', 'R900', 'allocation', 'allocation.0: city=武汉市'],
    ['no assignment: province rule', '2026-10', 'H2', 'S1', 'R901', 'allocation', 'allocation.1'],
    ['nothing else: the last resort', '2026-10', 'C1', 'S1', 'HOUSE', 'last_resort', 'any terminal (last resort)'],
  ])('%s', async (_case, period, buyer, sku, rep, kind, rule) => {
    db = await flowDb({ terminal: [[period, buyer, sku, 1, 10]] });
    await runAttributeStage(db, {
      attribution: config({
        assignments: [assignment(2, 'H1', '*', 'R1', '2026-01', '2026-09'), assignment(3, 'H1', '*', 'R2', '2026-10'), assignment(4, 'H1', '消化', 'R3', '2026-01')],
        allocation: ALLOCATION,
      }),
    });
    const row = await db.one<{ rep_code: string; rule_kind: string; assignment_rule: string }>('q', 'SELECT rep_code, rule_kind, assignment_rule FROM flow_terminal_attributed');
    expect(row).toMatchObject({ rep_code: rep, rule_kind: kind });
    expect(row!.assignment_rule).toContain(rule);
    expect(await db.value('q', 'SELECT rep_code FROM flow_terminal')).toBe(rep);
  });

  it('rows no rule catches are kept with no rep and listed as unassigned, never dropped', async () => {
    db = await flowDb({ terminal: [['2026-10', 'C1', 'S1', 3, 30], ['2026-10', 'H1', 'S1', 2, 20]] });
    const summary = await runAttributeStage(db, { attribution: config({ assignments: [assignment(2, 'H1', '*', 'R1', '2026-01')] }) });
    expect(summary).toMatchObject({ rows: 2, unassigned_rows: 1, unassigned_amount: 30 });
    expect(await db.all('q', 'SELECT buyer_code, rep_code, qty, amount FROM unassigned_volume')).toEqual([{ buyer_code: 'C1', rep_code: null, qty: 3, amount: 30 }]);
    expect(await db.value('q', 'SELECT count(*) FROM flow_terminal')).toBe(2);
    expect(await db.value('q', "SELECT amount FROM rep_group_performance WHERE rep_code = '(未分配)'")).toBe(30);
  });

  it('a workspace with no attribution config still runs (everything unassigned)', async () => {
    db = await flowDb({ terminal: [['2026-10', 'H1', 'S1', 1, 10]] });
    expect(await runAttributeStage(db, {})).toMatchObject({ rows: 1, unassigned_rows: 1, commission: 0 });
  });
});

const BANDS = { '*': [{ below: 0.8, rate: 0 }, { below: 1, rate: 0.02 }, { rate: 0.03 }] };
const quota = (rep: string, group: string, amount: number, period = '2026-10') => ({ period, rep_code: rep, product_group: group, qty: null, amount, line: 2 });

describe('attainment and commission', () => {
  it.each([
    // [sales amount, quota, attainment, band, rate, commission]
    [799.99, 1000, 0.79999, '<80%', 0, 0],
    [800, 1000, 0.8, '80%–100%', 0.02, 16],
    [999.99, 1000, 0.99999, '80%–100%', 0.02, 20],
    [1000, 1000, 1, '≥100%', 0.03, 30],
    [1234.56, 1000, 1.23456, '≥100%', 0.03, 37.04],
  ])('amount %d against quota %d', async (amount, q, attainment, band, rate, commission) => {
    db = await flowDb({ terminal: [['2026-10', 'H1', 'S1', 1, amount]] });
    await runAttributeStage(db, {
      attribution: config({ assignments: [assignment(2, 'H1', '*', 'R1', '2026-01')], quotas: [quota('R1', '心血管代谢', q)], commission: { bands: BANDS, rebates: [] } }),
    });
    const row = await db.one<{ attainment: number; band: string; rate: number; commission: number; attainment_basis: string }>(
      'q',
      'SELECT attainment, band, rate, commission, attainment_basis FROM rep_group_performance',
    );
    expect(row!.attainment).toBeCloseTo(attainment, 9);
    expect(row).toMatchObject({ band, rate, commission, attainment_basis: 'amount' });
  });

  it('returns net against sales; adjustments count in the month they are booked in', async () => {
    db = await flowDb({
      terminal: [['2026-10', 'H1', 'S1', 10, 1000], ['2026-10', 'H1', 'S1', -2, -200, true]],
      adjustments: [['2026-09', '2026-10', 'D1', 'H1', 'S1', 1, 100], ['2026-08', '2026-09', 'D1', 'H1', 'S1', 1, 55]],
    });
    await runAttributeStage(db, {
      attribution: config({ assignments: [assignment(2, 'H1', '*', 'R1', '2026-01')], quotas: [quota('R1', '心血管代谢', 800)], commission: { bands: BANDS, rebates: [] } }),
    });
    const c = await db.one('q', "SELECT sales_amount, returns_amount, adjustment_amount, commission_base, rate, commission FROM commission WHERE period = '2026-10'");
    // 1000 − 200 = 800 → 100% of 800 → 3%; base 800 + 100 booked in October = 900 → 27
    expect(c).toEqual({ sales_amount: 800, returns_amount: -200, adjustment_amount: 100, commission_base: 900, rate: 0.03, commission: 27 });
    expect(await db.value('q', "SELECT adjustment_amount FROM rep_group_performance WHERE period = '2026-09'")).toBe(55);
  });

  it('the cap scales a rep\'s groups down together; own bands beat *', async () => {
    db = await flowDb({ terminal: [['2026-10', 'H1', 'S1', 1, 10000], ['2026-10', 'H1', 'S2', 1, 30000]] });
    await runAttributeStage(db, {
      attribution: config({
        assignments: [assignment(2, 'H1', '*', 'R1', '2026-01')],
        quotas: [quota('R1', '心血管代谢', 5000), quota('R1', '消化', 30000)],
        commission: { bands: { ...BANDS, 心血管代谢: [{ below: 1, rate: 0 }, { rate: 0.1 }] }, cap_per_rep_month: 1000, rebates: [] },
      }),
    });
    const rows = await db.all('q', 'SELECT product_group, rate, commission_before_cap, commission FROM commission ORDER BY product_group');
    // before cap: 10000 × 10% = 1000, 30000 × 3% = 900 → 1900 > 1000 → × 1000/1900
    expect(rows).toEqual([
      { product_group: '心血管代谢', rate: 0.1, commission_before_cap: 1000, commission: 526.32 },
      { product_group: '消化', rate: 0.03, commission_before_cap: 900, commission: 473.68 },
    ]);
  });

  it('a rep with a quota and no sales appears with 0% attainment; YTD and last year', async () => {
    db = await flowDb({ terminal: [['2025-10', 'H1', 'S1', 1, 400], ['2026-09', 'H1', 'S1', 1, 300], ['2026-10', 'H1', 'S1', 1, 500]] });
    await runAttributeStage(db, {
      attribution: config({ assignments: [assignment(2, 'H1', '*', 'R1', '2025-01')], quotas: [quota('R1', '消化', 100), quota('R1', '心血管代谢', 1000)], commission: { bands: BANDS, rebates: [] } }),
    });
    const rows = await db.all('q', "SELECT product_group, amount, attainment, ytd_amount, ly_amount, growth FROM rep_group_performance WHERE period = '2026-10' ORDER BY product_group");
    expect(rows).toEqual([
      { product_group: '心血管代谢', amount: 500, attainment: 0.5, ytd_amount: 800, ly_amount: 400, growth: 0.25 },
      { product_group: '消化', amount: 0, attainment: 0, ytd_amount: 0, ly_amount: null, growth: null },
    ]);
  });
});

describe('distributor rebates (返利)', () => {
  it('the most specific rule wins, per basis', async () => {
    db = await flowDb({
      terminal: [['2026-10', 'H1', 'S1', 1, 1000, false, 'D1'], ['2026-10', 'H1', 'S2', 1, 500, false, 'D1'], ['2026-10', 'H3', 'S1', 1, 200, false, 'D2']],
      secondary: [['2026-10', 'D1', 'S1', 3000]],
    });
    await runAttributeStage(db, {
      attribution: config({
        commission: {
          bands: {},
          rebates: [
            { distributor: '*', product_group: '*', basis: 'terminal', rate: 0.01 },
            { distributor: 'D1', product_group: '消化', basis: 'terminal', rate: 0.02 },
            { distributor: 'D1', product_group: '*', basis: 'secondary', rate: 0.005 },
          ],
        },
      }),
    });
    expect(await db.all('q', 'SELECT distributor_code, basis, product_group, sales_amount, rate, rebate, rule FROM distributor_rebates')).toEqual([
      { distributor_code: 'D1', basis: 'secondary', product_group: '心血管代谢', sales_amount: 3000, rate: 0.005, rebate: 15, rule: 'mappings/commission.yaml rebates.2' },
      { distributor_code: 'D1', basis: 'terminal', product_group: '心血管代谢', sales_amount: 1000, rate: 0.01, rebate: 10, rule: 'mappings/commission.yaml rebates.0' },
      { distributor_code: 'D1', basis: 'terminal', product_group: '消化', sales_amount: 500, rate: 0.02, rebate: 10, rule: 'mappings/commission.yaml rebates.1' },
      { distributor_code: 'D2', basis: 'terminal', product_group: '心血管代谢', sales_amount: 200, rate: 0.01, rebate: 2, rule: 'mappings/commission.yaml rebates.0' },
    ]);
  });
});
