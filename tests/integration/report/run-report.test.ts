import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { escapeHtml, html } from '../../../src/report/html.js';
import { writeRunReport } from '../../../src/report/run-report.js';
import type { RunSummary } from '../../../src/run/run-summary.js';
import { runQuietly } from '../../helpers/workspace.js';
import { HOSTILE_CUSTOMER, hostileDemoCopy } from './demo-workspace.js';

const CHROMIUM = '/usr/bin/chromium';
const SECTIONS = ['gates', 'feeds', 'matching', 'collection', 'unresolved', 'rejects', 'trend', 'timings', 'runs'];

let ws: string;
let summary: RunSummary;
let reportPath: string;
let page: string;

async function writeReport(outDir: string): Promise<string> {
  const db = await Database.open(path.join(ws, 'drugflow.duckdb'));
  try {
    return await writeRunReport(db, summary, outDir);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ws = hostileDemoCopy();
  summary = await runQuietly(ws);
  reportPath = await writeReport(path.join(ws, 'out'));
  page = readFileSync(reportPath, 'utf8');
}, 120_000);

describe('escapeHtml and the html template', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"'&`, '&quot;&#39;&amp;'],
    ['北京协和医院', '北京协和医院'],
  ])('escapes %j', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
    expect(html`<td title="${raw}">${raw}</td>`.value).toBe(`<td title="${escaped}">${escaped}</td>`);
  });

  it('escapes every item of an interpolated array but keeps nested templates as markup', () => {
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
  });
});

describe('the run report of the demo workspace', () => {
  it('writes out/report.html and the same page as out/runs/<run_id>.html', () => {
    expect(reportPath).toBe(path.join(ws, 'out', 'report.html'));
    expect(readFileSync(path.join(ws, 'out', 'runs', `${summary.run_id}.html`), 'utf8')).toBe(page);
  });

  it('is self-contained: no URL, script, external stylesheet or font', () => {
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/\b(src|href)\s*=/i);
    expect(page).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(page).toMatch(/<meta charset="utf-8">/);
  });

  it('has every section, with SVG charts and the Chinese names of the demo', () => {
    for (const id of SECTIONS) expect(page, id).toContain(`<section id="${id}">`);
    expect((page.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect(page).toContain('本草堂药业/SM_D0006_四川本草堂药业有限公司_20260930.csv');
    expect(page).toContain(summary.run_id);
    expect(page).toContain('2026-10');
  });

  it('shows the hostile customer name as text, never as markup', () => {
    expect(summary.files.loaded).toBeGreaterThanOrEqual(8);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(escapeHtml(HOSTILE_CUSTOMER));
  });

  it('is the same page when written again from the same database and summary', async () => {
    const again = await writeReport(mkdtempSync(path.join(os.tmpdir(), 'drugflow-report-again-')));
    expect(readFileSync(again, 'utf8')).toBe(page);
  });
});

describe('the run report in a browser', () => {
  it('renders in headless Chromium without console errors or requests, with non-empty charts', async (ctx) => {
    if (!existsSync(CHROMIUM)) ctx.skip(`${CHROMIUM} is missing: install it (apt-get install -y chromium) to run the browser test`);
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(path.join(os.tmpdir(), 'drugflow-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
    });
    try {
      const tab = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      tab.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      tab.on('request', (r) => {
        if (!r.url().startsWith('file://')) requests.push(r.url());
      });
      await tab.goto(`file://${reportPath}`, { waitUntil: 'load' });

      const charts = await tab.$$eval('figure.chart svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const marks = [...svg.querySelectorAll('rect')].filter((r) => r.getBoundingClientRect().width > 0 && r.getBoundingClientRect().height > 0).length;
          return { label: svg.getAttribute('aria-label') ?? '', width: box.width, height: box.height, marks };
        }),
      );
      expect(charts.length).toBeGreaterThanOrEqual(7);
      for (const c of charts) {
        expect(c.width, c.label).toBeGreaterThan(100);
        expect(c.height, c.label).toBeGreaterThan(10);
        expect(c.marks, c.label).toBeGreaterThan(0);
      }
      // The hostile name is on the page as visible text.
      expect(await tab.locator('#matching').innerText()).toContain(HOSTILE_CUSTOMER);

      const png = path.join(mkdtempSync(path.join(os.tmpdir(), 'drugflow-shot-')), 'report.png');
      await tab.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(50_000);
      const colours = await countColours(tab, readFileSync(png));
      expect(colours).toBeGreaterThan(30);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);

    } finally {
      await browser.close();
    }
  });
});

/** Distinct colours of a PNG, decoded by the browser itself (no image library needed in Node). */
async function countColours(tab: import('playwright-core').Page, png: Buffer): Promise<number> {
  const blank = await tab.context().newPage();
  try {
    // A string, not a function: the test is compiled without the DOM lib.
    const script = `(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      const data = g.getImageData(0, 0, img.width, img.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    })()`;
    return Number(await blank.evaluate(script));
  } finally {
    await blank.close();
  }
}
