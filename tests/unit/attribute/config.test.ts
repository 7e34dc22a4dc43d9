import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/load-workspace.js';
import { ConfigError } from '../../../src/errors.js';
import { makeWorkspace } from '../../helpers/workspace.js';

const PIPELINE = { 'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "*.csv"\n' };
const ASSIGN_HEADER = 'customer_code,product_group,rep_code,rep_name,territory,manager,valid_from,valid_to\n';

function problems(files: Record<string, string>, yaml?: string): string[] {
  const root = makeWorkspace({ ...PIPELINE, ...files }, yaml ? { yaml } : {});
  try {
    loadWorkspace(root);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
  }
}

describe('assignments, quotas, commission and allocation load like the other mappings', () => {
  it('a workspace without them still loads', () => {
    const ws = loadWorkspace(makeWorkspace(PIPELINE));
    expect(ws.attribution).toMatchObject({ assignments: [], quotas: [], allocation: [], quotaSplit: 'even', commission: undefined });
  });

  it('loads valid files', () => {
    const ws = loadWorkspace(
      makeWorkspace(
        {
          ...PIPELINE,
          'mappings/assignments.csv': `${ASSIGN_HEADER}H00001,*,R1,王建华,成都一区,刘志强,2026-01,2026-09\nH00001,*,R2,李晓燕,成都二区,刘志强,2026-10,\n`,
          'mappings/quotas.csv': 'period,rep_code,product_group,qty,amount\n2026-Q4,R1,内分泌,300,"90,000"\n',
          'mappings/commission.yaml': 'bands:\n  "*": [{ below: 0.8, rate: 0 }, { rate: 0.02 }]\ncap_per_rep_month: 5000\nrebates: [{ distributor: D0001, basis: terminal, rate: 0.01 }]\n',
        },
        { yaml: 'inbox: inbox\nquota_split: by_days\nallocation:\n  - { match: { city: 北京市 }, rep_code: R900 }\n  - { match: {}, rep_code: HOUSE }\n' },
      ),
    );
    expect(ws.attribution!.assignments[1]).toMatchObject({ line: 3, rep_code: 'R2', valid_from: '2026-10', valid_to: undefined });
    expect(ws.attribution!.quotas[0]).toMatchObject({ period: '2026-Q4', amount: 90000, qty: 300 });
    expect(ws.attribution!.quotaSplit).toBe('by_days');
    expect(ws.attribution!.commission!.rebates[0]).toMatchObject({ product_group: '*', basis: 'terminal' });
  });

  it.each([
    ['unknown customer', { 'mappings/assignments.csv': `${ASSIGN_HEADER}H99999,*,R1,,,,2026-01,\n` }, undefined, 'mappings/assignments.csv: row 2.customer_code: "H99999" is not a code in mappings/customers.csv'],
    [
      'overlap names both rows',
      { 'mappings/assignments.csv': `${ASSIGN_HEADER}H00001,*,R1,,,,2026-01,\nH00002,*,R1,,,,2026-01,\nH00001,*,R2,,,,2026-06,2026-12\n` },
      undefined,
      'mappings/assignments.csv: row 4: H00001 × * 2026-06..2026-12 overlaps row 2 (R1 2026-01..open)',
    ],
    ['bad month', { 'mappings/assignments.csv': `${ASSIGN_HEADER}H00001,*,R1,,,,2026-13,\n` }, undefined, 'mappings/assignments.csv: row 2.valid_from: must be a month YYYY-MM'],
    ['valid_to before valid_from', { 'mappings/assignments.csv': `${ASSIGN_HEADER}H00001,*,R1,,,,2026-05,2026-04\n` }, undefined, 'row 2.valid_to: 2026-04 is before valid_from 2026-05'],
    ['unknown product group', { 'mappings/assignments.csv': `${ASSIGN_HEADER}H00001,心脑,R1,,,,2026-05,\n` }, undefined, 'row 2.product_group: "心脑" is not a product_group'],
    ['quota period', { 'mappings/quotas.csv': 'period,rep_code,product_group,qty,amount\n2026-Q5,R1,内分泌,,100\n' }, undefined, 'mappings/quotas.csv: row 2.period: must be YYYY-MM, YYYY-Qn or YYYY'],
    ['quota amount', { 'mappings/quotas.csv': 'period,rep_code,product_group,qty,amount\n2026-10,R1,内分泌,,\n' }, undefined, 'mappings/quotas.csv: row 2.amount: amount is required'],
    ['band order', { 'mappings/commission.yaml': 'bands:\n  "*": [{ below: 1, rate: 0 }, { below: 0.8, rate: 0.01 }, { rate: 0.02 }]\n' }, undefined, 'mappings/commission.yaml: bands.*.1.below: must be above the previous band\'s 1'],
    ['last band open', { 'mappings/commission.yaml': 'bands:\n  "*": [{ below: 1, rate: 0 }]\n' }, undefined, 'bands.*.0.below: the last band must have no "below"'],
    ['rebate distributor', { 'mappings/commission.yaml': 'rebates: [{ distributor: H00001, basis: terminal, rate: 0.01 }]\n' }, undefined, 'rebates.0.distributor: "H00001" is not a distributor'],
    ['unknown commission key', { 'mappings/commission.yaml': 'cap: 5\n' }, undefined, 'mappings/commission.yaml: : unknown key(s): cap'],
    ['allocation key typo', {}, 'inbox: inbox\nallocation: [{ match: { cty: 北京市 }, rep_code: R1 }]\n', 'drugflow.yaml: allocation.0.match: unknown key(s): cty'],
    ['catch-all not last', {}, 'inbox: inbox\nallocation: [{ match: {}, rep_code: H }, { match: { city: 北京市 }, rep_code: R1 }]\n', 'drugflow.yaml: allocation.1: allocation.0.match is empty'],
  ])('%s', (_case, files, yaml, expected) => {
    expect(problems(files, yaml).join('\n')).toContain(expected);
  });
});
