import { describe, expect, it } from 'vitest';
import { FEED_KINDS, STANDARD_FIELDS, type FeedKind, type StandardField } from '../../../src/config/fields.js';
import { DrugflowError } from '../../../src/errors.js';
import { detectHeader, HeaderError, normaliseHeader, type HeaderOptions } from '../../../src/io/header.js';
import { HEADER_SYNONYMS, KIND_SYNONYMS } from '../../../src/io/header-synonyms.js';
import { combineHeaderRows } from '../../../src/io/header-two-row.js';
import type { RawRow } from '../../../src/io/types.js';

const sheet = (...rows: string[][]): RawRow[] => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));
const auto = (kind: FeedKind, extra: Partial<HeaderOptions> = {}): HeaderOptions => ({ headerRow: 'auto', kind, ...extra });

/** Field → header text, for readable expectations. */
function named(result: ReturnType<typeof detectHeader>): Partial<Record<StandardField, string>> {
  const out: Partial<Record<StandardField, string>> = {};
  for (const [field, column] of Object.entries(result.mapping)) out[field as StandardField] = result.headers[column];
  return out;
}

const SALES_TEMPLATE = ['销售日期', '产品名称', '产品规格', '批号', '客户名称', '数量（盒）', '单位', '单价', '金额', '生产厂家', '开票员', '业务员', '客户地址', '客户城市', '客户区县', '备注'];
const DATA = ['2026-10-01', '西地碘含片', '1.5mg*15片', '260901', '北京协和医院', '10', '盒', '12.5', '125', '华素制药', '王五', '张三', '北京市东城区', '北京市', '东城区', ''];

describe('normaliseHeader', () => {
  it.each<[string, string]>([
    ['数量（盒）', '数量(盒)'],
    [' 数 量 ', '数量'],
    ['数\u3000量', '数量'],
    ['客户名称【终端】', '客户名称(终端)'],
    ['*销售日期', '销售日期'],
    ['ＱＴＹ', 'qty'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe('detectHeader: real layouts', () => {
  it('maps the upload template for sales, with the unit hint from 数量（盒）', () => {
    const result = detectHeader(sheet(SALES_TEMPLATE, DATA), auto('sales'));
    expect(result.headerRowNumber).toBe(1);
    expect(named(result)).toEqual({
      date: '销售日期',
      product: '产品名称',
      spec: '产品规格',
      lot: '批号',
      customer: '客户名称',
      qty: '数量（盒）',
      unit: '单位',
      price: '单价',
      amount: '金额',
      manufacturer: '生产厂家',
      rep_name: '业务员',
      customer_address: '客户地址',
      customer_city: '客户城市',
      customer_county: '客户区县',
      remark: '备注',
    });
    expect(result.unitHints).toEqual({ qty: '盒' });
    expect(result.unmapped).toEqual(['开票员']); // the invoicing clerk is not the rep
    expect(result.warnings).toEqual([]);
  });

  it('skips title and 制表人 rows above the header', () => {
    const rows = sheet(
      ['国药控股湖北有限公司销售流向表 2026年10月', '', '', ''],
      ['制表人：张三', '', '日期：2026-11-01', ''],
      [],
      ['单据日期', '购货单位', '品名', '规格', '实发数量', '含税金额'],
      ['2026-10-01', '武汉协和医院', '华素片', '1.5mg*15片', '20', '250'],
      ['合计', '', '', '', '20', '250'],
    );
    const result = detectHeader(rows, auto('sales'));
    expect(result.headerRowNumber).toBe(4);
    expect(named(result)).toMatchObject({ date: '单据日期', customer: '购货单位', product: '品名', qty: '实发数量', amount: '含税金额' });
  });

  it('reads a purchase report: the supplier is the customer', () => {
    const header = ['购进日期', '供应商名称', '通用名', '规格', '生产企业', '批号', '购进数量', '单价', '金额', '采购员'];
    const result = detectHeader(sheet(header), auto('purchases'));
    expect(named(result)).toMatchObject({ date: '购进日期', customer: '供应商名称', product: '通用名', manufacturer: '生产企业', qty: '购进数量' });
    expect(result.unmapped).toEqual(['采购员']);
  });

  it('does not take 供应商 as the buyer of a sales report', () => {
    const header = ['日期', '客户名称', '供应商', '产品名称', '数量'];
    const result = detectHeader(sheet(header), auto('sales'));
    expect(named(result).customer).toBe('客户名称');
    expect(result.unmapped).toEqual(['供应商']);
  });

  it('reads an inventory report: 入库日期 is not the snapshot date', () => {
    const header = ['库存提取日期', '产品名称', '产品规格', '批号', '数量', '单位', '单价', '金额', '入库日期', '生产日期', '有效期', '生产厂家'];
    const result = detectHeader(sheet(header), auto('inventory'));
    expect(named(result)).toMatchObject({ date: '库存提取日期', qty: '数量', production_date: '生产日期', expiry: '有效期' });
    expect(result.unmapped).toEqual(['入库日期']);
  });

  it('takes the closing stock of a 进销存 report, not its movements', () => {
    const header = ['商品名称', '规格', '期初数量', '入库数量', '出库数量', '结存数量', '在途数量'];
    const result = detectHeader(sheet(header), auto('inventory'));
    expect(named(result)).toEqual({ product: '商品名称', spec: '规格', qty: '结存数量', in_transit: '在途数量' });
  });

  it('maps a retail feed without a customer', () => {
    const header = ['销售日期', '门店名称', '商品名称', '规格', '销售数量', '金额'];
    const result = detectHeader(sheet(header), auto('retail'));
    expect(named(result)).toMatchObject({ store: '门店名称', qty: '销售数量' });
  });

  it('matches padded, bracketed and starred headers', () => {
    const header = ['*销售日期', ' 客户名称 ', '产品名称(通用名)', ' 数 量 ', '单价（元）'];
    const result = detectHeader(sheet(header), auto('sales'));
    expect(named(result)).toEqual({ date: '*销售日期', customer: '客户名称', product: '产品名称(通用名)', qty: '数 量', price: '单价（元）' });
    expect(result.unitHints).toEqual({}); // 元 of a price says nothing about counting units
  });

  it('reads English headers', () => {
    const result = detectHeader(sheet(['Date', 'Customer', 'Product', 'Qty', 'Amount']), auto('sales'));
    expect(Object.keys(result.mapping).sort()).toEqual(['amount', 'customer', 'date', 'product', 'qty']);
  });
});

describe('detectHeader: two-row headers', () => {
  it('combines a merged group row with the names below it', () => {
    const rows = sheet(
      ['XX医药有限公司销售流向表'],
      ['日期', '客户名称', '产品名称', '销售', '', '退货', ''],
      ['', '', '', '数量', '金额', '数量', '金额'],
      ['2026-10-01', '协和医院', '华素片', '10', '125', '2', '25'],
    );
    const result = detectHeader(rows, auto('sales'));
    expect(result.headerRowNumber).toBe(3);
    expect(result.headers).toEqual(['日期', '客户名称', '产品名称', '销售数量', '销售金额', '退货数量', '退货金额']);
    expect(result.mapping).toEqual({ date: 0, customer: 1, product: 2, qty: 3, amount: 4, return_qty: 5 });
    expect(result.warnings).toEqual([]);
  });

  it('finds the pair when the lower row names more fields', () => {
    const rows = sheet(['基本信息', '', '', '', '数量'], ['日期', '客户名称', '产品名称', '规格', '']);
    const result = detectHeader(rows, auto('sales'));
    expect(result.headerRowNumber).toBe(2);
    // 日期 sits under the 基本信息 group: it reads as one header, and maps through its lower cell
    expect(result.headers).toEqual(['基本信息日期', '基本信息客户名称', '基本信息产品名称', '基本信息规格', '数量']);
    expect(result.mapping).toEqual({ date: 0, customer: 1, product: 2, spec: 3, qty: 4 });
  });

  it('leaves a complete single-row header alone', () => {
    const rows = sheet(['销售流向', '', '', ''], ['日期', '客户名称', '产品名称', '数量']);
    const result = detectHeader(rows, auto('sales'));
    expect(result.headers).toEqual(['日期', '客户名称', '产品名称', '数量']);
  });

  it('combineHeaderRows carries a group right and keeps downward merges', () => {
    expect(combineHeaderRows(['日期', '销售', '', '退货'], ['', '数量', '金额', '数量'])).toEqual({
      headers: ['日期', '销售数量', '销售金额', '退货数量'],
      fallback: [undefined, '数量', '金额', '数量'],
    });
  });
});

describe('detectHeader: configured columns', () => {
  const header = ['日期', '客户', '品名', '数量', '实发数量', '数量（盒）'];

  it('lets a configured header win without a warning', () => {
    const result = detectHeader(sheet(header), auto('sales', { columns: { qty: '数量(盒)' } }));
    expect(result.mapping.qty).toBe(5);
    expect(result.warnings).toEqual([]);
  });

  it('takes the first present header of a configured list', () => {
    const result = detectHeader(sheet(header), auto('sales', { columns: { customer: ['购货单位', '客户'] } }));
    expect(result.mapping.customer).toBe(1);
  });

  it('maps a non-synonym header through columns:', () => {
    const rows = sheet(['开单时间', '终端', '药品', '出货量']);
    const columns = { date: '开单时间', customer: '终端', product: '药品', qty: '出货量' };
    expect(detectHeader(rows, auto('sales', { columns })).mapping).toEqual({ date: 0, customer: 1, product: 2, qty: 3 });
  });

  it('fails when a configured header is absent, listing the headers', () => {
    const rows = sheet(['日期', '客户名称', '产品名称', '数量']);
    expect(() => detectHeader(rows, auto('sales', { columns: { qty: '数量（盒）' } }))).toThrow(
      'header "数量（盒）" (columns.qty) not found; headers are: 日期, 客户名称, 产品名称, 数量',
    );
  });
});

describe('detectHeader: ambiguity', () => {
  it('prefers the more specific synonym and says so', () => {
    const result = detectHeader(sheet(['日期', '客户名称', '产品名称', '数量', '销售数量']), auto('sales'));
    expect(result.mapping.qty).toBe(4);
    expect(result.warnings).toEqual([
      'qty: headers "销售数量", "数量" all match; using "销售数量" (set columns.qty to choose)',
    ]);
    expect(result.unmapped).toEqual(['数量']);
  });

  it('prefers 含税金额 over 金额', () => {
    const result = detectHeader(sheet(['日期', '客户名称', '产品名称', '数量', '金额', '含税金额']), auto('sales'));
    expect(result.mapping.amount).toBe(5);
    expect(result.warnings).toHaveLength(1);
  });

  it('takes the leftmost of two identical headers', () => {
    const result = detectHeader(sheet(['日期', '客户名称', '产品名称', '数量', '金额', '金额']), auto('sales'));
    expect(result.mapping.amount).toBe(4);
    expect(result.warnings[0]).toMatch(/^amount: /);
  });
});

describe('detectHeader: header row and failures', () => {
  it('uses an explicit header row number', () => {
    const rows = sheet(['日期', '客户名称', '产品名称', '数量'], ['销售日期', '客户名称', '产品名称', '数量', '金额', '单价']);
    expect(detectHeader(rows, { headerRow: 1, kind: 'sales' }).headerRowNumber).toBe(1);
  });

  it('refuses a header row number beyond the rows given', () => {
    expect(() => detectHeader(sheet(SALES_TEMPLATE), { headerRow: 60, kind: 'sales' })).toThrow(/header row 60 is not among/);
  });

  it('names the missing required field and the headers seen', () => {
    const rows = sheet(['日期', '客户名称', '产品名称', '金额'], ['2026-10-01', '协和', '华素片', '10']);
    expect(() => detectHeader(rows, auto('sales'))).toThrow(
      /no column for required field qty of a sales feed \(looked for 销售数量, .*or set columns\.qty\); headers are: 日期, 客户名称, 产品名称, 金额/,
    );
  });

  it('says when no row looks like a header', () => {
    const rows = sheet(['2026-10-01', '协和', '华素片', '10']);
    expect(() => detectHeader(rows, auto('sales'))).toThrow(/no header row found in the first 1 rows/);
  });

  it('fails on an empty sheet', () => {
    expect(() => detectHeader([], auto('sales'))).toThrow(/empty/);
  });

  it('throws HeaderError, an INPUT DrugflowError', () => {
    try {
      detectHeader(sheet(['日期']), auto('sales'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HeaderError);
      expect(error).toBeInstanceOf(DrugflowError);
      expect((error as HeaderError).code).toBe('INPUT');
    }
  });
});

describe('synonym tables', () => {
  it('are written in normalised form', () => {
    const all = [
      ...Object.values(HEADER_SYNONYMS).flat(),
      ...Object.values(KIND_SYNONYMS).flatMap((kind) => Object.values(kind).flat()),
    ];
    for (const word of all) expect(normaliseHeader(word)).toBe(word);
  });

  it.each(FEED_KINDS.map((k) => [k]))('give each header one field for %s', (kind) => {
    const owner = new Map<string, StandardField>();
    for (const field of STANDARD_FIELDS) {
      for (const word of [...(KIND_SYNONYMS[kind][field] ?? []), ...HEADER_SYNONYMS[field]]) {
        const seen = owner.get(word);
        expect(seen === undefined || seen === field, `${word}: ${seen} and ${field}`).toBe(true);
        owner.set(word, field);
      }
    }
  });
});
