import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { countClassifiedTables, runClassifyStage } from '../../../src/stages/classify/classify-stage.js';
import { classifyWorkspace, setResolutions, type Line, type Resolutions } from './classify-workspace.js';

const RESOLUTIONS: Resolutions = {
  customers: [['H1', 'hospital'], ['P1', 'pharmacy'], ['D2', 'distributor'], ['MFR', 'manufacturer'], ['S1', 'pharmacy']],
  customerAliases: [
    ['D1', '协和医院', 'auto', 'H1'],
    ['D1', '大药房', 'auto', 'P1'],
    ['D1', '国药湖北', 'auto', 'D2'],
    ['D1', '拜耳', 'auto', 'MFR'],
    ['D1', '和平里医院', 'review', 'H1'],
    ['C1', '一号店', 'auto', 'S1'],
  ],
  productAliases: [
    ['D1', '阿卡波糖片', '50mg*30片', '盒', 'auto', 'SKU1', 1],
    ['D1', '阿卡波糖片', '50mg*30片', '件', 'auto', 'SKU1', 200],
    ['C1', '阿卡波糖片', '50mg*30片', '盒', 'auto', 'SKU1', 1],
    ['D1', '二甲双胍片', null, '盒', 'unmatched', null, null],
  ],
};

const LINES: Line[] = [
  { file: 1, row: 2, customer: '协和医院', qty: 3 },
  { file: 1, row: 3, customer: '大药房', qty: 2 },
  { file: 1, row: 4, customer: '国药湖北', unit: '件', qty: 1 },
  { file: 1, row: 5, customer: '和平里医院' },
  { file: 1, row: 6, customer: '协和医院', product: '二甲双胍片', spec: null },
  { file: 1, row: 7, customer: '协和医院', product: null },
  { file: 2, row: 2, kind: 'shipments', seller: 'D1', customer: '国药湖北', qty: 4 },
  { file: 3, row: 2, kind: 'purchases', customer: '拜耳', qty: 5 },
  { file: 4, row: 2, kind: 'inventory', customer: null, qty: 6 },
  { file: 5, row: 2, kind: 'retail', seller: 'C1', customer: null, store: '一号店', qty: 7 },
];

describe('classify: where each row lands', () => {
  it('puts every loaded row in exactly one table, by feed kind and the resolved buyer type', async () => {
    const db = await classifyWorkspace(LINES, RESOLUTIONS);
    try {
      await runClassifyStage(db);
      const counts = await countClassifiedTables(db);
      expect(Object.fromEntries(Object.entries(counts).map(([t, c]) => [t, c.rows]))).toEqual({
        flow_primary: 1,
        flow_secondary: 1,
        flow_terminal: 2,
        flow_purchases: 1,
        inventory_snapshots: 1,
        pharmacy_sellout: 1,
        unresolved_rows: 3,
        suspected_duplicates: 0,
      });
      expect(await db.all('q', 'SELECT buyer_code, buyer_type, channel, qty FROM flow_terminal ORDER BY source_row')).toEqual([
        { buyer_code: 'H1', buyer_type: 'hospital', channel: 'Rx', qty: 3 },
        { buyer_code: 'P1', buyer_type: 'pharmacy', channel: 'OTC', qty: 2 },
      ]);
      // one case in 件 is 200 boxes, the raw figure kept beside it
      expect(await db.one('q', 'SELECT buyer_code, qty, raw_qty, raw_unit FROM flow_secondary')).toEqual({ buyer_code: 'D2', qty: 200, raw_qty: 1, raw_unit: '件' });
      expect(await db.one('q', 'SELECT buyer_code, qty FROM flow_primary')).toEqual({ buyer_code: 'D2', qty: 4 });
      expect(await db.one('q', 'SELECT supplier_code, buyer_code, qty FROM flow_purchases')).toEqual({ supplier_code: 'MFR', buyer_code: 'D1', qty: 5 });
      expect(await db.one('q', 'SELECT distributor_code, sku, qty FROM inventory_snapshots')).toEqual({ distributor_code: 'D1', sku: 'SKU1', qty: 6 });
      expect(await db.one('q', 'SELECT pharmacy_code, store, store_code, qty FROM pharmacy_sellout')).toEqual({ pharmacy_code: 'C1', store: '一号店', store_code: 'S1', qty: 7 });
      expect(await db.all('q', 'SELECT source_row, reason FROM unresolved_rows ORDER BY source_row')).toEqual([
        { source_row: 5, reason: 'customer review' },
        { source_row: 6, reason: 'product unmatched' },
        { source_row: 7, reason: 'product: empty' },
      ]);
    } finally {
      db.close();
    }
  });

  it('reclassifies from the current resolutions on every run: nothing of the last run is reused', async () => {
    const db = await classifyWorkspace(LINES, RESOLUTIONS);
    try {
      await runClassifyStage(db);
      // a reviewer confirms 和平里医院 as H1
      await setResolutions(db, { ...RESOLUTIONS, customerAliases: RESOLUTIONS.customerAliases.map((a) => (a[1] === '和平里医院' ? [a[0], a[1], 'auto', a[3]] : a)) });
      await runClassifyStage(db);
      const counts = await countClassifiedTables(db);
      expect(counts.flow_terminal?.rows).toBe(3);
      expect(counts.unresolved_rows?.rows).toBe(2);
    } finally {
      db.close();
    }
  });

  it('stops with an internal error when a row would land nowhere (a resolved buyer missing from the master)', async () => {
    const db = await classifyWorkspace(LINES, { ...RESOLUTIONS, customers: RESOLUTIONS.customers.filter(([code]) => code !== 'P1') });
    try {
      await expect(runClassifyStage(db)).rejects.toThrow(InternalError);
    } finally {
      db.close();
    }
  });
});
