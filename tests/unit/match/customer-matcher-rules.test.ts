import { describe, expect, it } from 'vitest';
import { createCustomerMatcher } from '../../../src/match/customer-matcher.js';
import type { CustomerMasterEntry } from '../../../src/match/types.js';

// Real names from shared/data/reference (fever-clinic hospital list, Guangzhou pharmacies).
const MASTER: CustomerMasterEntry[] = [
  { code: 'SH-ZY', name: '绥化市中医医院', type: 'hospital', province: '黑龙江省', city: '绥化市' },
  { code: 'HG-RM', name: '鹤岗市人民医院', type: 'hospital', province: '黑龙江省', city: '鹤岗市' },
  { code: 'JMS-ZY', name: '佳木斯市中医医院', type: 'hospital', province: '黑龙江省', city: '佳木斯市' },
  { code: 'JX-ZF', name: '江夏区纸坊街社区卫生服务中心', type: 'clinic', province: '湖北省', city: '武汉市' },
  { code: 'YC-3', name: '盐城市第三人民医院(南院区、北院区)', type: 'hospital', province: '江苏省', city: '盐城市' },
  { code: 'WH-8', name: '武汉市第八医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'RX', name: '河北省任县医院', type: 'hospital', province: '河北省', city: '邢台市' },
  { code: 'LYG-DF', name: '连云港市东方医院', type: 'hospital', province: '江苏省', city: '连云港市' },
  { code: 'SZ-ZY', name: '随州市中医医院', type: 'hospital', province: '湖北省', city: '随州市' },
  { code: 'YN-FY', name: '伊宁县妇幼保健院', type: 'hospital', province: '新疆维吾尔自治区', city: '伊犁哈萨克自治州' },
  { code: 'GZ-RC2', name: '仁材第二分店', type: 'pharmacy', province: '广东省', city: '广州市' },
  { code: 'GZ-RC6', name: '仁材第六分店', type: 'pharmacy', province: '广东省', city: '广州市' },
  { code: 'GZ-JM', name: '健民粤垦路分店', type: 'pharmacy', province: '广东省', city: '广州市' },
  { code: 'BJ-QZ', name: '北京市怀柔区桥梓镇社区卫生服务中心', type: 'clinic', province: '北京市', city: '北京市' },
];
const matcher = createCustomerMatcher(MASTER);

describe('a county the master entry lacks names a county-level institution: never auto', () => {
  it.each([
    ['绥化市阿城区中医医院', 'county 阿城 not in master'],
    ['鹤岗市萨尔图区人民医院', 'county 萨尔图 not in master'],
    ['佳木斯市通河县中医医院设备科', 'county 通河 not in master'],
  ])('%s', (name, reason) => {
    const r = matcher.match({ name });
    expect(r.status).not.toBe('auto');
    expect(r.reason).toContain(reason);
  });
  it('the other direction (alias drops the county) is an abbreviation and may auto', () => {
    const r = matcher.match({ name: '纸坊街社区卫生服务中心' });
    expect(r.status).toBe('auto');
    expect(r.code).toBe('JX-ZF');
  });
});

describe('campus brackets', () => {
  it.each([
    ['盐城市第三人民医院（主院区、北院区）', 'review', 'campus 主院区、北院区≠北院区、南院区'],
    ['盐城市第三人民医院（北院区）', 'auto', "campus within master's list"],
    ['盐城市第三人民医院', 'auto', 'campus list dropped'],
    ['武汉市第八医院（光谷院区）-药学部', 'review', 'campus 光谷院区 not in master: a person decides'],
    ['武汉市第八医院（东院）', 'auto', 'branch not in master'],
  ])('%s → %s', (name, status, reason) => {
    const r = matcher.match({ name });
    expect(r.status).toBe(status);
    expect(r.reason).toContain(reason);
  });
});

describe('人民医院 and a bare 医院 of one name may be two hospitals: review, not auto', () => {
  it.each([
    ['任县人民医院(住院药房)', { province: '河北省', city: '邢台市' }],
    ['东方人民医院', {}],
  ])('%s', (name, columns) => {
    const r = matcher.match({ name, ...columns });
    expect(r.status).not.toBe('auto');
  });
  it('the reason names the two types', () => {
    expect(matcher.match({ name: '东方人民医院' }).reason).toContain('type 人民医院~医院');
  });
});

describe('candidate recall for one-character typos and abbreviations', () => {
  it.each([
    ['随洲市中医医院', 'SZ-ZY', 'review', 'place word one character off'],
    ['人材第六分店', 'GZ-RC6', null, ''],
  ])('%s reaches the candidates (never auto)', (name, code, status, reason) => {
    const r = matcher.match({ name });
    expect(r.status).not.toBe('auto');
    expect(r.candidates.map((c) => c.code)).toContain(code);
    if (status) expect(r.status).toBe(status);
    if (reason) expect(r.reason).toContain(reason);
  });
  it.each([
    ['伊宁县妇幼', 'YN-FY'],
    ['健民粤垦路店', 'GZ-JM'],
    ['仁材第二店', 'GZ-RC2'],
  ])('%s → auto %s', (name, code) => {
    const r = matcher.match({ name });
    expect(r.status).toBe('auto');
    expect(r.code).toBe(code);
  });
  it('a town 卫生院 is shown for its renamed 社区卫生服务中心, never auto', () => {
    const r = matcher.match({ name: '北京市怀柔区桥梓镇卫生院' });
    expect(r.status).toBe('review');
    expect(r.code).toBe('BJ-QZ');
    expect(r.reason).toContain('town clinic renamed');
  });
});
