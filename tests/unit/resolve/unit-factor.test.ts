import { describe, expect, it } from 'vitest';
import { inferUnitFactor } from '../../../src/stages/resolve/unit-factor.js';

describe('inferUnitFactor', () => {
  it.each([
    [null, '盒', '50mg*30片', 1],
    ['盒', '盒', '50mg*30片', 1],
    ['片', '盒', '50mg*30片', 1 / 30],
    ['片', '盒', '0.5g*12片*2板', 1 / 24],
    ['板', '盒', '0.5g*12片*2板', 1 / 2],
    ['瓶', '盒', '10万iu×5瓶/盒', 1 / 5],
    ['盒', '盒', '10万iu×5瓶/盒', 1],
    ['支', '盒', '2ml:10mg*5支', 1 / 5],
    ['粒', '盒', '0.25g*6粒*2板', 1 / 12],
    ['片', '盒', '10mg*30s', 1 / 30],
    ['片', '盒', '50mg×24T', 1 / 24],
    ['件', '盒', '50mg*30片', null],
    ['箱', '盒', '50mg*30片', null],
    ['瓶', '盒', '50mg*30片', null],
    ['片', '盒', null, null],
  ])('%s of a %s %s → %s', (raw, unit, spec, expected) => {
    const { factor, rule } = inferUnitFactor(raw, unit, spec);
    if (expected === null) expect(factor).toBeNull();
    else expect(factor).toBeCloseTo(expected, 12);
    expect(rule.length).toBeGreaterThan(0);
  });
});
