import { describe, expect, it } from 'vitest';
import { compareSpecs, parseSpec, specsEqual } from '../../../../src/match/product/spec-parse.js';

const SAME: [string, string][] = [
  ['50mg*24片', '0.05g×24s'],
  ['50mg*24片', '50MG*12片*2板'],
  ['50mg*24片', '50mg×24T'],
  ['0.05g×24s', '50mg×24T'],
  ['50mg*24片', '50mg*24'],
  ['0.3g*30片', '0.3g/片*10片/板*3板/盒'],
  ['1.5mg*15片', '１．５ｍｇ＊１５片'],
  ['1.5mg*15片', '西地碘含片 1.5mg*15片 华素'],
  ['1.5MG×15S', '1.5mg*15片'],
  ['2ml:10mg*5支', '10mg/2ml×5支'],
  ['10万iu×5瓶/盒', '100000IU*5瓶'],
  ['150ml/瓶', '150ml'],
  ['20g', '20克/支'],
  ['0.25g*6粒*2板', '250mg*12粒'],
  ['5%*250ml', '250ml:12.5g'],
  ['0.125X20粒/盒', '0.125g*20粒'],
  ['0.25*12粒*2板/盒', '0.25g*24粒'],
  ['10片*3板/盒', '30片'],
  ['24片/板*2板/盒', '48片'],
  ['125μg*30片', '0.125mg*30片'],
  ['100ml: 150mg/瓶', '100ml:0.15g'],
  ['10g: 0.1g', '10g:100mg'],
  ['32克(16粒)', '32g(16粒)/盒'],
  ['(0-1岁)30s', '30粒'],
  ['1.0g/支', '1g/支'],
];

const DIFFERENT: [string, string][] = [
  ['50mg*24片', '100mg*24片'],
  ['50mg*24片', '50mg*12片'],
  ['*24片', '*12片'],
  ['0.3g*20粒', '0.4g*20粒'],
  ['0.3g*20粒', '0.3g*24粒'],
  ['10mg*30s', '10mg*7s'],
  ['2ml:10mg*5支', '2ml:20mg*5支'],
  ['2ml:10mg*5支', '5ml:10mg*5支'],
  ['2ml:10mg*5支', '2ml:10mg*10支'],
  ['10万iu×5瓶/盒', '20万iu×5瓶/盒'],
  ['150ml/瓶', '100ml/瓶'],
  ['20g', '10g'],
  ['5%*250ml', '10%*250ml'],
  ['5%*250ml', '5%*500ml'],
  ['0.5g/支', '1.0g/支'],
  ['10g*9袋', '10g*10袋'],
  ['0.6g*8片*10瓶/盒', '0.6g*8片*5瓶/盒'],
  ['10mg*25片*4板', '10mg*100片*2板'],
  ['1g:0.1g', '1g:0.2g'],
];

const UNKNOWN: [string | undefined, string | undefined][] = [
  ['', '50mg*24片'],
  [undefined, '50mg*24片'],
  ['50mg*24片', ''],
  ['', ''],
  ['见说明书', '50mg*24片'],
  ['24片', '50mg*24片'],
  ['50mg', '50mg*24片'],
  ['150ml', '150ml*2瓶'],
  ['1.0g', '1.0g*10支'],
  ['20g', '20g:0.2g'],
  ['5mg/ml', '2ml:10mg'],
  ['0.3g/片', '0.3g*30片'],
];

describe('compareSpecs', () => {
  it.each(SAME)('%s = %s', (a, b) => {
    expect(compareSpecs(a, b)).toBe('same');
    expect(compareSpecs(b, a)).toBe('same');
    expect(specsEqual(a, b)).toBe(true);
  });
  it.each(DIFFERENT)('%s ≠ %s', (a, b) => {
    expect(compareSpecs(a, b)).toBe('different');
    expect(compareSpecs(b, a)).toBe('different');
    expect(specsEqual(a, b)).toBe(false);
  });
  it.each(UNKNOWN)('%s ? %s', (a, b) => {
    expect(compareSpecs(a, b)).toBe('unknown');
    expect(compareSpecs(b, a)).toBe('unknown');
  });
  it('accepts parsed specs as well as text', () => {
    expect(compareSpecs(parseSpec('50mg*24片'), '0.05g×24s')).toBe('same');
  });
  it('same normalised text ⇔ same for fully specified specs', () => {
    for (const [a, b] of SAME.filter(([x, y]) => !x.includes('%') && !y.includes('%'))) {
      const pa = parseSpec(a);
      const pb = parseSpec(b);
      if (!pa.packCountImplied && !pb.packCountImplied) expect(pa.normalised).toBe(pb.normalised);
    }
  });
});
