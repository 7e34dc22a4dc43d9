import { describe, expect, it } from 'vitest';
import { normaliseBrand } from '../../../../src/match/product/brands.js';
import { createProductMatcher, DEFAULT_PRODUCT_THRESHOLDS } from '../../../../src/match/product/product-matcher.js';
import { compareSpecs } from '../../../../src/match/product/spec-parse.js';
import type { MatchResult, ProductMasterEntry, ProductQuery } from '../../../../src/match/types.js';

/**
 * Generic, brand and maker from /work/shared/data/reference/drugs_originator_brand_generic_manufacturer.csv;
 * the second makers of 阿托伐他汀钙片 and 阿卡波糖片 from nmpa_drug_manufacturers_2019.csv. Specs are
 * trade-style, not registered strengths.
 */
const MASTER: ProductMasterEntry[] = [
  { sku: 'BTP50', name: '阿卡波糖片', brand: '拜唐苹', spec: '50mg*30片', unit: '盒', manufacturer: '拜耳医药保健有限公司' },
  { sku: 'BTP100', name: '阿卡波糖片', brand: '拜唐苹', spec: '100mg*30片', unit: '盒', manufacturer: '拜耳医药保健有限公司' },
  { sku: 'BXT30', name: '硝苯地平控释片', brand: '拜新同', spec: '30mg*7片', unit: '盒', manufacturer: 'BAYER AG' },
  { sku: 'GHZ500', name: '盐酸二甲双胍片', brand: '格华止', spec: '0.5g*20片', unit: '盒', manufacturer: '默克制药（江苏）有限公司' },
  { sku: 'LPT20', name: '阿托伐他汀钙片', brand: '立普妥', spec: '20mg*7片', unit: '盒', manufacturer: '晖致制药（大连）有限公司' },
  { sku: 'JL20', name: '阿托伐他汀钙片', spec: '20mg*7片', unit: '盒', manufacturer: '北京嘉林药业股份有限公司' },
  { sku: 'BASP100', name: '阿司匹林肠溶片', brand: '拜阿司匹灵', spec: '100mg*30片', unit: '盒', manufacturer: 'BAYER AG' },
  { sku: 'XSM01', name: '阿奇霉素干混悬剂', brand: '希舒美', spec: '0.1g*6袋', unit: '盒', manufacturer: '辉瑞制药科技有限公司' },
  { sku: 'BDB10', name: '莫匹罗星软膏', brand: '百多邦', spec: '10g:0.15g', unit: '支', manufacturer: '中美天津史克制药有限公司' },
];

const matcher = createProductMatcher(MASTER);

interface Case {
  what: string;
  q: ProductQuery;
  status: MatchResult['status'];
  code: string | null;
  /** Text the reason must contain (the rule or veto that decided). */
  reason?: string;
  /** SKUs that must be among the candidates. */
  candidates?: string[];
}

const CASES: Case[] = [
  { what: 'exact name, spec and maker', q: { name: '阿卡波糖片', spec: '50mg*30片', manufacturer: '拜耳医药保健有限公司' }, status: 'auto', code: 'BTP50', reason: 'auto' },
  { what: 'brand alone', q: { name: '拜新同', spec: '30mg*7片' }, status: 'auto', code: 'BXT30', reason: 'brand' },
  { what: 'brand + generic + glued spec + short maker', q: { name: '拜唐苹 阿卡波糖片 50mg*30片 拜耳' }, status: 'auto', code: 'BTP50', reason: 'generic + brand' },
  { what: 'generic(brand)', q: { name: '阿卡波糖片(拜唐苹)', spec: '100mg*30片', manufacturer: '拜耳' }, status: 'auto', code: 'BTP100' },
  { what: 'spec in grams, ×, s', q: { name: '阿卡波糖片', spec: '0.05g×30s', manufacturer: '拜耳' }, status: 'auto', code: 'BTP50', reason: 'spec same' },
  { what: 'spec split into boards', q: { name: '阿卡波糖片', spec: '50MG*15片*2板', manufacturer: '拜耳医药保健有限公司' }, status: 'auto', code: 'BTP50' },
  { what: 'full-width spec', q: { name: '阿卡波糖片', spec: '５０ｍｇ＊３０片', manufacturer: '拜耳' }, status: 'auto', code: 'BTP50' },
  { what: 'spec glued to the name', q: { name: '硝苯地平控释片30mg×7片', manufacturer: '拜耳' }, status: 'auto', code: 'BXT30' },
  { what: 'ointment written active/fill', q: { name: '莫匹罗星软膏', spec: '0.15g/10g/支', manufacturer: '中美天津史克' }, status: 'auto', code: 'BDB10' },
  { what: 'salt dropped', q: { name: '二甲双胍片', spec: '0.5g*20片', manufacturer: '默克' }, status: 'auto', code: 'GHZ500', reason: 'without salt' },
  { what: 'strength veto', q: { name: '阿卡波糖片', spec: '200mg*30片', manufacturer: '拜耳' }, status: 'unmatched', code: null, reason: 'spec 200mg×30 ≠' },
  { what: 'pack veto', q: { name: '阿卡波糖片', spec: '50mg*60片', manufacturer: '拜耳' }, status: 'unmatched', code: null, reason: 'spec 50mg×60 ≠' },
  { what: 'maker veto', q: { name: '阿卡波糖片', spec: '50mg*30片', manufacturer: '杭州中美华东制药有限公司' }, status: 'unmatched', code: null, reason: 'maker 杭州中美华东制药有限公司 ≠' },
  { what: 'missing maker, two makers sell the generic', q: { name: '阿托伐他汀钙片', spec: '20mg*7片' }, status: 'review', code: 'LPT20', reason: 'maker not stated: 2 makers', candidates: ['LPT20', 'JL20'] },
  { what: 'maker given picks one of two makers', q: { name: '阿托伐他汀钙片', spec: '20mg×7s', manufacturer: '北京嘉林药业' }, status: 'auto', code: 'JL20' },
  { what: 'missing spec, two SKUs', q: { name: '阿卡波糖片', manufacturer: '拜耳' }, status: 'review', code: 'BTP50', reason: 'spec not stated: 2 SKUs', candidates: ['BTP50', 'BTP100'] },
  { what: 'missing spec, one SKU', q: { name: '硝苯地平控释片', manufacturer: 'BAYER AG' }, status: 'auto', code: 'BXT30', reason: 'spec not stated' },
  { what: 'dosage form veto (片 vs 控释片)', q: { name: '硝苯地平片', spec: '30mg*7片', manufacturer: '拜耳' }, status: 'unmatched', code: null, reason: 'dosage form 片 ≠ 控释片' },
  { what: 'dosage form veto (泡腾片 vs 肠溶片)', q: { name: '阿司匹林泡腾片', spec: '100mg*30片', manufacturer: 'BAYER AG' }, status: 'unmatched', code: null, reason: 'dosage form 泡腾片 ≠ 肠溶片' },
  { what: 'not in the master', q: { name: '磷酸奥司他韦胶囊', spec: '75mg*10粒', manufacturer: '罗氏' }, status: 'unmatched', code: null },
  { what: 'brand of another product', q: { name: '阿卡波糖片(拜新同)', spec: '50mg*30片', manufacturer: '拜耳' }, status: 'unmatched', code: null, reason: 'another product' },
];

// Fixes made in the building blocks while measuring the matcher (bench/eval dev misses).
describe('building-block fixes', () => {
  it.each([
    ['150mg/10g', '10g:0.15g', 'same'],
    ['0.2g/5g/支', '5g:200mg', 'same'],
    ['0.2g/5g', '5g:100mg', 'different'],
  ] as const)('compareSpecs(%s, %s) = %s (mass per larger fill mass is a ratio)', (a, b, want) => {
    expect(compareSpecs(a, b)).toBe(want);
  });

  it.each([
    ['珮夫人克露', '珮夫人克'], // only the form word 露 is cut, not 人克露
    ['华素片', '华素'],
    ['华素含片', '华素'],
  ])('normaliseBrand(%s) = %s', (raw, want) => {
    expect(normaliseBrand(raw)).toBe(want);
  });
});

describe('createProductMatcher', () => {
  it.each(CASES)('$what', ({ q, status, code, reason, candidates }) => {
    const r = matcher.match(q);
    expect(r.status, r.reason).toBe(status);
    if (status !== 'unmatched') expect(r.code).toBe(code);
    else expect(r.code).toBeNull();
    if (reason) expect(r.reason).toContain(reason);
    for (const c of candidates ?? []) expect(r.candidates.map((x) => x.code)).toContain(c);
  });

  it.each(CASES)('explains itself: $what', ({ q }) => {
    const r = matcher.match(q);
    expect(r.reason.length).toBeGreaterThan(10);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.candidates.length).toBeLessThanOrEqual(3);
    expect(['exact', 'normalised', 'fuzzy', 'none']).toContain(r.method);
    if (r.status === 'auto') expect(r.reason).toMatch(/name [\d.]+ .*; spec .*; maker /u);
  });

  it('names the rule and method: exact lookup, then normalised, then fuzzy', () => {
    expect(matcher.match({ name: '阿卡波糖片', spec: '50mg*30片', manufacturer: '拜耳医药保健有限公司' }).method).toBe('exact');
    expect(matcher.match({ name: '拜新同', spec: '30mg*7片' }).method).toBe('normalised');
    expect(matcher.match({ name: '硝苯地平片', spec: '30mg*7片', manufacturer: '拜耳' }).candidates[0]?.code).toBe('BXT30');
  });

  it('shows generic + brand + spec as the candidate name, best first, with a runner-up', () => {
    const r = matcher.match({ name: '阿卡波糖片', manufacturer: '拜耳' });
    expect(r.candidates[0]?.name).toBe('阿卡波糖片 拜唐苹 50mg*30片');
    expect(r.runnerUp?.code).toBe('BTP100');
    expect(r.candidates[0]!.score).toBeGreaterThanOrEqual(r.candidates[1]!.score);
  });

  it('matchAll equals match one by one', () => {
    const qs = CASES.map((c) => c.q);
    expect(matcher.matchAll(qs)).toEqual(qs.map((q) => matcher.match(q)));
  });

  it('exports default thresholds and accepts overrides, rejecting nonsense', () => {
    expect(matcher.thresholds).toEqual(DEFAULT_PRODUCT_THRESHOLDS);
    const strict = createProductMatcher(MASTER, { thresholds: { auto: 1 } });
    expect(strict.thresholds.auto).toBe(1);
    expect(strict.match({ name: '拜新同', spec: '30mg*7片' }).status).toBe('review');
    expect(() => createProductMatcher(MASTER, { thresholds: { auto: 2 } })).toThrow(RangeError);
  });

  it('survives empty and hostile input', () => {
    expect(matcher.match({ name: '' }).status).toBe('unmatched');
    expect(matcher.match({ name: '片'.repeat(5000), spec: '*'.repeat(5000) }).status).not.toBe('auto');
    expect(createProductMatcher([]).match({ name: '阿卡波糖片' }).status).toBe('unmatched');
  });
});
