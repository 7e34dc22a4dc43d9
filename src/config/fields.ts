/**
 * The standard fields every feed is mapped onto (contract). A pipeline's `columns:` maps a field to
 * a header; built-in synonyms (src/io/header-synonyms.ts) find the rest.
 */
export const STANDARD_FIELDS = [
  'date', // 销售日期 / 购进日期 / 库存提取日期 / 发货日期
  'customer', // the buyer in sales and shipments, the supplier in purchases
  'customer_province',
  'customer_city',
  'customer_county',
  'customer_address',
  'product',
  'spec',
  'manufacturer',
  'lot',
  'expiry',
  'production_date',
  'qty',
  'return_qty', // a separate 退货数量 column: counted as a negative quantity
  'in_transit', // 在途数量, inventory reports only
  'unit',
  'price',
  'amount',
  'doc_no',
  'doc_type', // 单据类型: 销售 / 退货 / 调拨 …
  'store', // retail feeds: the store that sold to patients
  'rep_name', // 业务员 as the distributor wrote it (information only)
  'remark',
] as const;

export type StandardField = (typeof STANDARD_FIELDS)[number];

export const FEED_KINDS = ['sales', 'purchases', 'inventory', 'shipments', 'retail'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Fields a feed of each kind cannot be loaded without. */
export const REQUIRED_FIELDS: Record<FeedKind, StandardField[]> = {
  sales: ['date', 'customer', 'product', 'qty'],
  purchases: ['date', 'customer', 'product', 'qty'],
  inventory: ['product', 'qty'],
  shipments: ['date', 'customer', 'product', 'qty'],
  retail: ['date', 'product', 'qty'],
};

export const CUSTOMER_TYPES = ['distributor', 'hospital', 'pharmacy', 'clinic', 'other'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** 单据类型 values that mark a return when the quantity itself is not negative (pipeline `returns:` overrides). */
export const DEFAULT_RETURN_DOC_TYPES = ['退货', '销售退回', '销退', '退回', '退货单', '采购退货', '购进退出'];
