/**
 * Writes the demo workspace at the repo root: drugflow.yaml, pipelines/*.yaml, mappings/*.csv and
 * the inbox fixtures/ (distributor exports in every format and mess, fixtures/README.md and
 * fixtures/expected/quantities.json). Deterministic: a fixed seed and no clock, so every run
 * writes the same bytes. Run with `npm run fixtures`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bctFeed } from './fixtures/feeds/bct.ts';
import { bekFeed } from './fixtures/feeds/bek.ts';
import { hyFeed } from './fixtures/feeds/hy.ts';
import { jmRetailFeed } from './fixtures/feeds/jm-retail.ts';
import { shipmentsFeed } from './fixtures/feeds/shipments.ts';
import { ymEdiFeed } from './fixtures/feeds/ym-edi.ts';
import { ymFeed } from './fixtures/feeds/ym.ts';
import { zkFeed } from './fixtures/feeds/zk.ts';
import { zlsyFeed } from './fixtures/feeds/zlsy.ts';
import { assignmentsCsv, commissionYaml, quotasCsv } from './fixtures/attribution.ts';
import { verifyProducts } from './fixtures/master.ts';
import { makePlan } from './fixtures/plan.ts';
import { Rng } from './fixtures/prng.ts';
import { fixturesReadme } from './fixtures/readme.ts';
import { sheetStats } from './fixtures/sheet.ts';
import type { FeedOutput } from './fixtures/types.ts';
import { customerAliasesCsv, customersCsv, drugflowYaml, pipelineYaml, productAliasesCsv, productsCsv } from './fixtures/workspace.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INBOX = join(ROOT, 'fixtures');
const SEED = 20261031;
const MAX_ROWS = 3000;
const MAX_BYTES = 2 * 1024 * 1024;

function write(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

async function main(): Promise<void> {
  verifyProducts();
  const rng = new Rng(SEED);
  const plan = makePlan(rng.fork('plan'));
  const feeds: FeedOutput[] = [
    shipmentsFeed(rng.fork('shipments'), plan),
    bekFeed(rng.fork('bek'), plan),
    bctFeed(rng.fork('bct'), plan),
    await zlsyFeed(rng.fork('zlsy'), plan),
    await ymFeed(rng.fork('ym'), plan),
    zkFeed(rng.fork('zk'), plan),
    hyFeed(rng.fork('hy'), plan),
    ymEdiFeed(plan),
    jmRetailFeed(rng.fork('jm'), plan),
  ];
  const files = feeds.flatMap((f) => f.files);
  const pipelines = feeds.flatMap((f) => f.pipelines);

  // the inbox, pipelines/*.yaml are wholly generated; mappings/ may hold other files (assignments, quotas)
  // fixtures/expected/rep_*.json are computed from a run (scripts/fixtures/rep-expected.ts) and
  // flow_totals.json was summed by hand from the files (fixtures/README.md), not here: keep them
  const expectedDir = join(INBOX, 'expected');
  const kept = existsSync(expectedDir) ? readdirSync(expectedDir).filter((f) => /^(rep_.*|flow_totals)\.json$/.test(f)).map((f) => [f, readFileSync(join(expectedDir, f))] as const) : [];
  rmSync(INBOX, { recursive: true, force: true });
  for (const [f, bytes] of kept) write(join(expectedDir, f), bytes);
  mkdirSync(join(ROOT, 'pipelines'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'pipelines'))) if (f.endsWith('.yaml')) rmSync(join(ROOT, 'pipelines', f));

  write(join(ROOT, 'drugflow.yaml'), drugflowYaml());
  for (const p of pipelines) write(join(ROOT, 'pipelines', `${p.feed}.yaml`), pipelineYaml(p));
  write(join(ROOT, 'mappings', 'customers.csv'), customersCsv());
  write(join(ROOT, 'mappings', 'products.csv'), productsCsv());
  write(join(ROOT, 'mappings', 'customer_aliases.csv'), customerAliasesCsv());
  write(join(ROOT, 'mappings', 'product_aliases.csv'), productAliasesCsv());
  write(join(ROOT, 'mappings', 'assignments.csv'), assignmentsCsv());
  write(join(ROOT, 'mappings', 'quotas.csv'), quotasCsv());
  write(join(ROOT, 'mappings', 'commission.yaml'), commissionYaml());

  let rows = 0;
  let bytes = 0;
  const stats: Record<string, ReturnType<typeof sheetStats> & { feed: string; period: string; sha256: string }> = {};
  for (const f of files) {
    write(join(INBOX, f.path), f.bytes);
    bytes += f.bytes.length;
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    for (const s of f.sheets) {
      const st = sheetStats(s.sheet);
      if (!f.copyOf) rows += st.rows_total;
      stats[s.key] = { ...st, feed: s.feed, period: f.period, sha256 };
    }
  }
  const expected = {
    note:
      'Computed by scripts/gen-fixtures.ts from the rows it wrote. Keys: file path relative to the inbox (fixtures/), ' +
      '"file.xlsx#sheet" for multi-sheet workbooks. valid_qty_sum is signed (returns negative) in the file\'s own units, before unit factors. ' +
      'byte_copies must be skipped by the loader (same sha256 as another file); each restatement replaces the month of the file it restates.',
    byte_copies: files.filter((f) => f.copyOf).map((f) => ({ file: f.path, copy_of: f.copyOf, expected: 'skipped (duplicate sha256)' })),
    restatements: files.filter((f) => f.restates).map((f) => ({ file: f.path, restates: f.restates, period: f.period })),
    files: stats,
  };
  write(join(INBOX, 'expected', 'quantities.json'), JSON.stringify(expected, null, 2) + '\n');
  write(join(INBOX, 'README.md'), fixturesReadme(files, pipelines));

  if (rows > MAX_ROWS) throw new Error(`fixtures have ${rows} rows (limit ${MAX_ROWS})`);
  if (bytes > MAX_BYTES) throw new Error(`fixtures take ${bytes} bytes (limit ${MAX_BYTES})`);
  process.stdout.write(`wrote ${files.length} fixture files (${rows} rows, ${(bytes / 1024).toFixed(0)} KiB), ${pipelines.length} pipelines\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
