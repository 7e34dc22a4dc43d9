export const DEFAULT_RETURN_DOC_TYPES = ['退货', '销售退回', '销退', '退回', '退货单', '采购退货', '购进退出'];
//# sourceMappingURL=workspace.js.map