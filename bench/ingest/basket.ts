/**
 * What each customer buys. A hospital does not take a random SKU of the catalogue on every
 * delivery: it stocks a list (its formulary) and orders the same SKUs again through the month.
 * Until session 8 every row drew its SKU independently over the 2,000, so 7.4M of the 10M month's
 * rows were the first delivery of their customer × SKU: listings, exported listings and the
 * monthly rollups worked on a month no distributor sends.
 *
 * A customer's basket has a size by type (a clinic a dozen SKUs, a hospital or pharmacy a few
 * dozen, a wholesaler buying from another hundreds), and its SKUs are drawn with the catalogue's
 * own skew from a hash of the customer's code: the same customer buys from the same list in every
 * feed and every file, and the catalogue's popular SKUs stay popular.
 */
import { hashString, type Rng } from '../eval/prng.js';
import type { MasterCustomer } from './masters.js';

const BASKET_SIZE: Record<string, number> = { hospital: 60, pharmacy: 40, distributor: 300, clinic: 12, other: 15 };
const DEFAULT_BASKET = 20;

/** A uniform number in [0, 1) from a string (FNV-1a, then a finaliser so nearby slots spread). */
function uniformOf(key: string): number {
  let h = hashString(key);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** The catalogue index of the SKU this row of `customer` buys: a skewed pick from its basket. */
export function basketSku(customer: MasterCustomer, skuCount: number, rng: Rng): number {
  const size = Math.min(skuCount, BASKET_SIZE[customer.type] ?? DEFAULT_BASKET);
  const slot = Math.floor(size * rng.next() ** 1.3);
  return Math.floor(skuCount * uniformOf(`${customer.code}/${slot}`) ** 1.6);
}
