/**
 * Two-row headers: a merged group row over the real column names, e.g.
 *
 *   日期 | 客户名称 | 销售 |      | 退货 |
 *        |          | 数量 | 金额 | 数量 | 金额
 *
 * Readers give a merged cell's text only in its first column, so the group text is carried
 * right across the columns whose lower cell continues the group, and each column's header
 * becomes group + name (`退货数量`). A cell merged downwards (`日期`) keeps its own text.
 * `fallback` is the lower cell alone, tried when the combined text names nothing
 * (`退货金额` is no synonym, but `金额` is).
 */
export interface CombinedHeaders {
  headers: string[];
  fallback: (string | undefined)[];
}

export function combineHeaderRows(parent: readonly string[], child: readonly string[]): CombinedHeaders {
  const width = Math.max(parent.length, child.length);
  const headers: string[] = [];
  const fallback: (string | undefined)[] = [];
  let group = '';
  for (let j = 0; j < width; j++) {
    const upper = (parent[j] ?? '').trim();
    const lower = (child[j] ?? '').trim();
    if (upper) group = lower ? upper : ''; // a parent with nothing below is merged downwards
    else if (!lower) group = '';
    if (upper && !lower) {
      headers.push(upper);
      fallback.push(undefined);
    } else if (lower && group) {
      headers.push(group + lower);
      fallback.push(lower);
    } else {
      headers.push(lower);
      fallback.push(undefined);
    }
  }
  return { headers, fallback };
}
