import { describe, expect, it } from 'vitest';
import { createCustomerMatcher } from '../../../src/match/customer-matcher.js';
import { findMistypedTypeSuffix } from '../../../src/match/institution-types.js';
import type { CustomerMasterEntry } from '../../../src/match/types.js';

// Real names from shared/data/reference (fever-clinic hospital list, Beijing 医保 list), written
// as published: a trailing bracket holds other names of the entry.
const MASTER: CustomerMasterEntry[] = [
  { code: 'HR-CSY', name: '北京市怀柔区长哨营满族乡卫生院', type: 'clinic', province: '北京市', city: '北京市' },
  { code: 'HR-QDH', name: '北京市怀柔区长哨营满族乡卫生院（北京市怀柔区长哨营满族乡社区卫生服务中心）七道河社区卫生服务站', type: 'clinic', province: '北京市', city: '北京市' },
  { code: 'CZ-ZL', name: '长治市肿瘤医院（原城区人民医院）', type: 'hospital', province: '山西省', city: '长治市' },
  { code: 'HD-FY', name: '北京市海淀区妇幼保健院（北京市海淀区妇幼保健计划生育服务中心、北京市海淀区海淀社区卫生服务中心）', type: 'hospital', province: '北京市', city: '北京市' },
  { code: 'SY-JS', name: '北京市顺义区精神病医院(北京市顺义区精神卫生防治所)', type: 'hospital', province: '北京市', city: '北京市' },
  { code: 'ZK-FY', name: '周口市妇幼保健院', type: 'hospital', province: '河南省', city: '周口市' },
  { code: 'SP-ZXY', name: '四平市中西医结合医院', type: 'hospital', province: '吉林省', city: '四平市' },
  { code: 'SQ-ZY', name: '商丘市中医院', type: 'hospital', province: '河南省', city: '商丘市' },
  { code: 'SX-ZY', name: '睢县中医院', type: 'hospital', province: '河南省', city: '商丘市' },
  { code: 'MQ-ZY', name: '民权县中医院', type: 'hospital', province: '河南省', city: '商丘市' },
];
const matcher = createCustomerMatcher(MASTER);

describe('a bracket names other names of the entry only when it ends the name', () => {
  it.each([
    // alias, columns, expected code, status
    ['城区人民医院', { province: '山西省', city: '长治市' }, 'CZ-ZL', 'auto'],
    ['北京市顺义区精神卫生防治所', {}, 'SY-JS', 'auto'],
    ['北京市海淀区海淀社区卫生服务中心', {}, 'HD-FY', 'auto'],
    ['北京市海淀区妇幼保健计划生育服务中心', {}, 'HD-FY', 'auto'],
  ])('%s → %s %s (the trailing bracket holds it)', (name, columns, code, status) => {
    const r = matcher.match({ name, ...columns });
    expect(r.status).toBe(status);
    expect(r.code).toBe(code);
  });

  it('a station under a centre named in a middle bracket does not take the centre\'s name', () => {
    const r = matcher.match({ name: '北京市怀柔区长哨营满族乡社区卫生服务中心' });
    expect(r.code).not.toBe('HR-QDH');
    expect(r.reason).not.toContain('same name as a bracketed former/other name');
  });
});

describe('one mistyped character inside the institution type: the right entry is a candidate, never auto', () => {
  it.each([
    ['周口市妇幼堡健院', 'ZK-FY'],
    ['四平市中西医结和医院 住院药房', 'SP-ZXY'],
  ])('%s → review %s', (name, code) => {
    const r = matcher.match({ name });
    expect(r.status).toBe('review');
    expect(r.code).toBe(code);
    expect(r.reason).toContain('read through a typo');
  });
  it('the same name spelt right is still auto', () => {
    expect(matcher.match({ name: '周口市妇幼保健院' })).toMatchObject({ status: 'auto', code: 'ZK-FY' });
  });
});

describe('findMistypedTypeSuffix', () => {
  it.each([
    ['周口市妇幼堡健院', '妇幼保健院'],
    ['四平市中西医结和医院', '中西医结合医院'],
    ['某区社区卫生服各中心', '社区卫生服务中心'],
    ['某县妇幼保健所', null], // the last character differs: another type, not a typo
    ['某县妇幼保健院', null], // spelt right: nothing mistyped
    ['某市牙科医院', null], // four-character types (眼科医院, 骨科医院) are one character apart from each other
    ['某县壮医医院', null],
    ['某市人民医院', null],
  ])('%s → %s', (text, expected) => {
    expect(findMistypedTypeSuffix(text)?.name ?? null).toBe(expected);
  });
});

describe('a generic name with a city is first that city\'s own institution', () => {
  it('中医院 from 商丘 ranks 商丘市中医院 before the counties\', and a person decides', () => {
    const r = matcher.match({ name: '中医院', province: '河南', city: '商丘' });
    expect(r.status).toBe('review');
    expect(r.candidates[0]?.code).toBe('SQ-ZY');
    expect(r.candidates.map((c) => c.code)).toEqual(expect.arrayContaining(['SX-ZY', 'MQ-ZY']));
  });
});
