/**
 * Generates a complete drugflow workspace holding one national month of sell-out at a chosen scale:
 *   npx tsx bench/ingest/generate.ts [--rows 1000000] [--out bench/data/ws-<rows>] [--seed 1]
 * Same seed and rows → same bytes. Streams every CSV (bounded memory at any --rows).
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../eval/prng.js';
import { chineseMonth } from '../../scripts/fixtures/dates.js';
import { parseArgs, defaultOut } from './args.js';
import { DAYS, PERIOD, planFeeds, type Feed } from './feeds.js';
import { buildMasters, type Masters } from './masters.js';
import { FeedNames } from './names.js';
import { generateRows, skuPrices, type RowContext } from './rows.js';
import { csvSink, xlsxSink, type Cell, type RowSink } from './sinks.js';
import { buildSalesForce } from './sales-force.js';
import { INBOX, writeMasters, writePipelines, writeSalesForce, writeWorkspaceYaml } from './workspace.js';

export interface ManifestFile {
  path: string; // relative to the inbox
  feed: string;
  format: Feed['format'];
  dataRows: number;
  /** Rows above the header (a title row) — what a bare read_csv must skip. */
  titleRows: number;
  totalRow: boolean;
  role: 'original' | 'duplicate' | 'restatement';
}

export interface IngestManifest {
  rows: number;
  seed: number;
  period: string;
  feeds: number;
  customers: number;
  skus: number;
  customerAliases: number;
  productAliases: number;
  /** The sales force the attribute stage credits terminal sales to (sales-force.ts). */
  salesForce: { reps: number; assignments: number; allocationRules: number; quotas: number };
  files: ManifestFile[];
}

export const MANIFEST = 'bench-manifest.json';

async function writeFile(feed: Feed, ctx: RowContext, path: string, count: number, first: number, last: number, docBase: number): Promise<ManifestFile> {
  const f = feed;
  const headers = f.layout.columns.map(([h]) => h);
  const moneyCols = f.layout.columns.flatMap(([, field], i) => (field === 'amount' || field === 'price' ? [i] : []));
  const sink: RowSink =
    f.format === 'xlsx' ? xlsxSink(path, '销售明细', f.distributor.name, moneyCols)
    : csvSink(path, f.format === 'csv-gbk' ? 'gbk' : f.format === 'csv-utf8-bom' ? 'utf-8-bom' : 'utf-8');
  const pad = (cells: Cell[]): Cell[] => (f.format === 'xlsx' ? cells : [...cells, ...Array<Cell>(headers.length - cells.length).fill('')]);
  if (f.titleRow) sink.special(pad([`${f.distributor.name}${chineseMonth(PERIOD)}销售流向`]), 'title');
  sink.special(headers, 'header');
  let qty = 0;
  let amount = 0;
  for (const r of generateRows(ctx, count, first, last, docBase)) {
    sink.row(headers.map((h) => f.layout.cell(h, r, f.formats)));
    qty += r.qty;
    amount += r.qty * r.price;
  }
  if (f.totalRow) {
    const total = headers.map((h, i): Cell => {
      const field = f.layout.columns[i]?.[1];
      if (i === 0) return '合计';
      if (field === 'qty' && f.layout.returns !== 'return_qty') return qty;
      if (field === 'amount' && f.layout.returns !== 'return_qty') return Math.round(amount * 100) / 100;
      return '';
    });
    sink.special(total, 'total');
  }
  await sink.close();
  return { path: '', feed: f.id, format: f.format, dataRows: count, titleRows: f.titleRow ? 1 : 0, totalRow: f.totalRow, role: 'original' };
}

export async function generateWorkspace(outDir: string, rows: number, seed: number, refDir: string, log = (s: string) => console.error(s)): Promise<IngestManifest> {
  const t0 = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, INBOX), { recursive: true });
  const masters: Masters = buildMasters(refDir, rows, seed);
  log(`masters: ${masters.customers.length} customers, ${masters.skus.length} SKUs (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const feeds = planFeeds(masters.customers, rows, seed);
  const prices = skuPrices(masters.skus, createRng(seed, 'ingest/prices'));
  const files: ManifestFile[] = [];
  const productAliases: Array<Record<string, string>> = [];
  const rel = (f: Feed, suffix: string): string => `${f.dir}/XS_${f.distributor.code}_${suffix}.${f.format === 'xlsx' ? 'xlsx' : 'csv'}`;

  for (const f of feeds) {
    const names = new FeedNames(createRng(seed, `ingest/names/${f.id}`), f.format === 'csv-gbk');
    const ctx: RowContext = { feed: f, customers: masters.customers, skus: masters.skus, prices, names, rng: createRng(seed, `ingest/rows/${f.id}`) };
    if (f.cadence === 'monthly') {
      const path = rel(f, PERIOD.replace('-', ''));
      files.push({ ...(await writeFile(f, ctx, join(outDir, INBOX, path), f.rows, 1, DAYS, 1)), path });
    } else {
      let done = 0;
      for (let d = 1; d <= DAYS; d++) {
        const count = Math.floor((f.rows * d) / DAYS) - done;
        if (count === 0) continue;
        const path = rel(f, `${PERIOD.replace('-', '')}${String(d).padStart(2, '0')}`);
        files.push({ ...(await writeFile(f, ctx, join(outDir, INBOX, path), count, d, d, done + 1)), path });
        done += count;
      }
    }
    if (f.index < 20) {
      for (const [sku, p] of names.productEntries()) productAliases.push({ distributor: f.distributor.code, raw_name: p.name, raw_spec: p.spec, raw_unit: p.unit, sku, factor: '1' });
    }
    if (f.index % 50 === 0) log(`feed ${f.index + 1}/${feeds.length}, ${files.length} files (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }

  // the messes every real month has: a file exported twice, and a corrected re-send of a month
  const monthlyCsv = feeds.filter((f) => f.cadence === 'monthly' && f.format !== 'xlsx' && f.rows < 50_000);
  for (const f of monthlyCsv.slice(0, 3)) {
    const src = files.find((x) => x.feed === f.id)!;
    const path = src.path.replace(/\.csv$/, '(1).csv');
    copyFileSync(join(outDir, INBOX, src.path), join(outDir, INBOX, path));
    files.push({ ...src, path, role: 'duplicate' });
  }
  const restated = monthlyCsv[3];
  if (restated) {
    const names = new FeedNames(createRng(seed, `ingest/names/${restated.id}`), restated.format === 'csv-gbk');
    const ctx: RowContext = { feed: restated, customers: masters.customers, skus: masters.skus, prices, names, rng: createRng(seed, `ingest/restated/${restated.id}`) };
    const path = rel(restated, `${PERIOD.replace('-', '')}_更正`);
    files.push({ ...(await writeFile(restated, ctx, join(outDir, INBOX, path), restated.rows, 1, DAYS, 1)), path, role: 'restatement' });
  }

  const salesForce = buildSalesForce(masters.customers, productGroupsBySize(masters), PERIOD, seed);
  writeWorkspaceYaml(outDir, salesForce.allocation);
  writePipelines(outDir, feeds);
  const { customerAliases } = writeMasters(outDir, masters, productAliases);
  writeSalesForce(outDir, salesForce);
  const manifest: IngestManifest = {
    rows, seed, period: PERIOD, feeds: feeds.length, customers: masters.customers.length, skus: masters.skus.length,
    customerAliases, productAliases: productAliases.length,
    salesForce: { reps: salesForce.reps, assignments: salesForce.assignments.length, allocationRules: salesForce.allocation.length, quotas: salesForce.quotas.length },
    files,
  };
  writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
  log(`generated ${rows} rows in ${files.length} files, ${feeds.length} feeds → ${outDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return manifest;
}

/** The catalogue's product groups, the one with the most SKUs first (ties by name). */
function productGroupsBySize(masters: Masters): string[] {
  const counts = new Map<string, number>();
  for (const s of masters.skus) if (s.product.group) counts.set(s.product.group, (counts.get(s.product.group) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([g]) => g);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseArgs(process.argv.slice(2));
  for (const rows of args.rows) {
    await generateWorkspace(resolve(args.out && args.rows.length === 1 ? args.out : defaultOut(rows)), rows, args.seed, args.reference);
  }
}
