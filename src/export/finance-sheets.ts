import type { CellValue, SheetColumn, SheetSpec } from '../report/xlsx-writer.js';

/** Number formats finance expects: boxes, yuan, percentages. */
export const QTY = '#,##0';
export const MONEY = '#,##0.00';
export const PCT = '0.0%';

type Row = Record<string, CellValue>;
const col = (key: string, header: string, numFmt?: string, width?: number): SheetColumn => ({ key, header, ...(numFmt ? { numFmt } : {}), ...(width ? { width } : {}) });

/** Sum of `key` over rows where `where` is a number (attainment over the quota'd part only). */
function ratio(rows: Row[], num: string, den: string): number | null {
  let n = 0;
  let d = 0;
  for (const r of rows) {
    const dv = r[den];
    if (typeof dv === 'number' && dv > 0) {
      d += dv;
      n += typeof r[num] === 'number' ? (r[num] as number) : 0;
    }
  }
  return d > 0 ? n / d : null;
}

export const SHEET_NAMES = {
  rep: '代表业绩',
  sku: '代表品规业绩',
  territory: '区域汇总',
  detail: '终端明细',
  unassigned: '未分配',
  adjustments: '调整',
} as const;

/** File-name slugs of the CSVs, one per sheet. */
export const CSV_SLUGS: Record<keyof typeof SHEET_NAMES, string> = {
  rep: 'rep_group_performance',
  sku: 'rep_performance',
  territory: 'territory_summary',
  detail: 'terminal_detail',
  unassigned: 'unassigned',
  adjustments: 'adjustments',
};

/** Columns the group sheet (代表业绩) and the SKU sheet (代表品规业绩) share, with one header each. */
const REP_COLUMNS = [col('period', '月份'), col('rep_code', '代表编码'), col('rep_name', '代表姓名'), col('territory', '区域')];
const SALES_COLUMNS = [col('qty', '数量（盒）', QTY), col('amount', '金额', MONEY), col('returns_amount', '其中退货金额', MONEY)];
const ADJUSTMENT_COLUMN = col('adjustment_amount', '本月入账调整金额', MONEY);
const BAND_COLUMNS = [col('band', '提成档位'), col('rate', '提成比例', PCT)];

export function repSheet(rows: Row[]): SheetSpec {
  return {
    name: SHEET_NAMES.rep,
    columns: [
      ...REP_COLUMNS,
      col('manager', '经理'),
      col('product_group', '产品组'),
      ...SALES_COLUMNS,
      col('quota_qty', '指标数量', QTY),
      col('quota_amount', '指标金额', MONEY),
      col('attainment', '达成率（按金额）', PCT),
      col('ytd_amount', '年累计金额', MONEY),
      col('ytd_attainment', '年累计达成率', PCT),
      col('ly_amount', '去年同期金额', MONEY),
      col('growth', '同比增长', PCT),
      ADJUSTMENT_COLUMN,
      ...BAND_COLUMNS,
      col('commission', '提成金额', MONEY),
    ],
    rows,
    totals: {
      sum: ['qty', 'amount', 'returns_amount', 'quota_qty', 'quota_amount', 'ytd_amount', 'ly_amount', 'adjustment_amount', 'commission'],
      values: { period: '合计', attainment: ratio(rows, 'amount', 'quota_amount') },
    },
  };
}

/**
 * rep_performance (contract) per SKU: the group's attainment, band and rate on every row; quota
 * and commission are the group's shares, so the sheet's totals equal 代表业绩's.
 */
export function skuSheet(rows: Row[]): SheetSpec {
  return {
    name: SHEET_NAMES.sku,
    columns: [
      ...REP_COLUMNS,
      col('product_group', '产品组'),
      col('sku', '产品编码'),
      col('product_name', '产品名称', undefined, 24),
      ...SALES_COLUMNS,
      ADJUSTMENT_COLUMN,
      col('quota', '指标金额（产品组指标按金额分摊）', MONEY),
      col('attainment', '产品组达成率', PCT),
      ...BAND_COLUMNS,
      col('commission', '提成金额（按提成基数分摊）', MONEY),
    ],
    rows,
    totals: {
      sum: ['qty', 'amount', 'returns_amount', 'adjustment_amount', 'quota', 'commission'],
      values: { period: '合计', attainment: ratio(rows, 'amount', 'quota') },
    },
  };
}

export function territorySheet(rows: Row[]): SheetSpec {
  return {
    name: SHEET_NAMES.territory,
    columns: [
      col('period', '月份'),
      col('territory', '区域'),
      col('reps', '代表人数', QTY),
      col('qty', '数量（盒）', QTY),
      col('amount', '金额', MONEY),
      col('quota_qty', '指标数量', QTY),
      col('quota_amount', '指标金额', MONEY),
      col('attainment', '达成率（按金额，有指标部分）', PCT),
      col('ytd_amount', '年累计金额', MONEY),
      col('ly_amount', '去年同期金额', MONEY),
      col('growth', '同比增长', PCT),
      col('adjustment_amount', '本月入账调整金额', MONEY),
      col('commission', '提成金额', MONEY),
    ],
    rows,
    totals: {
      sum: ['qty', 'amount', 'quota_qty', 'quota_amount', 'ytd_amount', 'ly_amount', 'adjustment_amount', 'commission'],
      values: { period: '合计' },
    },
  };
}

export function detailSheet(rows: Row[]): SheetSpec {
  return {
    name: SHEET_NAMES.detail,
    columns: [
      col('period', '月份'),
      col('txn_date', '日期'),
      col('seller_code', '经销商编码'),
      col('seller_name', '经销商名称', undefined, 30),
      col('buyer_code', '终端编码'),
      col('buyer_name', '终端名称', undefined, 34),
      col('buyer_type', '终端类型'),
      col('province', '省份'),
      col('city', '城市'),
      col('sku', '产品编码'),
      col('product_name', '产品名称', undefined, 24),
      col('product_group', '产品组'),
      col('lot', '批号'),
      col('qty', '数量（盒）', QTY),
      col('amount', '金额', MONEY),
      col('is_return', '退货'),
      col('rep_code', '代表编码'),
      col('rep_name', '代表姓名'),
      col('territory', '区域'),
      col('manager', '经理'),
      col('assignment_rule', '归属规则', undefined, 50),
      col('source_file', '来源文件', undefined, 40),
      col('source_row', '来源行'),
    ],
    rows,
    totals: { sum: ['qty', 'amount'], values: { period: '合计' } },
  };
}

export function unassignedSheet(rows: Row[]): SheetSpec {
  return {
    name: SHEET_NAMES.unassigned,
    columns: [
      col('period', '月份'),
      col('buyer_code', '终端编码'),
      col('buyer_name', '终端名称', undefined, 34),
      col('buyer_type', '终端类型'),
      col('province', '省份'),
      col('city', '城市'),
      col('seller_code', '经销商编码'),
      col('sku', '产品编码'),
      col('product_group', '产品组'),
      col('rep_code', '兜底代表'),
      col('assignment_rule', '规则', undefined, 50),
      col('rows', '行数', QTY),
      col('qty', '数量（盒）', QTY),
      col('amount', '金额', MONEY),
    ],
    rows,
    totals: { sum: ['rows', 'qty', 'amount'], values: { period: '合计' } },
  };
}

export function adjustmentsSheet(rows: Row[]): SheetSpec {
  return {
    name: SHEET_NAMES.adjustments,
    columns: [
      col('level', '层级'),
      col('kind', '调整类型'),
      col('period', '所属月份'),
      col('booked_in', '入账月份'),
      col('seller_code', '经销商编码'),
      col('buyer_code', '买方编码'),
      col('sku', '产品编码'),
      col('qty', '数量（盒）', QTY),
      col('amount', '金额', MONEY),
      col('rep_code', '代表编码'),
      col('assignment_rule', '归属规则', undefined, 50),
      col('source_file', '来源文件', undefined, 40),
      col('source_row', '来源行'),
    ],
    rows,
    totals: { sum: ['qty', 'amount'], values: { level: '合计' } },
  };
}

/** CSV for people: UTF-8 with BOM, the sheet's Chinese headers, numbers plain, formula text neutralised. */
export function sheetCsv(spec: SheetSpec, neutralise: (s: string) => string): string {
  const field = (v: CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    const s = neutralise(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [spec.columns.map((c) => field(c.header)).join(',')];
  for (const row of spec.rows) lines.push(spec.columns.map((c) => field(row[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
