/**
 * Headers distributors' ERPs use for each standard field, valid in every feed kind. Earlier
 * entries are more specific: when two columns of one file match the same field, the earlier
 * synonym wins (and the loser is reported), so `含税金额` beats `金额`.
 *
 * Entries are written in normalised form (see normaliseHeader: NFKC, no whitespace, `()`
 * brackets, lower case), and a trailing parenthesised unit is stripped before lookup, so
 * `数量（盒）` finds `数量` here.
 *
 * Headers whose meaning depends on the feed kind live in KIND_SYNONYMS instead: `出库数量` is
 * the quantity of a sales report but a movement column in an inventory (进销存) report, and
 * `入库日期` is a purchase date but, in an inventory report, the date a lot arrived.
 */
export const HEADER_SYNONYMS = {
    date: ['销售日期', '开票日期', '单据日期', '业务日期', '发货日期', '日期', '制单日期', '记账日期', '交易日期', '销售时间', 'date'],
    customer: [
        '客户名称',
        '客户全称',
        '购货单位名称',
        '购货单位',
        '购买单位',
        '收货单位名称',
        '收货单位',
        '医院名称',
        '终端名称',
        '销售客户',
        '往来单位名称',
        '往来单位',
        '单位名称',
        '购方名称',
        '客户',
        'customer',
    ],
    customer_province: ['客户省份', '所在省份', '所属省份', '省份', '省', 'province'],
    customer_city: ['客户城市', '所在城市', '所属城市', '城市', '地市', '市', 'city'],
    customer_county: ['客户区县', '所在区县', '区县', '县区', '区/县', 'county'],
    customer_address: ['客户地址', '收货地址', '送货地址', '详细地址', '地址', 'address'],
    product: [
        '产品名称',
        '药品名称',
        '商品名称',
        '货品名称',
        '品种名称',
        '药品通用名',
        '通用名称',
        '通用名',
        '品名',
        '品种',
        '产品',
        '商品名',
        'product',
    ],
    spec: ['产品规格', '药品规格', '商品规格', '包装规格', '规格型号', '规格/型号', '品规', '规格', 'spec'],
    manufacturer: ['生产厂家', '生产企业', '生产厂商', '生产单位', '厂家', '厂商', '厂牌', '产地', 'manufacturer'],
    lot: ['生产批号', '产品批号', '批号', '批次号', '批次', 'lot', 'batch'],
    expiry: ['有效期至', '有效期', '有效日期', '有效期限', '失效日期', '效期', 'expiry'],
    production_date: ['生产日期'],
    // Only the kind-neutral word here: 销售数量 / 库存数量 etc. are in KIND_SYNONYMS.
    qty: ['数量', 'qty', 'quantity'],
    return_qty: ['退货数量', '退回数量', '销退数量'],
    in_transit: ['在途数量', '在途库存', '在途'],
    unit: ['包装单位', '计量单位', '基本单位', '单位', 'unit'],
    price: ['含税单价', '销售单价', '购进单价', '单价', '价格', 'price'],
    amount: ['含税金额', '价税合计', '销售金额', '购进金额', '总金额', '金额', 'amount'],
    doc_no: ['单据编号', '单据号', '出库单号', '发票号码', '发票号', '票据号', '单号'],
    doc_type: ['单据类型', '单据类别', '业务类型', '出库类型', '销售类型', '类型'],
    store: ['门店名称', '销售门店', '门店'],
    // Not 开票员 (the invoicing clerk) nor 采购员: only the person credited with the sale.
    rep_name: ['业务员姓名', '业务员', '销售代表', '业务代表', '销售员'],
    remark: ['备注', '摘要', '说明'],
};
/** Headers that mean a standard field only in some feed kinds; they rank above HEADER_SYNONYMS. */
export const KIND_SYNONYMS = {
    sales: {
        date: ['出库日期'],
        qty: ['销售数量', '实发数量', '出库数量', '发货数量', '开票数量'],
    },
    shipments: {
        date: ['出库日期'],
        qty: ['发货数量', '实发数量', '出库数量', '销售数量'],
    },
    purchases: {
        date: ['购进日期', '采购日期', '进货日期', '入库日期', '收货日期'],
        // The buyer column of a purchase report is the supplier (see src/config/fields.ts).
        customer: ['供应商名称', '供货单位名称', '供货单位', '供应单位', '供应商'],
        qty: ['购进数量', '采购数量', '进货数量', '入库数量', '实收数量'],
        price: ['进价'],
        amount: ['采购金额'],
    },
    inventory: {
        // Not 入库日期: in an inventory report that is when a lot arrived, not the snapshot date.
        date: ['库存提取日期', '库存日期', '盘点日期', '统计日期', '截止日期'],
        qty: ['库存数量', '结存数量', '期末数量', '期末库存', '现存数量', '账面数量', '库存', '结存'],
        amount: ['库存金额', '结存金额'],
    },
    retail: {
        qty: ['销售数量'],
    },
};
//# sourceMappingURL=header-synonyms.js.map