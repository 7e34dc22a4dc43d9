/**
 * The ingest benchmark: npm run bench:ingest -- --rows 1000000[,3000000] [--fresh] [--no-split]
 * Per size: generate (or reuse) the workspace, build, run the real CLI on a fresh database, then
 * the CSV-only and xlsx-only workspaces, then the bare read_csv and exceljs baselines on the same
 * files; print one table per size and write bench/data/ingest-results-<rows>.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs, defaultOut } from './args.js';
import { baselineReadCsv } from './baseline-csv.js';
import { baselineExceljs } from './baseline-xlsx.js';
import { generateWorkspace, GENERATOR_VERSION, MANIFEST, type IngestManifest } from './generate.js';
import { freshDatabase, measureDrugflow } from './measure-drugflow.js';
import { formatResult, type SizeResult } from './report.js';
import { formatScaling } from './scaling.js';
import { splitWorkspace } from './split-workspace.js';
import { INBOX } from './workspace.js';

const repo = resolve(import.meta.dirname, '../..');
const args = parseArgs(process.argv.slice(2));
const log = (s: string): void => console.error(`[bench:ingest] ${s}`);

// The CLI under test: the repo's own, freshly built, or a build elsewhere (--cli) for an A/B.
const cliRoot = args.cli ? resolve(args.cli) : repo;
/** Keeps an A/B's logs and results apart: `-<dir name>` when measuring another build. */
const tag = args.cli ? `-${basename(cliRoot)}` : '';
if (!args.cli) {
  log('npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
} else log(`measuring the build in ${cliRoot}`);

const results: SizeResult[] = [];
for (const rows of args.rows) {
  const ws = resolve(repo, args.out && args.rows.length === 1 ? args.out : defaultOut(rows));
  const manifestPath = join(ws, MANIFEST);
  let manifest: IngestManifest | null = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as IngestManifest) : null;
  if (args.fresh || !manifest || manifest.rows !== rows || manifest.seed !== args.seed || (manifest.generator ?? 1) !== GENERATOR_VERSION) {
    log(`generating ${rows} rows into ${ws}`);
    manifest = await generateWorkspace(ws, rows, args.seed, args.reference, log);
  } else log(`reusing ${ws}`);
  const inbox = join(ws, INBOX);
  const isXlsx = (f: { format: string }): boolean => f.format === 'xlsx';

  log('drugflow run, all feeds');
  const full = await measureDrugflow(cliRoot, ws, join(repo, 'bench/data', `ingest-log-${rows}${tag}-all.jsonl`), inbox);
  log(`  ${full.wallS.toFixed(1)} s, stages ${JSON.stringify(full.stageMs)}`);
  const sumMs = (pred: (f: IngestManifest['files'][number]) => boolean): number =>
    manifest!.files.filter(pred).reduce((s, f) => s + (full.fileMs.get(f.path) ?? 0), 0) / 1000;

  let csvOnly, xlsxOnly;
  if (!args.noSplit) {
    const csvFeeds = new Set(manifest.files.filter((f) => !isXlsx(f)).map((f) => f.feed));
    const xlsxFeeds = new Set(manifest.files.filter(isXlsx).map((f) => f.feed));
    const csvWs = splitWorkspace(ws, `${ws}-csv-only`, csvFeeds);
    log('drugflow run, CSV feeds only');
    csvOnly = await measureDrugflow(cliRoot, csvWs, join(repo, 'bench/data', `ingest-log-${rows}${tag}-csv.jsonl`), inbox);
    rmSync(csvWs, { recursive: true, force: true });
    const xlsxWs = splitWorkspace(ws, `${ws}-xlsx-only`, xlsxFeeds);
    log('drugflow run, xlsx feeds only');
    xlsxOnly = await measureDrugflow(cliRoot, xlsxWs, join(repo, 'bench/data', `ingest-log-${rows}${tag}-xlsx.jsonl`), inbox);
    rmSync(xlsxWs, { recursive: true, force: true });
  }
  freshDatabase(ws); // the db and exports are not kept between sizes

  // the files drugflow loads (a byte-identical copy is skipped by drugflow, so by the baselines too)
  const loaded = manifest.files.filter((f) => f.role !== 'duplicate');
  log('baseline: DuckDB read_csv');
  const readCsv = await baselineReadCsv(inbox, loaded.filter((f) => !isXlsx(f)));
  log('baseline: exceljs streaming read');
  const exceljs = await baselineExceljs(inbox, loaded.filter(isXlsx));

  const result: SizeResult = {
    rows,
    files: manifest.files.length,
    full,
    csvOnly,
    xlsxOnly,
    csvRows: loaded.filter((f) => !isXlsx(f)).reduce((s, f) => s + f.dataRows, 0),
    xlsxRows: loaded.filter(isXlsx).reduce((s, f) => s + f.dataRows, 0),
    csvLoadFromLogS: sumMs((f) => !isXlsx(f)),
    xlsxLoadFromLogS: sumMs(isXlsx),
    readCsv,
    exceljs,
  };
  results.push(result);
  const text = formatResult(result);
  console.log(text + '\n');
  const strip = (m: typeof full | undefined) => (m ? { ...m, fileMs: undefined } : undefined);
  writeFileSync(join(repo, 'bench/data', `ingest-results-${rows}${tag}.json`), JSON.stringify({ ...result, full: strip(full), csvOnly: strip(csvOnly), xlsxOnly: strip(xlsxOnly), table: text }, null, 1));
}

// Several sizes in one invocation: the slope between them (linear growth or not).
const scaling = formatScaling(results);
if (scaling) {
  console.log(scaling + '\n');
  writeFileSync(join(repo, 'bench/data', `ingest-scaling-${results.map((r) => r.rows).join('-')}${tag}.md`), scaling + '\n');
}
