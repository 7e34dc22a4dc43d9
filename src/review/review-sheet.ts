import type { SheetColumn } from '../report/xlsx-writer.js';

/**
 * The review workbook's layout (contract between export and import). Headers are Chinese for
 * the analyst, with the key in brackets so an edited header is caught on import.
 */
export const NOT_OURS = ['非本公司', 'not ours', 'NOT OURS', '不是我们的'];

export type ReviewKind = 'customers' | 'products';

export const SHEET_NAMES: Record<ReviewKind, string> = { customers: '客户待确认', products: '产品待确认' };

const candidateColumns: SheetColumn[] = [1, 2, 3].flatMap((n) => [
  { key: `candidate${n}_code`, header: `候选${n}编码 [candidate${n}_code]`, width: 14 },
  { key: `candidate${n}_name`, header: `候选${n}名称 [candidate${n}_name]`, width: 30 },
  { key: `candidate${n}_score`, header: `候选${n}得分 [candidate${n}_score]`, width: 10, numFmt: '0.000' },
]);

const decisionColumns: SheetColumn[] = [
  { key: 'decision', header: '确认编码 (或 非本公司) [decision]', width: 22 },
  { key: 'reviewer', header: '确认人 [reviewer]', width: 12 },
  { key: 'note', header: '备注 [note]', width: 20 },
];

const money: SheetColumn[] = [
  { key: 'rows', header: '行数 [rows]', width: 8, numFmt: '#,##0' },
  { key: 'qty', header: '数量 [qty]', width: 10, numFmt: '#,##0.##' },
  { key: 'amount', header: '金额 [amount]', width: 14, numFmt: '#,##0.00' },
];

const distributorColumns: SheetColumn[] = [
  { key: 'distributor', header: '经销商编码 [distributor]', width: 12 },
  { key: 'distributor_name', header: '经销商 [distributor_name]', width: 26 },
];

/** What the engine said: the same columns on both sheets, so import reads them one way. */
const verdictColumns: SheetColumn[] = [
  ...money,
  { key: 'status', header: '状态 [status]', width: 10 },
  { key: 'score', header: '得分 [score]', width: 8, numFmt: '0.000' },
  { key: 'reason', header: '原因 [reason]', width: 40 },
  { key: 'samples', header: '样例行 [samples]', width: 40 },
  ...candidateColumns,
  ...decisionColumns,
];

export const REVIEW_COLUMNS: Record<ReviewKind, SheetColumn[]> = {
  customers: [
    ...distributorColumns,
    { key: 'raw_name', header: '客户异名 [raw_name]', width: 32 },
    { key: 'province', header: '省份 [province]', width: 10 },
    { key: 'city', header: '城市 [city]', width: 10 },
    ...verdictColumns,
  ],
  products: [
    ...distributorColumns,
    { key: 'raw_name', header: '产品异名 [raw_name]', width: 30 },
    { key: 'raw_spec', header: '规格 [raw_spec]', width: 16 },
    { key: 'raw_unit', header: '单位 [raw_unit]', width: 8 },
    { key: 'raw_manufacturer', header: '厂家 [raw_manufacturer]', width: 24 },
    ...verdictColumns,
    { key: 'factor', header: '换算系数 (每单位=几盒, 如 1/15) [factor]', width: 16 },
  ],
};

/** The alias key columns: what import writes into mappings/*_aliases.csv. */
export const KEY_COLUMNS: Record<ReviewKind, string[]> = {
  customers: ['distributor', 'raw_name'],
  products: ['distributor', 'raw_name', 'raw_spec', 'raw_unit', 'raw_manufacturer'],
};
