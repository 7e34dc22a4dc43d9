import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, InternalError } from '../../src/errors.js';
import type { FileReport } from '../../src/stages/load/load-stage.js';
import { zipBomb } from '../integration/io/helpers.js';
import { makeWorkspace, query, runQuietly } from '../helpers/workspace.js';
import { demoCopy, repo, seededRandom, tempRoot } from './crash-helpers.js';

/**
 * Every path drugflow's own code hands to node:fs while `fsSpy.recording` is on. "Nothing is read
 * outside the workspace" is checked on this list (plus the tables: nothing from outside lands there).
 */
const fsSpy = vi.hoisted(() => ({ recording: false, paths: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const spied = <F extends (...args: never[]) => unknown>(fn: F): F =>
    ((...args: Parameters<F>) => {
      if (fsSpy.recording && typeof args[0] === 'string') fsSpy.paths.push(args[0]);
      return fn(...args);
    }) as F;
  const wrapped = {
    ...fs,
    openSync: spied(fs.openSync),
    readFileSync: spied(fs.readFileSync),
    createReadStream: spied(fs.createReadStream),
    statSync: spied(fs.statSync),
    readdirSync: spied(fs.readdirSync),
    realpathSync: Object.assign(spied(fs.realpathSync), { native: fs.realpathSync.native }),
    existsSync: spied(fs.existsSync),
  };
  return { ...wrapped, default: wrapped };
});

let root = '';
let reference: Map<string, FileReport>;

const key = (r: { feed: string; path: string }) => `${r.feed}\u0000${r.path}`;

beforeAll(async () => {
  root = tempRoot('drugflow-hostile-');
  const ws = demoCopy(root);
  const summary = await runQuietly(ws);
  reference = new Map(summary.inputs.map((r) => [key(r), r]));
  rmSync(ws, { recursive: true, force: true });
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

interface HostileCase {
  id: string;
  /** The demo pipeline the feed is cloned from, or a generic sales feed. */
  from: string | 'generic';
  name: string;
  bytes: Buffer;
  overrides?: Record<string, unknown>;
  /** unreadable + reason pattern; 'loaded'; 'no-data' (loaded, nothing in it, says so); or 'either' (a truncated file may still parse). */
  expect: RegExp | 'loaded' | 'no-data' | 'either';
}

const GENERIC = { distributor: 'D0001', kind: 'sales', format: 'auto', encoding: 'auto', header_row: 'auto', cadence: 'monthly' };
const SALES_HEADER = '销售日期,客户名称,产品名称,规格,数量';
const goodRow = (customer: string, product = '阿卡波糖片', qty = 10) => `2026-10-01,${csvCell(customer)},${csvCell(product)},50mg*30片,${qty}`;
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The demo's files, by the pipeline that reads them. */
const DEMO_FILES: [string, string][] = [
  ['bct-sales', '本草堂药业/SM_D0006_四川本草堂药业有限公司_20261031.csv'],
  ['bek-sales', '贝尔康医药/SM_D0001_四川贝尔康医药有限公司_20261031.csv'],
  ['hy-sales', '华源医药/华源医药_北京_销售明细_202610.xls'],
  ['shipments', '发货/SM_MFR001_发货明细_202610.csv'],
  ['ym-sales', '玉马医药/SM_D0003_重庆玉马医药有限公司_20261031.xlsx'],
  ['zk-sales', '振康医药/振康医药销售流向202610.xls'],
  ['zlsy-sales', '中联四药/中联四药进销存_202610.xlsx'],
];

async function formulaWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('销售明细');
  sheet.addRow(['销售日期', '客户名称', '产品名称', '规格', '数量']);
  sheet.addRow([new Date(Date.UTC(2026, 9, 1)), { formula: 'HYPERLINK("http://evil.example/x","北京协和医院")', result: '北京协和医院' }, '阿卡波糖片', '50mg*30片', 5]);
  sheet.addRow([new Date(Date.UTC(2026, 9, 2)), "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/y","阿卡波糖片")', '50mg*30片', 6]);
  sheet.addRow([new Date(Date.UTC(2026, 9, 3)), '北京市和平里医院', { formula: "cmd|' /C calc'!A0", result: '#REF!' }, '50mg*30片', 7]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function hostileCases(): Promise<HostileCase[]> {
  const random = seededRandom(4242);
  const cases: HostileCase[] = [];
  for (const [i, [from, rel]] of DEMO_FILES.entries()) {
    const bytes = readFileSync(path.join(repo, 'fixtures', rel));
    const cut = Math.max(1, Math.floor(bytes.length * (0.05 + 0.9 * random())));
    cases.push({ id: `cut-${i}`, from, name: path.basename(rel), bytes: bytes.subarray(0, cut), expect: 'either' });
    const flipped = Buffer.from(bytes);
    const flips = 1 + Math.floor(random() * 8);
    for (let k = 0; k < flips; k++) {
      const at = Math.floor(random() * flipped.length);
      flipped[at] = (flipped[at] as number) ^ (1 + Math.floor(random() * 255));
    }
    cases.push({ id: `flip-${i}`, from, name: path.basename(rel), bytes: flipped, expect: 'either' });
  }
  const gbk = readFileSync(path.join(repo, 'fixtures', '贝尔康医药/SM_D0001_四川贝尔康医药有限公司_20261031.csv'));
  cases.push({ id: 'gbk-as-utf8', from: 'bek-sales', name: 'SM_D0001_x.csv', bytes: gbk, overrides: { encoding: 'utf-8' }, expect: /not valid UTF-8/ });
  cases.push({
    id: 'huge-cell',
    from: 'generic',
    name: 'huge.csv',
    bytes: Buffer.from(`${SALES_HEADER}\n${goodRow('北京协和医院')}\n${goodRow('北'.repeat(4_000_000))}\n`),
    expect: /4000000 characters \(limit 32767\)/,
  });
  cases.push({ id: 'million-empty-rows', from: 'generic', name: 'empty-rows.csv', bytes: Buffer.from(`${SALES_HEADER}\n${',,,,\n'.repeat(1_000_000)}`), expect: 'no-data' });
  cases.push({ id: 'million-blank-lines', from: 'generic', name: 'blank-lines.csv', bytes: Buffer.from(`${SALES_HEADER}\n${'\n'.repeat(1_000_000)}`), expect: 'no-data' });
  cases.push({ id: 'zip-bomb', from: 'generic', name: 'bomb.xlsx', bytes: zipBomb(), expect: /zip bomb/ });
  cases.push({ id: 'formula-xlsx', from: 'generic', name: 'formulas.xlsx', bytes: await formulaWorkbook(), expect: 'loaded' });
  cases.push({
    id: 'formula-csv',
    from: 'generic',
    name: 'formulas.csv',
    bytes: Buffer.from(
      [SALES_HEADER, goodRow('=HYPERLINK("http://evil.example/x","北京协和医院")'), goodRow("=cmd|' /C calc'!A0"), goodRow('@SUM(1+1)*cmd|\' /C calc\'!A0', '+阿卡波糖片')].join('\n'),
    ),
    expect: 'loaded',
  });
  // A few stray control characters in a real-sized file load as text; a file that is mostly
  // control characters is taken for binary (over 1% of its bytes) and reported.
  const plain = Array.from({ length: 300 }, () => goodRow('北京市和平里医院'));
  cases.push({
    id: 'control-chars',
    from: 'generic',
    name: 'controls.csv',
    bytes: Buffer.from([SALES_HEADER, goodRow('北京\u0007协和\u001b[31m医院\u202e'), goodRow('北京市和平里医院\u0008', '阿卡波糖片\u000b\u001f'), ...plain].join('\n')),
    expect: 'loaded',
  });
  cases.push({
    id: 'control-chars-dense',
    from: 'generic',
    name: 'controls.csv',
    bytes: Buffer.from([SALES_HEADER, goodRow('北京\u0007协和\u001b[31m医院\u202e'), goodRow('北京市和平里医院\u0008', '阿卡波糖片\u000b\u001f')].join('\n')),
    expect: /not a text file/,
  });
  cases.push({ id: 'nul-byte', from: 'generic', name: 'nul.csv', bytes: Buffer.from([SALES_HEADER, goodRow('北京协和\u0000医院')].join('\n')), expect: 'either' });
  cases.push({ id: 'dotdot-newline-name', from: 'generic', name: 'SM..\n..\r销售 ..csv', bytes: Buffer.from([SALES_HEADER, goodRow('北京协和医院')].join('\n')), expect: 'loaded' });
  cases.push({ id: 'gbk-lenient', from: 'generic', name: 'gbk.csv', bytes: iconv.encode([SALES_HEADER, goodRow('北京协和医院')].join('\n'), 'gbk'), expect: 'loaded' });
  return cases;
}

function writePipeline(ws: string, c: HostileCase): void {
  const base = c.from === 'generic' ? { ...GENERIC } : (parse(readFileSync(path.join(ws, 'pipelines', `${c.from}.yaml`), 'utf8')) as Record<string, unknown>);
  const config = { ...base, ...c.overrides, feed: `h-${c.id}`, files: `hostile/${c.id}/*` };
  writeFileSync(path.join(ws, 'pipelines', `h-${c.id}.yaml`), stringify(config));
}

describe('hostile input: never crashes, the good files load, every bad file is reported', () => {
  it('a glob that escapes the inbox is a configuration error and nothing is touched', async () => {
    for (const glob of ['../../etc/*', '/etc/*', 'a/../../../etc/passwd']) {
      const ws = demoCopy(root);
      writeFileSync(path.join(ws, 'pipelines', 'evil.yaml'), stringify({ ...GENERIC, files: glob }));
      const error = await runQuietly(ws).catch((e: unknown) => e);
      expect(error, glob).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/pipelines\/evil\.yaml: files: .*must be a relative pattern inside the inbox/);
      expect(existsSync(path.join(ws, 'drugflow.duckdb'))).toBe(false);
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('the demo inbox plus every kind of broken, hostile and tricky file', async () => {
    const ws = demoCopy(root);
    const cases = await hostileCases();
    for (const c of cases) {
      writePipeline(ws, c);
      mkdirSync(path.join(ws, 'fixtures/hostile', c.id), { recursive: true });
      writeFileSync(path.join(ws, 'fixtures/hostile', c.id, c.name), c.bytes);
    }
    // Links that would lead outside the workspace: a file and a folder, both matched by a glob.
    const outside = path.join(root, `outside-${path.basename(ws)}`);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.csv'), [SALES_HEADER, goodRow('OUTSIDE_SECRET医院')].join('\n'));
    mkdirSync(path.join(ws, 'fixtures/hostile/links'), { recursive: true });
    symlinkSync(path.join(outside, 'secret.csv'), path.join(ws, 'fixtures/hostile/links/secret.csv'));
    symlinkSync(outside, path.join(ws, 'fixtures/hostile/links/dir'));
    symlinkSync('/etc/passwd', path.join(ws, 'fixtures/hostile/links/passwd.csv'));
    writeFileSync(path.join(ws, 'pipelines', 'h-links.yaml'), stringify({ ...GENERIC, feed: 'h-links', files: 'hostile/links/**' }));

    fsSpy.paths.length = 0;
    fsSpy.recording = true;
    const started = Date.now();
    let summary;
    try {
      summary = await runQuietly(ws);
    } catch (error) {
      expect(error, String(error)).not.toBeInstanceOf(InternalError);
      throw error;
    } finally {
      fsSpy.recording = false;
    }
    const elapsed = Date.now() - started;

    // The good files: exactly what a clean demo run loads.
    for (const [k, ref] of reference) {
      const got = summary.inputs.find((r) => key(r) === k);
      expect(got, k).toBeDefined();
      expect({ status: got?.status, rows: got?.rows }, k).toEqual({ status: ref.status, rows: ref.rows });
    }

    if (process.env.DRUGFLOW_HOSTILE_REPORT) {
      for (const r of summary.inputs.filter((i) => i.feed.startsWith('h-'))) console.log(JSON.stringify({ feed: r.feed, status: r.status, reason: r.reason, rows: r.rows }));
      console.log(`elapsed ${elapsed} ms`);
    }
    // Each hostile file: reported, with a reason when it could not be read; rows all accounted for.
    const problems: string[] = [];
    for (const c of cases) {
      const r = summary.inputs.find((i) => i.feed === `h-${c.id}`);
      if (!r) {
        problems.push(`${c.id}: not in the run summary`);
        continue;
      }
      if (r.path !== `hostile/${c.id}/${c.name}`) problems.push(`${c.id}: path ${JSON.stringify(r.path)}`);
      if (r.status === 'unreadable' && !r.reason) problems.push(`${c.id}: unreadable without a reason`);
      if (r.status === 'loaded' && r.rows.read !== r.rows.loaded + r.rows.rejected + r.rows.skipped) {
        problems.push(`${c.id}: rows do not add up ${JSON.stringify(r.rows)}`);
      }
      if (c.expect === 'loaded' && r.status !== 'loaded') problems.push(`${c.id}: ${r.status} (${r.reason})`);
      if (c.expect === 'no-data' && (r.status !== 'loaded' || r.rows.loaded !== 0 || !/^no data rows: all 1000000 rows below the header are blank/.test(r.reason ?? ''))) {
        problems.push(`${c.id}: ${r.status} (${r.reason}) ${JSON.stringify(r.rows)}`);
      }
      // A reason must say what is wrong, not leak a parser's JavaScript error.
      if (r.status === 'unreadable' && /first argument must be|undefined|null|NaN/.test(r.reason ?? '') && !/truncated or corrupt/.test(r.reason ?? '')) {
        problems.push(`${c.id}: unclear reason ${r.reason}`);
      }
      if (c.expect instanceof RegExp && (r.status !== 'unreadable' || !c.expect.test(r.reason ?? ''))) {
        problems.push(`${c.id}: expected unreadable ${c.expect}, got ${r.status} (${r.reason})`);
      }
      if (!['loaded', 'unreadable'].includes(r.status)) problems.push(`${c.id}: status ${r.status}`);
    }
    expect(problems).toEqual([]);
    expect(summary.exit_code).toBe(3); // unreadable files fail the gate: cron sees it

    // Loaded as text, never evaluated or dropped: formula-looking names are data.
    const names = await query<{ customer: string; product: string; feed: string }>(
      ws,
      "SELECT customer, product, feed FROM std_rows WHERE feed IN ('h-formula-xlsx', 'h-formula-csv', 'h-control-chars') ORDER BY feed, source_row",
    );
    expect(names.filter((n) => n.feed === 'h-formula-xlsx').map((n) => n.customer)).toEqual(['北京协和医院', "=cmd|' /C calc'!A0", '北京市和平里医院']);
    expect(names.filter((n) => n.feed === 'h-formula-csv').map((n) => n.customer)).toEqual([
      '=HYPERLINK("http://evil.example/x","北京协和医院")',
      "=cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
    ]);
    expect(names.filter((n) => n.feed === 'h-control-chars')).toHaveLength(302);
    expect(names.filter((n) => n.feed === 'h-control-chars').slice(0, 2)).toEqual([
      { feed: 'h-control-chars', customer: '北京\u0007协和\u001b[31m医院\u202e', product: '阿卡波糖片' },
      { feed: 'h-control-chars', customer: '北京市和平里医院\u0008', product: '阿卡波糖片\u000b\u001f' },
    ]);

    // Nothing from outside the workspace was listed, read or loaded.
    // Links the glob matches are reported (a silently ignored file is a missing month), never followed.
    const links = summary.inputs.filter((i) => i.feed === 'h-links');
    expect(links.map((l) => [l.path, l.status])).toEqual([
      ['hostile/links/dir', 'unreadable'],
      ['hostile/links/passwd.csv', 'unreadable'],
      ['hostile/links/secret.csv', 'unreadable'],
    ]);
    for (const l of links) expect(l.reason).toMatch(/symbolic link .*not followed/);
    expect(links.every((l) => l.rows.read === 0)).toBe(true);
    const leaked = await query<{ n: number }>(ws, "SELECT count(*) AS n FROM std_rows WHERE customer LIKE '%OUTSIDE_SECRET%'");
    expect(leaked[0]?.n).toBe(0);
    const realWs = realpathSync(ws);
    expect(fsSpy.paths.some((p) => p.includes(`${path.sep}hostile${path.sep}cut-0${path.sep}`)), 'the spy sees the reads').toBe(true);
    const outsideReads = [...new Set(fsSpy.paths)].filter((p) => !isInside(realWs, p));
    expect(outsideReads).toEqual([]);
    expect(fsSpy.paths.some((p) => p.includes(`${path.sep}links${path.sep}`))).toBe(false);

    expect(elapsed).toBeLessThan(90_000);
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }, 180_000);
});

describe('configurable limits (drugflow.yaml limits:)', () => {
  it('a tiny max_rows / max_cell_chars / max_columns makes the over-limit files unreadable with a clear reason; the others load', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => goodRow(i % 2 ? '北京协和医院' : '北京市和平里医院', '阿卡波糖片', i + 1));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('销售明细');
    sheet.addRow(['销售日期', '客户名称', '产品名称', '规格', '数量']);
    for (let i = 0; i < 12; i++) sheet.addRow([new Date(Date.UTC(2026, 9, 1 + i)), '北京协和医院', '阿卡波糖片', '50mg*30片', i + 1]);
    const pipe = (feed: string) => ({ [`pipelines/${feed}.yaml`]: stringify({ ...GENERIC, feed, files: `${feed}/*` }) });
    const ws = makeWorkspace(
      {
        ...pipe('good'),
        ...pipe('many'),
        ...pipe('wide'),
        ...pipe('long'),
        ...pipe('book'),
        'inbox/good/good.csv': [SALES_HEADER, ...rows(4)].join('\n'),
        'inbox/many/many.csv': [SALES_HEADER, ...rows(9)].join('\n'),
        'inbox/wide/wide.csv': [`${SALES_HEADER},${Array.from({ length: 10 }, (_, i) => `c${i}`).join(',')}`, ...rows(2).map((r) => `${r}${',x'.repeat(10)}`)].join('\n'),
        'inbox/long/long.csv': [SALES_HEADER, goodRow('北京协和医院'), goodRow('北京协和医院'.repeat(5))].join('\n'),
        'inbox/book/book.xlsx': Buffer.from(await wb.xlsx.writeBuffer()),
      },
      { yaml: 'inbox: inbox\ncompany: { code: MFR001, name: 拜耳医药保健有限公司 }\nlimits: { max_rows: 6, max_cell_chars: 20, max_columns: 8 }\n' },
    );
    try {
      const summary = await runQuietly(ws);
      const by = (feed: string) => summary.inputs.find((i) => i.feed === feed);
      expect(by('good')?.status).toBe('loaded');
      expect(by('good')?.rows.loaded).toBe(4);
      expect(by('many')?.status).toBe('unreadable');
      expect(by('many')?.reason).toMatch(/more than 6 rows \(limit 6\)/);
      expect(by('book')?.status).toBe('unreadable');
      expect(by('book')?.reason).toMatch(/more than 6 rows \(limit 6\)/);
      expect(by('long')?.status).toBe('unreadable');
      expect(by('long')?.reason).toMatch(/row 3, column 2: cell has 30 characters \(limit 20\)/);
      expect(by('wide')?.status).toBe('unreadable');
      expect(by('wide')?.reason).toMatch(/15 columns \(limit 8\)/);
      const loaded = await query<{ feed: string; n: number }>(ws, 'SELECT feed, count(*) AS n FROM std_rows GROUP BY feed ORDER BY feed');
      expect(loaded).toEqual([{ feed: 'good', n: 4 }]);
      expect(summary.exit_code).toBe(3);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }, 60_000);
});

function isInside(realRoot: string, p: string): boolean {
  let resolved: string;
  try {
    resolved = realpathSync(p);
  } catch {
    resolved = path.resolve(p);
  }
  return resolved === realRoot || resolved.startsWith(`${realRoot}${path.sep}`);
}
