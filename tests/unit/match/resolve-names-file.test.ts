import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { validateCustomerMaster } from '../../../src/match/master-validation.js';
import { resolveNamesFile } from '../../../src/match/resolve-names-file.js';

const dir = mkdtempSync(join(tmpdir(), 'drugflow-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CUSTOMERS = [
  'code,name,type,tier,province,city',
  'H001,中国医学科学院北京协和医院,hospital,,北京市,北京市',
  'H002,武汉市第一医院,hospital,,湖北省,武汉市',
  'H003,枣阳市第一人民医院,hospital,,湖北省,襄阳市',
  'D001,四川贝尔康医药有限公司,distributor,1,四川省,成都市',
].join('\n');

function write(name: string, text: string, encoding: 'utf8' | 'gbk' = 'utf8'): string {
  const path = join(dir, name);
  writeFileSync(path, encoding === 'utf8' ? text : iconv.encode(text, 'gbk'));
  return path;
}

function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return text
    .slice(1)
    .trim()
    .split(/\r\n/)
    .map((l) => l.split(','));
}

describe('resolveNamesFile (customers)', () => {
  const master = write('customers.csv', CUSTOMERS);

  it('writes one row per input with the answer and candidates (UTF-8 BOM CSV)', async () => {
    const names = write('names.csv', '\ufeffname,city,qty\n北京协和医院药剂科,北京,3\n武汉市二院,,1\n贝尔康医药,,2\n上海市第一人民医院,,5\n');
    const out = join(dir, 'out.csv');
    const summary = await resolveNamesFile({ kind: 'customers', masterPath: master, namesPath: names, outPath: out });
    expect(summary).toEqual({ total: 4, auto: 2, review: expect.any(Number), unmatched: expect.any(Number) });
    const rows = readCsv(out);
    expect(rows[0]!.slice(0, 9)).toEqual(['name', 'city', 'qty', 'code', 'matched_name', 'score', 'status', 'method', 'reason']);
    expect(rows[0]).toContain('candidate3_score');
    expect(rows[1]!.slice(3, 5)).toEqual(['H001', '中国医学科学院北京协和医院']);
    expect(rows[1]![6]).toBe('auto');
    expect(rows[3]![3]).toBe('D001');
    expect(rows[4]![6]).not.toBe('auto');
  });

  it('reads GBK names files and a custom column', async () => {
    const names = write('names-gbk.csv', '客户名称,数量\n枣阳市第一人民医院住院药房,1\n', 'gbk');
    const out = join(dir, 'out-gbk.csv');
    const summary = await resolveNamesFile({ kind: 'customers', masterPath: master, namesPath: names, outPath: out, column: '客户名称' });
    expect(summary.auto).toBe(1);
    expect(readCsv(out)[1]![2]).toBe('H003');
  });

  it('writes XLSX with formula-looking text made inert', async () => {
    const names = write('names-formula.csv', 'name\n=HYPERLINK("x")\n武汉市第一医院\n');
    const out = join(dir, 'out.xlsx');
    await resolveNamesFile({ kind: 'customers', masterPath: master, namesPath: names, outPath: out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getRow(2).getCell(1).value)).toBe(`'=HYPERLINK("x")`);
    expect(sheet.getRow(3).getCell(2).value).toBe('H002');
  });

  it.each([
    ['an empty master', 'code,name,type,tier,province,city\n', /empty/],
    ['duplicate codes', 'code,name\nH1,武汉市第一医院\nH1,武汉市第三医院\n', /row 3: duplicate code "H1" \(first on row 2\)/],
    ['an empty name', 'code,name\nH1,\n', /row 2: empty name/],
  ])('rejects %s and writes nothing', async (_what, text, message) => {
    const bad = write(`bad-${Math.random()}.csv`, text);
    const names = write('names-ok.csv', 'name\n武汉市第一医院\n');
    const out = join(dir, `never-${Math.random()}.csv`);
    const error = await resolveNamesFile({ kind: 'customers', masterPath: bad, namesPath: names, outPath: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(bad);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a names file without the name column', async () => {
    const names = write('names-nocol.csv', '客户,数量\n武汉市第一医院,1\n');
    const out = join(dir, 'never.csv');
    await expect(resolveNamesFile({ kind: 'customers', masterPath: master, namesPath: names, outPath: out })).rejects.toThrow(/names-nocol\.csv: header: no "name" column/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
  });
});

describe('resolveNamesFile (products)', () => {
  it('uses spec and manufacturer columns', async () => {
    const master = write(
      'products.csv',
      ['sku,name,brand,spec,unit,manufacturer,product_group', 'P1,西地碘含片,华素,1.5mg*15片,盒,北京华素制药股份有限公司,OTC', 'P2,奥卡西平片,,0.3g*30片,盒,北京诺华制药有限公司,RX', 'P3,奥卡西平片,,0.15g*30片,盒,北京诺华制药有限公司,RX'].join('\n'),
    );
    const names = write('pnames.csv', 'name,spec,manufacturer\n华素片1.5MG×15S,,\n奥卡西平片(30S),0.3g*30片,诺华\n奥卡西平片,0.6g*30片,诺华\n');
    const out = join(dir, 'pout.csv');
    const summary = await resolveNamesFile({ kind: 'products', masterPath: master, namesPath: names, outPath: out });
    const rows = readCsv(out);
    expect(rows[0]![3]).toBe('sku');
    expect(rows[1]![3]).toBe('P1');
    expect(rows[2]![3]).toBe('P2');
    expect(rows[3]![6]).not.toBe('auto');
    expect(summary.total).toBe(3);
  });
});

describe('validateCustomerMaster', () => {
  it('reports every problem with its row', () => {
    const problems = validateCustomerMaster([
      { code: 'A', name: '武汉市第一医院', type: 'hospital' },
      { code: 'A', name: '', type: 'hospital' },
      { code: '', name: '武汉市第三医院', type: 'hospital' },
    ]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['row 3: duplicate code "A" (first on row 2)', 'row 3: empty name', 'row 4: empty code']);
  });
});
