import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/load-workspace.js';
import { ConfigError } from '../../../src/errors.js';
import { CUSTOMERS_CSV, makeWorkspace } from '../../helpers/workspace.js';

const PIPELINE = 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n';

function problemsOf(files: Record<string, string>, yaml?: string): string[] {
  const ws = makeWorkspace(files, yaml === undefined ? {} : { yaml });
  try {
    loadWorkspace(ws);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('loadWorkspace', () => {
  it('accepts a valid workspace and resolves defaults', () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    const loaded = loadWorkspace(ws);
    expect(loaded.pipelines).toHaveLength(1);
    expect(loaded.pipelines[0]).toMatchObject({ feed: 'bek', kind: 'sales', format: 'auto', headerRow: 'auto', cadence: 'monthly' });
    expect(loaded.mappings.customers).toHaveLength(5);
    expect(loaded.limits.maxCellChars).toBe(32767);
  });

  it.each([
    ['an unknown kind', { 'pipelines/bek.yaml': 'distributor: D0001\nkind: salez\nfiles: "*.csv"\n' }, /pipelines\/bek\.yaml: kind:/],
    ['a missing files key', { 'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\n' }, /pipelines\/bek\.yaml: files: required/],
    ['an unknown key', { 'pipelines/bek.yaml': `${PIPELINE}colums: {}\n` }, /unknown key\(s\): colums/],
    ['a glob escaping the inbox', { 'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "../secret/*.csv"\n' }, /files: .*inside the inbox/],
    ['an unknown column field', { 'pipelines/bek.yaml': `${PIPELINE}columns:\n  quantity: 数量\n` }, /columns/],
    ['a seller not in the master', { 'pipelines/bek.yaml': 'distributor: D9999\nkind: sales\nfiles: "*.csv"\n' }, /distributor: "D9999" is not a code/],
    ['a seller that is a hospital', { 'pipelines/bek.yaml': 'distributor: H00001\nkind: sales\nfiles: "*.csv"\n' }, /not of type distributor/],
    ['broken YAML', { 'pipelines/bek.yaml': 'kind: [sales\n' }, /pipelines\/bek\.yaml: : YAML/],
    ['a duplicate customer code', { 'pipelines/bek.yaml': PIPELINE, 'mappings/customers.csv': `${CUSTOMERS_CSV}H00001,北京市隆福医院,hospital,,北京市,北京市\n` }, /customers\.csv: row 7\.code: duplicate "H00001" \(first at row 4\)/],
    ['a bad customer type', { 'pipelines/bek.yaml': PIPELINE, 'mappings/customers.csv': `${CUSTOMERS_CSV}H00009,北京市隆福医院,hosptial,,北京市,北京市\n` }, /customers\.csv: row 7\.type: must be one of/],
    ['an alias to an unknown code', { 'pipelines/bek.yaml': PIPELINE, 'mappings/customer_aliases.csv': 'distributor,raw_name,code\nD0001,协和医院,H99999\n' }, /customer_aliases\.csv: row 2: code "H99999" is not in customers\.csv/],
    ['a bad factor', { 'pipelines/bek.yaml': PIPELINE, 'mappings/product_aliases.csv': 'distributor,raw_name,raw_spec,raw_unit,sku,factor\n*,拜唐苹,,片,SKU001,1/0x\n' }, /product_aliases\.csv: row 2\.factor: "1\/0x" is not a positive number/],
    ['two aliases that load as one text, with two answers', { 'pipelines/bek.yaml': PIPELINE, 'mappings/customer_aliases.csv': 'distributor,raw_name,code\nD0001,协和 医院(东院),H00001\nD0001,"协和　 医院（东院）",H00002\n' }, /customer_aliases\.csv: row 3: same alias as row 2 \(compared as loaded text is cleaned\), with another answer: code H00001 there, code H00002 here/],
    ['one product alias with two factors', { 'pipelines/bek.yaml': PIPELINE, 'mappings/product_aliases.csv': 'distributor,raw_name,raw_spec,raw_unit,sku,factor\n*,拜唐苹,,片,SKU001,1/30\n*,拜唐苹,,片,SKU001,1\n' }, /product_aliases\.csv: row 3: same alias as row 2 .*sku SKU001 × 0\.0333.* there, sku SKU001 × 1 here/],
    ['a mapping file without a required column', { 'pipelines/bek.yaml': PIPELINE, 'mappings/products.csv': 'sku,brand\nSKU1,x\n' }, /products\.csv: header: missing column\(s\): name/],
  ])('reports %s with file and key', (_label, files, expected) => {
    const problems = problemsOf(files as Record<string, string>);
    expect(problems.join('\n')).toMatch(expected as RegExp);
  });

  it('lets an alias written twice with the same answer be, however it is spelled', () => {
    const aliases = 'distributor,raw_name,code\nD0001,协和 医院(东院),H00001\nD0001,"协和　 医院（东院）",H00001\nD0001,协和 医院(东院),H00001\n';
    expect(problemsOf({ 'pipelines/bek.yaml': PIPELINE, 'mappings/customer_aliases.csv': aliases })).toEqual([]);
  });

  it('reads a mapping file whose header names have spaces around them', () => {
    const aliases = ' distributor , raw_name,code \nD0001,协和医院,H00001\n';
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE, 'mappings/customer_aliases.csv': aliases });
    expect(loadWorkspace(ws).mappings.customerAliases).toEqual([{ distributor: 'D0001', raw_name: '协和医院', code: 'H00001' }]);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf({
      'pipelines/a.yaml': 'kind: sales\nfiles: "*.csv"\n',
      'pipelines/b.yaml': 'distributor: D0001\nkind: nope\nfiles: "*.csv"\n',
      'mappings/customer_aliases.csv': 'distributor,raw_name,code\nD0001,协和医院,H99999\n',
    });
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects an invalid drugflow.yaml key', () => {
    const problems = problemsOf({ 'pipelines/bek.yaml': PIPELINE }, 'inbox: inbox\ngates: { max_reject_share: 2 }\n');
    expect(problems.join('\n')).toMatch(/drugflow\.yaml: gates\.max_reject_share/);
  });

  it('reads export.csv_max_rows: Excel\'s row limit by default, a number, or none', () => {
    const withYaml = (extra: string) => loadWorkspace(makeWorkspace({ 'pipelines/bek.yaml': PIPELINE }, { yaml: `inbox: inbox\n${extra}` })).export;
    expect(withYaml('')).toEqual({ csvMaxRows: 1_048_575 });
    expect(withYaml('export: { csv_max_rows: 5000 }\n')).toEqual({ csvMaxRows: 5000 });
    expect(withYaml('export: { csv_max_rows: none }\n')).toEqual({ csvMaxRows: null });
    const problems = problemsOf({ 'pipelines/bek.yaml': PIPELINE }, 'inbox: inbox\nexport: { csv_max_rows: lots }\n');
    expect(problems.join('\n')).toMatch(/drugflow\.yaml: export\.csv_max_rows/);
  });
});
