/**
 * The month's feed plan: 500+ distributors, each with its share of the rows (log-normal, as real
 * volume is: a few provincial giants, a long tail), a layout, a format (CSV in GBK / UTF-8 /
 * UTF-8 with BOM; .xlsx for ~5% of rows), monthly or daily files, and its customer territory.
 */
import { createRng } from '../eval/prng.js';
import { drawFormats, drawLayout, type Formats, type Layout } from './layouts.js';
import type { MasterCustomer } from './masters.js';

export const PERIOD = '2026-10';
export const DAYS = 31;
/** exceljs (the non-streaming writer the fixtures use) holds a whole book: keep each one small. */
export const XLSX_MAX_ROWS_PER_FILE = 20_000;
const XLSX_ROW_SHARE = 0.05;

export type FileFormat = 'csv-gbk' | 'csv-utf8' | 'csv-utf8-bom' | 'xlsx';

export interface Feed {
  index: number;
  id: string; // pipelines/<id>.yaml
  distributor: MasterCustomer;
  dir: string; // inbox sub-folder
  rows: number;
  format: FileFormat;
  cadence: 'monthly' | 'daily';
  layout: Layout;
  formats: Formats;
  titleRow: boolean;
  totalRow: boolean;
  /** Indexes into the customer master this distributor sells to. */
  territory: number[];
}

export function feedCount(rows: number): number {
  return Math.max(520, Math.round(rows / 20_000));
}

function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

export function planFeeds(customers: MasterCustomer[], totalRows: number, seed: number): Feed[] {
  const rng = createRng(seed, 'ingest/feeds');
  const n = feedCount(totalRows);
  const distributors = customers.filter((c) => c.type === 'distributor');
  if (distributors.length < n) throw new Error(`only ${distributors.length} distributors in the master for ${n} feeds`);
  const chosen = rng.shuffle(distributors.slice()).slice(0, n);

  const byProvince = new Map<string, number[]>();
  customers.forEach((c, i) => {
    const list = byProvince.get(c.province) ?? [];
    list.push(i);
    byProvince.set(c.province, list);
  });

  const weights = chosen.map(() => Math.exp(1.1 * normal(rng.next)));
  const sum = weights.reduce((s, w) => s + w, 0);
  const rows = weights.map((w) => Math.max(1, Math.floor((totalRows * w) / sum)));
  rows[0]! += totalRows - rows.reduce((s, r) => s + r, 0); // exact total

  // xlsx: the small and mid-size feeds, until ~5% of the rows
  const isXlsx = new Set<number>();
  let xlsxRows = 0;
  for (const i of rng.shuffle(chosen.map((_, i) => i))) {
    const r = rows[i]!;
    if (r > XLSX_MAX_ROWS_PER_FILE * DAYS || xlsxRows + r > totalRows * XLSX_ROW_SHARE) continue;
    isXlsx.add(i);
    xlsxRows += r;
  }

  return chosen.map((d, i): Feed => {
    const xlsx = isXlsx.has(i);
    const format: FileFormat = xlsx ? 'xlsx' : rng.weighted([['csv-gbk', 55], ['csv-utf8', 35], ['csv-utf8-bom', 10]] as const);
    const r = rows[i]!;
    const daily = (xlsx && r > XLSX_MAX_ROWS_PER_FILE) || r > 250_000 || rng.chance(0.02);
    let local = (byProvince.get(d.province) ?? []).filter((c) => customers[c]!.code !== d.code);
    if (local.length < 200) local = customers.map((_, j) => j).filter((j) => customers[j]!.code !== d.code); // a national wholesaler
    const size = Math.min(local.length, 150 + Math.round(r / 15));
    const territory = rng.shuffle(local.slice()).slice(0, size);
    const id = `f${String(i + 1).padStart(4, '0')}-${d.code.toLowerCase()}`;
    const short = d.name.replace(/(医药连锁有限公司|医药有限公司|有限公司)$/, '');
    return {
      index: i,
      id,
      distributor: d,
      dir: `${d.code}_${short}`,
      rows: r,
      format,
      cadence: daily ? 'daily' : 'monthly',
      layout: drawLayout(rng),
      formats: drawFormats(rng, xlsx),
      titleRow: rng.chance(0.3),
      totalRow: rng.chance(0.2),
      territory,
    };
  });
}
