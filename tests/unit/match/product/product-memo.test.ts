import { describe, expect, it } from 'vitest';
import { normaliseManufacturer, normalisedManufacturer } from '../../../../src/match/product/manufacturer.js';
import { memoByString } from '../../../../src/match/product/pure-memo.js';
import { createProductMatcher } from '../../../../src/match/product/product-matcher.js';

describe('memoByString', () => {
  it('computes each distinct string once, including an undefined answer', () => {
    const calls: string[] = [];
    const f = memoByString((s: string) => {
      calls.push(s);
      return s.length > 1 ? s.toUpperCase() : undefined;
    });
    expect([f('ab'), f('ab'), f('c'), f('c')]).toEqual(['AB', 'AB', undefined, undefined]);
    expect(calls).toEqual(['ab', 'c']);
  });

  it('forgets everything when full, and still answers correctly', () => {
    const calls: string[] = [];
    const f = memoByString((s: string) => (calls.push(s), s.length), 2);
    expect([f('a'), f('bb'), f('ccc'), f('a')]).toEqual([1, 2, 3, 1]);
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});

describe('normaliseManufacturer behind the memo', () => {
  it('hands each caller its own object, so changing one cannot change the next answer', () => {
    const first = normaliseManufacturer('拜耳医药保健有限公司');
    expect(first.core).toBe('拜耳');
    first.core = 'changed';
    expect(normaliseManufacturer('拜耳医药保健有限公司').core).toBe('拜耳');
    expect(normalisedManufacturer('拜耳医药保健有限公司').core).toBe('拜耳');
  });
});

describe('product matcher caches across aliases', () => {
  const master = [
    { sku: 'A1', name: '阿卡波糖片', brand: '拜唐苹', spec: '50mg*30片', manufacturer: '拜耳医药保健有限公司' },
    { sku: 'A2', name: '阿卡波糖片', brand: '拜唐苹', spec: '100mg*30片', manufacturer: '拜耳医药保健有限公司' },
    { sku: 'B1', name: '阿卡波糖片', spec: '50mg*30片', manufacturer: '杭州中美华东制药有限公司' },
  ];

  it('gives the same result for an alias whether it comes first or after others sharing its name, spec and maker', () => {
    const alias = { name: '阿卡波糖片', spec: '50mg*30片', manufacturer: '拜耳' };
    const alone = createProductMatcher(master).match(alias);
    const [, , late] = createProductMatcher(master).matchAll([
      { name: '阿卡波糖片', spec: '100mg*30片', manufacturer: '拜耳' },
      { name: '阿卡波糖片', spec: '50mg*30片' },
      alias,
    ]);
    expect(late).toEqual(alone);
    expect(alone.code).toBe('A1');
  });

  it('a maker column and a maker inside the name are analysed apart', () => {
    const m = createProductMatcher(master);
    const inName = m.match({ name: '阿卡波糖片 杭州中美华东制药有限公司', spec: '50mg*30片' });
    const inColumn = m.match({ name: '阿卡波糖片', spec: '50mg*30片', manufacturer: '杭州中美华东制药有限公司' });
    expect(inName.code).toBe('B1');
    expect(inColumn.code).toBe('B1');
  });

  it('spells out the score parts and review rules of the chosen SKU in the reason', () => {
    const r = createProductMatcher(master).match({ name: '阿卡波糖片', spec: '50mg*30片' });
    expect(r.status).toBe('review');
    expect(r.reason).toContain('spec same 50mg×30; maker not stated');
    expect(r.reason).toContain('maker not stated: 2 makers sell this generic');
  });
});
