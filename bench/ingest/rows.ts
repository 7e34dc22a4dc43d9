/**
 * Row-by-row generator of one file's data rows (never a month in memory): who bought what (from
 * the customer's basket: basket.ts), when, how many; ~2% returns; a rare unreadable value (待定 /
 * a 13th month), as hand-typed data has.
 */
import type { Rng } from '../eval/prng.js';
import { basketSku } from './basket.js';
import type { Sku } from '../eval/product-catalog.js';
import { PERIOD } from './feeds.js';
import type { Feed } from './feeds.js';
import type { LogicalRow } from './layouts.js';
import type { MasterCustomer } from './masters.js';
import type { FeedNames } from './names.js';

const REPS = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴婷', '徐涛', '孙丽'];

export interface RowContext {
  feed: Feed;
  customers: MasterCustomer[];
  skus: Sku[];
  prices: number[];
  names: FeedNames;
  rng: Rng;
}

export function skuPrices(skus: Sku[], rng: Rng): number[] {
  return skus.map(() => Math.round((3 + rng.next() ** 2 * 480) * 100) / 100);
}

/** Yields `count` rows dated within [firstDay, lastDay] of the period. */
export function* generateRows(ctx: RowContext, count: number, firstDay: number, lastDay: number, docBase: number): Generator<LogicalRow> {
  const { feed, rng } = ctx;
  const terr = feed.territory;
  const span = lastDay - firstDay + 1;
  for (let i = 0; i < count; i++) {
    const c = ctx.customers[terr[Math.floor(terr.length * rng.next() ** 2)]!]!;
    const skuIdx = basketSku(c, ctx.skus.length, rng);
    const sku = ctx.skus[skuIdx]!;
    const p = ctx.names.product(sku);
    const d = firstDay + Math.floor((i * span) / count);
    const isReturn = rng.chance(0.02);
    const qty = isReturn ? -rng.int(1, 10) : rng.chance(0.9) ? rng.int(1, 20) : rng.int(21, 600);
    const lotN = rng.int(0, 2);
    const row: LogicalRow = {
      day: `${PERIOD}-${String(d).padStart(2, '0')}`,
      docNo: `XS${PERIOD.replace('-', '')}${String(docBase + i).padStart(7, '0')}`,
      customer: ctx.names.customer(c),
      customerCode: `KH${c.code.slice(1)}`,
      province: c.province,
      city: c.city,
      product: p.name,
      spec: p.spec,
      manufacturer: p.manufacturer,
      unit: p.unit,
      lot: `${25 - lotN}${String((skuIdx * 37 + lotN * 101) % 1000).padStart(3, '0')}${String(lotN + 1).padStart(2, '0')}`,
      expiry: `${2028 - lotN}-${String(1 + (skuIdx % 12)).padStart(2, '0')}-01`,
      qty,
      price: ctx.prices[skuIdx]!,
      rep: REPS[(feed.index + c.code.length + skuIdx) % REPS.length]!,
    };
    // a hand-typed value drugflow must reject, never guess (0.01%)
    if (rng.chance(0.0001)) row.day = `${PERIOD.slice(0, 4)}-13-01`;
    yield row;
  }
}
