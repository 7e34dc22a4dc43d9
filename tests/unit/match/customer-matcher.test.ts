import { describe, expect, it } from 'vitest';
import { createCustomerMatcher } from '../../../src/match/customer-matcher.js';
import type { CustomerMasterEntry, CustomerQuery } from '../../../src/match/types.js';

// Real names from shared/data/reference (fever-clinic list, Beijing insurance list, Guangzhou
// pharmacies, distributor pairs).
const MASTER: CustomerMasterEntry[] = [
  { code: 'BJ-XH', name: '中国医学科学院北京协和医院', type: 'hospital', province: '北京市', city: '北京市' },
  { code: 'BJ-TR', name: '首都医科大学附属北京同仁医院', type: 'hospital', province: '北京市', city: '北京市' },
  { code: 'BJ-LF', name: '北京市隆福医院(北京市东城区老年病医院)', type: 'hospital', province: '北京市', city: '北京市' },
  { code: 'BJ-HPL', name: '北京市和平里医院', type: 'hospital', province: '北京市', city: '北京市' },
  { code: 'WH-XH', name: '华中科技大学同济医学院附属协和医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'WH-1', name: '武汉市第一医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'WH-3', name: '武汉市第三医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'WH-ZY', name: '武汉市中医医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'WH-ET', name: '武汉市儿童医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'WH-FY', name: '湖北省妇幼保健院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'ZY-1', name: '枣阳市第一人民医院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'ZY-2', name: '枣阳市第二人民医院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'ZY-ZY', name: '枣阳市中医院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'ZY-FY', name: '枣阳市妇幼保健院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'ZY-LT', name: '枣阳市鹿头镇中心卫生院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'XT-ZY', name: '邢台市中医院', type: 'hospital', province: '河北省', city: '邢台市' },
  { code: 'XT-RM', name: '邢台市人民医院', type: 'hospital', province: '河北省', city: '邢台市' },
  { code: 'SZ-RM', name: '深州市人民医院', type: 'hospital', province: '河北省', city: '衡水市' },
  { code: 'ZJ-ET', name: '浙江大学医学院附属儿童医院（湖滨院区）', type: 'hospital', province: '浙江省', city: '杭州市' },
  { code: 'GZ-NS', name: '广州医药大药房有限公司南沙中心店', type: 'pharmacy', province: '广东省', city: '广州市' },
  { code: 'GZ-RC4', name: '仁材第四分店', type: 'pharmacy', province: '广东省', city: '广州市' },
  { code: 'D-BEK', name: '四川贝尔康医药有限公司', type: 'distributor', province: '四川省', city: '成都市' },
  { code: 'D-ZK', name: '广州市振康医药有限公司', type: 'distributor', province: '广东省', city: '广州市' },
];

const matcher = createCustomerMatcher(MASTER);
const q = (name: string, extra: Partial<CustomerQuery> = {}): CustomerQuery => ({ name, ...extra });

describe('exact and normalised matches', () => {
  it.each([
    ['中国医学科学院北京协和医院', 'BJ-XH', 'exact'],
    ['中国医学科学院北京协和医院药剂科', 'BJ-XH', 'normalised'],
    ['[KH00123]中国医学科学院北京协和医院', 'BJ-XH', 'normalised'],
    ['中國醫學科學院北京協和醫院', 'BJ-XH', 'normalised'],
    ['ＫＨ００１２３-武汉市第一医院', 'WH-1', 'normalised'],
    ['武汉市第一医院/C0012', 'WH-1', 'normalised'],
    ['四川贝尔康医药有限公司 采购部', 'D-BEK', 'normalised'],
  ])('%s → %s (%s)', (name, code, method) => {
    const r = matcher.match(q(name));
    expect(r.status).toBe('auto');
    expect(r.code).toBe(code);
    expect(r.method).toBe(method);
    expect(r.score).toBe(1);
    expect(r.reason).toMatch(/same name/);
  });
});

describe('fuzzy auto matches of real-world variants', () => {
  it.each([
    ['北京协和医院', {}, 'BJ-XH'],
    ['协和医院', { city: '北京' }, 'BJ-XH'],
    ['北京协和医院(东院)', {}, 'BJ-XH'],
    ['北京同仁医院', {}, 'BJ-TR'],
    ['同仁医院 门诊药房', { province: '北京市' }, 'BJ-TR'],
    ['北京市东城区老年病医院', {}, 'BJ-LF'],
    ['隆福医院', { contextCity: '北京市' }, 'BJ-LF'],
    ['武汉协和医院', {}, 'WH-XH'],
    ['湖北省武汉市第一医院', {}, 'WH-1'],
    ['武汉市一院', {}, 'WH-1'],
    ['武汉中医院', {}, 'WH-ZY'],
    ['枣阳市第一人民医院住院药房', {}, 'ZY-1'],
    ['湖北枣阳市第二人民医院', {}, 'ZY-2'],
    ['枣阳市中医医院', {}, 'ZY-ZY'],
    ['枣阳市妇保院', {}, 'ZY-FY'],
    ['枣阳鹿头镇中心卫生院', { city: '襄阳市' }, 'ZY-LT'],
    ['邢台市中医医院', {}, 'XT-ZY'],
    ['浙江大学医学院附属儿童医院湖滨院区', {}, 'ZJ-ET'],
    ['贝尔康医药', {}, 'D-BEK'],
    ['振康医药', { contextProvince: '广东' }, 'D-ZK'],
    ['广州医药大药房南沙中心店', {}, 'GZ-NS'],
  ])('%s %j → %s', (name, extra, code) => {
    const r = matcher.match(q(name, extra));
    expect(r.code).toBe(code);
    expect(r.status).toBe('auto');
    expect(r.reason).toMatch(/^auto/);
  });
});

describe('vetoes: a look-alike is never auto', () => {
  it.each([
    ['枣阳市第三人民医院', 'ordinal'], // 第三 ≠ 第一 / 第二
    ['武汉市第二医院', 'ordinal'],
    ['邢台市妇幼保健院', 'type'], // 妇幼保健院 ≠ 中医院 / 人民医院
    ['武汉市中西医结合医院', 'type'],
    ['枣阳市人民医院', 'ordinal missing'],
    ['仁材第三分店', 'ordinal'],
    ['深州市中医医院', 'type'],
  ])('%s is not auto (%s)', (name) => {
    const r = matcher.match(q(name));
    expect(r.status).not.toBe('auto');
  });

  it('a contradicting city vetoes an otherwise equal name', () => {
    const r = matcher.match(q('武汉市第一医院', { province: '河北省', city: '邢台市' }));
    expect(r.status).not.toBe('auto');
    expect(r.reason).toMatch(/vetoed|contradicts/);
  });

  it('a pharmacy is not a hospital', () => {
    const r = matcher.match(q('北京协和大药房'));
    expect(r.status).not.toBe('auto');
  });

  it('a distributor is not a hospital', () => {
    const r = matcher.match(q('北京协和医药有限公司'));
    expect(r.status).not.toBe('auto');
  });

  it('names the veto in the reason when the vetoed look-alike scores higher', () => {
    const r = matcher.match(q('枣阳市第三人民医院'));
    expect(r.reason).toMatch(/ordinal 第三≠第[一二]/);
  });
});

describe('not in the master', () => {
  it.each([
    ['北京市和平医院'], // 和平 ≠ 和平里
    ['枣阳市杨垱镇中心卫生院'],
    ['宜城市人民医院'],
    ['北京大学第一医院'],
    ['上海市第一人民医院'],
    ['江苏省人民医院'],
    ['华中科技大学同济医学院附属同济医院'],
    ['武汉大学人民医院'],
  ])('%s is not auto', (name) => {
    expect(matcher.match(q(name)).status).not.toBe('auto');
  });
});

describe('ambiguity and generic names', () => {
  it('two master entries with one normalised name go to review', () => {
    const m = createCustomerMatcher([
      { code: 'A', name: '邢台市人民医院', type: 'hospital' },
      { code: 'B', name: '邢台市人民医院（KH001）', type: 'hospital' },
    ]);
    const r = m.match(q('邢台市人民医院'));
    expect(r.status).toBe('review');
    expect(r.reason).toMatch(/ambiguous/);
    expect(r.candidates.map((c) => c.code).sort()).toEqual(['A', 'B']);
  });

  it.each([['人民医院'], ['第一人民医院'], ['中医院'], ['妇幼保健院'], ['中心医院']])('%s alone is never auto', (name) => {
    const r = matcher.match(q(name));
    expect(r.status).not.toBe('auto');
  });

  it('a generic name with a city goes to review with the city entry first', () => {
    const r = matcher.match(q('中医医院', { city: '邢台市' }));
    expect(r.status).toBe('review');
    expect(r.code).toBe('XT-ZY');
  });
});

describe('results', () => {
  it('carry up to three candidates, the chosen one first, and a runner-up', () => {
    const r = matcher.match(q('枣阳人民医院'));
    expect(r.status).toBe('review');
    expect(r.candidates.length).toBeGreaterThan(1);
    expect(r.candidates.length).toBeLessThanOrEqual(3);
    expect(r.candidates[0]!.code).toBe(r.code);
    expect(['ZY-1', 'ZY-2']).toContain(r.runnerUp?.code);
  });

  it('an empty or nonsense name is unmatched', () => {
    expect(matcher.match(q('   ')).status).toBe('unmatched');
    expect(matcher.match(q('ZZZZ')).status).toBe('unmatched');
  });

  it('matchAll answers in order and reuses answers for repeated aliases', () => {
    const out = matcher.matchAll([q('北京协和医院'), q('贝尔康医药'), q('北京协和医院')]);
    expect(out.map((r) => r.code)).toEqual(['BJ-XH', 'D-BEK', 'BJ-XH']);
  });

  it('thresholds can be tightened', () => {
    const strict = createCustomerMatcher(MASTER, { thresholds: { auto: 0.99 } });
    expect(strict.match(q('北京协和医院')).status).toBe('review');
    expect(() => createCustomerMatcher(MASTER, { thresholds: { auto: 0.5, review: 0.8 } })).toThrow(/review/);
  });
});
