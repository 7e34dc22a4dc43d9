import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUIRED_FIELDS, type StandardField } from '../../../src/config/fields.js';
import type { Database } from '../../../src/db/database.js';
import { stagedText } from '../../../src/io/staged-text.js';
import { createStagingTableSql, STAGING_TABLE } from '../../../src/stages/load/staging-table.js';
import { buildDecidedRowsSelect, type DecidedRowsInput } from '../../../src/stages/standardise/standardise-sql.js';
import { openMacroDb } from './macro-db.js';

let db: Database;
beforeEach(async () => {
  db = await openMacroDb();
  await db.run('test: staging', createStagingTableSql());
});
afterEach(() => db.close());

type Staged = Partial<Record<StandardField, string>>;

/**
 * Stages rows for one file (source_row = 2, 3, …) in the loader's staging table, each cell as
 * the readers stage it (io/staged-text.ts), and decides them as the loader does: good rows
 * (reject_reason NULL) and rejects (column, reason, raw).
 */
async function standardise(
  fields: StandardField[],
  rows: Staged[],
  options: Partial<DecidedRowsInput> & { fileId?: number } = {},
): Promise<{ ok: Record<string, unknown>[]; rejects: Record<string, unknown>[] }> {
  const { fileId = 1, ...input } = options;
  for (const [i, row] of rows.entries()) {
    const columns = ['file_id', 'sheet', 'source_row', ...fields].map((c) => `"${c}"`).join(', ');
    // As the readers stage a cell: cleaned in JavaScript, blank → NULL.
    const marks = [fileId, 'Sheet1', i + 2, ...fields.map((f) => stagedText(row[f] ?? '') || null)];
    await db.run('test: stage', `INSERT INTO ${STAGING_TABLE} (${columns}) VALUES (${marks.map((_, j) => `$${j + 1}`).join(', ')})`, marks);
  }
  const select = buildDecidedRowsSelect({
    stagingTable: STAGING_TABLE,
    fileIds: [fileId],
    presentFields: fields,
    requiredFields: REQUIRED_FIELDS.sales,
    ...input,
  });
  await db.run('test: decide', `CREATE OR REPLACE TEMP TABLE decided AS ${select}`);
  return {
    ok: await db.all('test', 'SELECT * EXCLUDE (reject_column, reject_reason, raw) FROM decided WHERE reject_reason IS NULL ORDER BY source_row'),
    rejects: await db.all(
      'test',
      'SELECT file_id, sheet, source_row, reject_column AS "column", reject_reason AS reason, raw FROM decided WHERE reject_reason IS NOT NULL ORDER BY source_row',
    ),
  };
}

const SALES: StandardField[] = ['date', 'customer', 'product', 'spec', 'lot', 'expiry', 'qty', 'unit', 'price', 'amount', 'doc_type'];
const good: Staged = {
  date: '2026-10-01',
  customer: '北京协和医院',
  product: '西地碘含片',
  spec: '1.5mg*15片',
  lot: '260901',
  expiry: '2028-08',
  qty: '10',
  unit: '盒',
  price: '12.50',
  amount: '125.00',
  doc_type: '销售',
};

describe('buildDecidedRowsSelect against DuckDB', () => {
  it('types a clean sales row', async () => {
    const { ok, rejects } = await standardise(SALES, [good]);
    expect(rejects).toEqual([]);
    expect(ok).toEqual([
      expect.objectContaining({
        file_id: 1,
        sheet: 'Sheet1',
        source_row: 2,
        txn_date: '2026-10-01',
        customer: '北京协和医院',
        product: '西地碘含片',
        spec: '1.5mg*15片',
        lot: '260901',
        expiry: '2028-08-31',
        production_date: null,
        qty: 10,
        unit: '盒',
        price: 12.5,
        amount: 125,
        doc_type: '销售',
        store: null,
        is_return: false,
      }),
    ]);
  });

  it('reads messy but valid values', async () => {
    const { ok, rejects } = await standardise(SALES, [
      { ...good, date: '2026年10月1日', customer: '\u3000北京协和医院 ', qty: '１０', amount: '¥1,250.00', price: '12.5元', lot: '-' },
    ]);
    expect(rejects).toEqual([]);
    expect(ok[0]).toMatchObject({ txn_date: '2026-10-01', customer: '北京协和医院', qty: 10, amount: 1250, price: 12.5, lot: null });
  });

  it.each<[string, Staged, number, number]>([
    ['a negative quantity', { qty: '-5', amount: '-62.5' }, -5, -62.5],
    ['a negative quantity with a positive amount', { qty: '-5', amount: '62.5' }, -5, -62.5],
    ['an accounting negative', { qty: '(5)', amount: '(62.5)' }, -5, -62.5],
    ['doc type 退货', { doc_type: '退货', qty: '5', amount: '62.5' }, -5, -62.5],
    ['doc type 销售退回, already negative', { doc_type: '销售退回', qty: '-5', amount: '-62.5' }, -5, -62.5],
    ['doc type with spaces around', { doc_type: ' 销退 ', qty: '5', amount: '62.5' }, -5, -62.5],
  ])('marks %s as a return', async (_name, change, qty, amount) => {
    const { ok } = await standardise(SALES, [{ ...good, ...change }]);
    expect(ok[0]).toMatchObject({ qty, amount, is_return: true });
  });

  it('uses configured return doc types instead of the defaults', async () => {
    const { ok } = await standardise(SALES, [{ ...good, doc_type: '红冲' }, { ...good, doc_type: '退货' }], {
      returnsDocTypes: ['红冲'],
    });
    expect(ok.map((r) => [r.qty, r.is_return])).toEqual([
      [-10, true],
      [10, false],
    ]);
  });

  it('nets a separate return column against the quantity', async () => {
    const fields: StandardField[] = ['date', 'customer', 'product', 'qty', 'return_qty', 'amount'];
    const base = { date: '2026-10-01', customer: '协和医院', product: '华素片' };
    const { ok, rejects } = await standardise(fields, [
      { ...base, qty: '10', return_qty: '3' },
      { ...base, qty: '', return_qty: '3', amount: '36' },
      { ...base, qty: '', return_qty: '-3' },
      { ...base, qty: '10', return_qty: '' },
      { ...base, qty: '10', return_qty: '0' },
      { ...base, qty: '', return_qty: '' },
      { ...base, qty: '10', return_qty: 'x' },
    ]);
    expect(ok.map((r) => [r.source_row, r.qty, r.amount, r.is_return])).toEqual([
      [2, 7, null, true],
      [3, -3, -36, true],
      [4, -3, null, true],
      [5, 10, null, false],
      [6, 10, null, false],
    ]);
    expect(rejects.map((r) => [r.source_row, r.column, r.reason])).toEqual([
      [7, 'qty', 'qty: empty'],
      [8, 'return_qty', 'return_qty: "x" is not a number'],
    ]);
  });

  it.each<[string, Staged, string, string]>([
    ['bad quantity', { qty: 'abc' }, 'qty', 'qty: "abc" is not a number'],
    ['a range in the quantity', { qty: '12-3' }, 'qty', 'qty: "12-3" is not a number'],
    ['empty quantity', { qty: ' ' }, 'qty', 'qty: empty'],
    ['impossible date', { date: '2026-13-45' }, 'date', 'date: "2026-13-45" is not a date'],
    ['US date', { date: '10/01/2026' }, 'date', 'date: "10/01/2026" is not a date'],
    ['empty date', { date: '' }, 'date', 'date: empty'],
    ['empty customer', { customer: '' }, 'customer', 'customer: empty'],
    ['placeholder customer', { customer: '--' }, 'customer', 'customer: empty'],
    ['empty product', { product: '\u3000' }, 'product', 'product: empty'],
    ['bad price (optional but typed)', { price: '面议' }, 'price', 'price: "面议" is not a number'],
    ['bad amount', { amount: '1.2.3' }, 'amount', 'amount: "1.2.3" is not a number'],
    ['several problems: the first required one', { date: 'x', qty: 'y', customer: '' }, 'date', 'date: "x" is not a date'],
    ['required before optional', { price: 'p', qty: 'q' }, 'qty', 'qty: "q" is not a number'],
  ])('rejects a row with %s', async (_name, change, column, reason) => {
    const { ok, rejects } = await standardise(SALES, [{ ...good, ...change }]);
    expect(ok).toEqual([]);
    expect(rejects).toEqual([
      expect.objectContaining({ file_id: 1, sheet: 'Sheet1', source_row: 2, column, reason }),
    ]);
  });

  it('keeps the raw text of a rejected row as JSON', async () => {
    const { rejects } = await standardise(SALES, [{ ...good, qty: 'abc', customer: '协和"医院' }]);
    const raw = JSON.parse(String(rejects[0]?.raw)) as Record<string, string>;
    expect(raw).toMatchObject({ date: '2026-10-01', customer: '协和"医院', qty: 'abc' });
    expect(Object.keys(raw)).toEqual(SALES); // every staged field, in standard order
  });

  it('quotes at most 60 characters of a bad value in the reason', async () => {
    const { rejects } = await standardise(SALES, [{ ...good, qty: 'x'.repeat(200) }]);
    expect(String(rejects[0]?.reason)).toBe(`qty: "${'x'.repeat(60)}" is not a number`);
  });

  it('keeps rows whose expiry or production date is unreadable, with NULL', async () => {
    const fields = [...SALES, 'production_date'] as StandardField[];
    const { ok, rejects } = await standardise(fields, [{ ...good, expiry: '长期', production_date: '见包装' }]);
    expect(rejects).toEqual([]);
    expect(ok[0]).toMatchObject({ expiry: null, production_date: null, qty: 10 });
  });

  it('fills a missing unit from the header hint', async () => {
    const { ok } = await standardise(SALES, [{ ...good, unit: '' }, { ...good, unit: '瓶' }], { defaultUnit: '盒' });
    expect(ok.map((r) => r.unit)).toEqual(['盒', '瓶']);
  });

  it('inventory: date optional, but checked when given', async () => {
    const fields: StandardField[] = ['date', 'product', 'qty', 'in_transit'];
    const { ok, rejects } = await standardise(
      fields,
      [
        { date: '', product: '华素片', qty: '100', in_transit: '20' },
        { date: '2026-10-31', product: '华素片', qty: '1,000', in_transit: '' },
        { date: '31/10/2026', product: '华素片', qty: '5' },
      ],
      { requiredFields: REQUIRED_FIELDS.inventory },
    );
    expect(ok.map((r) => [r.txn_date, r.qty, r.in_transit, r.customer])).toEqual([
      [null, 100, 20, null],
      ['2026-10-31', 1000, null, null],
    ]);
    expect(rejects.map((r) => r.reason)).toEqual(['date: "31/10/2026" is not a date']);
  });

  it('puts every staged row of the file in exactly one table and leaves other files alone', async () => {
    const rows: Staged[] = [];
    for (let i = 0; i < 40; i++) {
      rows.push({ ...good, qty: i % 7 === 0 ? 'bad' : String(i), date: i % 11 === 0 ? '2026-02-30' : good.date });
    }
    await db.run('t', `INSERT INTO ${STAGING_TABLE} (file_id, sheet, source_row, product) VALUES (2, 'x', 1, 'other file')`);
    const { ok, rejects } = await standardise(SALES, rows);
    expect(ok.length + rejects.length).toBe(40);
    expect(rejects.length).toBe(new Set([0, 7, 11, 14, 21, 22, 28, 33, 35]).size);
    const ids = [...ok, ...rejects].map((r) => r.source_row as number).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(await db.value('t', 'SELECT count(*) FROM decided WHERE file_id = 2')).toBe(0);
  });
});

describe('buildDecidedRowsSelect (pure)', () => {
  const input: DecidedRowsInput = {
    stagingTable: 'stage"x',
    fileIds: [3],
    presentFields: ['date', 'customer', 'product', 'qty', 'doc_type'],
    requiredFields: REQUIRED_FIELDS.sales,
    returnsDocTypes: ["退'货"],
  };

  it('quotes identifiers and escapes configured doc types', () => {
    const sql = buildDecidedRowsSelect(input);
    expect(sql).toContain('FROM "stage""x"');
    expect(sql).toContain("list_contains(['退''货']");
    expect(sql).toContain('WHERE file_id = 3');
  });

  it('reads a given SELECT instead of the staging table (a big CSV file straight from read_csv)', () => {
    const sql = buildDecidedRowsSelect({ ...input, sourceSql: 'SELECT 3 AS file_id FROM read_csv($path)' });
    expect(sql).toContain('FROM (SELECT 3 AS file_id FROM read_csv($path)) AS staged');
    expect(sql).not.toContain('"stage""x"');
  });

  it('selects the files of a batch together', () => {
    expect(buildDecidedRowsSelect({ ...input, fileIds: [3, 4, 9] })).toContain('WHERE file_id IN (3, 4, 9)');
  });

  it('refuses a non-integer file id, no files, an unknown field and a required field not staged', () => {
    expect(() => buildDecidedRowsSelect({ ...input, fileIds: [1.5] })).toThrow(/not an integer/);
    expect(() => buildDecidedRowsSelect({ ...input, fileIds: [] })).toThrow(/no files/);
    expect(() => buildDecidedRowsSelect({ ...input, presentFields: ['date', 'bogus' as StandardField] })).toThrow(/unknown/);
    expect(() => buildDecidedRowsSelect({ ...input, presentFields: ['date', 'customer', 'qty'] })).toThrow(/product/);
  });
});
