/**
 * The column layouts real distributor ERPs export (金蝶, 用友, 海典, home-grown), the three ways
 * they mark returns, and the date / number spellings a feed uses all month.
 */
import type { Rng } from '../eval/prng.js';
import { chinese, compact, slashNoPad } from '../../scripts/fixtures/dates.js';
import { thousandsMoney } from '../../scripts/fixtures/numbers.js';

/** What one data row says before it is spelled out in the feed's layout. */
export interface LogicalRow {
  day: string; // YYYY-MM-DD
  docNo: string;
  customer: string;
  customerCode: string;
  province: string;
  city: string;
  product: string;
  spec: string;
  manufacturer: string;
  unit: string;
  lot: string;
  expiry: string;
  qty: number; // negative = return
  price: number;
  rep: string;
}

export type ReturnStyle = 'negative' | 'doc_type' | 'return_qty';

export interface Layout {
  id: string;
  /** header → standard field ('' = a column drugflow does not map). */
  columns: Array<[string, string]>;
  returns: ReturnStyle;
  cell(header: string, r: LogicalRow, fmt: Formats): string | number | Date;
}

export interface Formats {
  date: 'iso' | 'slash' | 'compact' | 'chinese';
  thousands: boolean;
  /** xlsx: dates and numbers as real cells */
  typed: boolean;
}

const L = (id: string, returns: ReturnStyle, cols: Array<[string, string]>): Omit<Layout, 'cell'> => ({ id, returns, columns: cols });

const LAYOUTS: Array<Omit<Layout, 'cell'>> = [
  L('kingdee', 'doc_type', [['日期', 'date'], ['单据编号', 'doc_no'], ['客户名称', 'customer'], ['商品名称', 'product'], ['规格', 'spec'], ['生产厂家', 'manufacturer'], ['批号', 'lot'], ['有效期至', 'expiry'], ['单位', 'unit'], ['数量', 'qty'], ['单价', 'price'], ['金额', 'amount'], ['单据类型', 'doc_type']]),
  L('yonyou', 'negative', [['销售日期', 'date'], ['客户编码', ''], ['购货单位', 'customer'], ['通用名', 'product'], ['产品规格', 'spec'], ['生产企业', 'manufacturer'], ['批号', 'lot'], ['销售数量', 'qty'], ['含税单价', 'price'], ['含税金额', 'amount']]),
  L('region', 'return_qty', [['开票日期', 'date'], ['客户名称', 'customer'], ['省份', 'customer_province'], ['城市', 'customer_city'], ['品名', 'product'], ['规格', 'spec'], ['厂家', 'manufacturer'], ['批号', 'lot'], ['数量', 'qty'], ['退货数量', 'return_qty'], ['单价', 'price'], ['金额', 'amount']]),
  L('haidian', 'negative', [['单据日期', 'date'], ['单号', 'doc_no'], ['往来单位名称', 'customer'], ['药品名称', 'product'], ['规格型号', 'spec'], ['生产厂商', 'manufacturer'], ['生产批号', 'lot'], ['有效期', 'expiry'], ['数量（盒）', 'qty'], ['单价', 'price'], ['价税合计', 'amount'], ['业务员', 'rep_name'], ['备注', 'remark']]),
  L('wms', 'doc_type', [['业务日期', 'date'], ['出库单号', 'doc_no'], ['客户', 'customer'], ['品种名称', 'product'], ['包装规格', 'spec'], ['产地', 'manufacturer'], ['批号', 'lot'], ['计量单位', 'unit'], ['数量', 'qty'], ['价格', 'price'], ['金额', 'amount'], ['类型', 'doc_type']]),
];

const fmtDate = (d: string, f: Formats): string | Date =>
  f.typed && !Number.isNaN(Date.parse(d)) ? new Date(`${d}T00:00:00Z`) : f.date === 'slash' ? slashNoPad(d) : f.date === 'compact' ? compact(d) : f.date === 'chinese' ? chinese(d) : d;

const money = (n: number, f: Formats): string | number => (f.typed ? Math.round(n * 100) / 100 : f.thousands ? thousandsMoney(n) : n.toFixed(2));

function cell(field: string, style: ReturnStyle, r: LogicalRow, f: Formats): string | number | Date {
  const signedQty = style === 'negative' ? r.qty : Math.abs(r.qty);
  switch (field) {
    case 'date': return fmtDate(r.day, f);
    case 'doc_no': return r.docNo;
    case 'customer': return r.customer;
    case 'customer_province': return r.province;
    case 'customer_city': return r.city;
    case 'product': return r.product;
    case 'spec': return r.spec;
    case 'manufacturer': return r.manufacturer;
    case 'lot': return r.lot;
    case 'expiry': return fmtDate(r.expiry, f);
    case 'unit': return r.unit;
    case 'qty': return style === 'return_qty' ? (r.qty < 0 ? 0 : r.qty) : f.typed ? signedQty : String(signedQty);
    case 'return_qty': return r.qty < 0 ? -r.qty : 0;
    case 'price': return f.typed ? r.price : r.price.toFixed(2);
    case 'amount': return money(signedQty * r.price, f);
    case 'doc_type': return r.qty < 0 ? '销售退回' : '销售出库';
    case 'rep_name': return r.rep;
    default: return '';
  }
}

export function drawLayout(rng: Rng): Layout {
  const base = rng.pick(LAYOUTS);
  return {
    ...base,
    cell: (header, r, f) => {
      if (header === '客户编码') return r.customerCode;
      const field = base.columns.find(([h]) => h === header)?.[1] ?? '';
      return cell(field, base.returns, r, f);
    },
  };
}

export function drawFormats(rng: Rng, typed: boolean): Formats {
  return {
    date: rng.weighted([['iso', 5], ['slash', 3], ['compact', 1], ['chinese', 1]] as const),
    thousands: rng.chance(0.2),
    typed: typed && rng.chance(0.6),
  };
}
