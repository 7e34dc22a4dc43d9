import { describe, expect, it } from 'vitest';
import type { ProductMasterEntry } from '../../../../src/match/types.js';
import {
  brandCandidates,
  brandMatch,
  buildBrandIndex,
  findBrandsInText,
  normaliseBrand,
} from '../../../../src/match/product/brands.js';

const MASTER: ProductMasterEntry[] = [
  { sku: 'HS15', name: '西地碘含片', brand: '华素片', spec: '1.5mg*15片', manufacturer: '北京华素制药股份有限公司' },
  { sku: 'BTP50', name: '阿卡波糖片', brand: '拜唐苹', spec: '50mg*30片', manufacturer: '拜耳医药保健有限公司' },
  { sku: 'BTP100', name: '阿卡波糖片', brand: '拜唐苹', spec: '100mg*30片', manufacturer: '拜耳医药保健有限公司' },
  { sku: 'BXT30', name: '硝苯地平控释片', brand: '拜新同', spec: '30mg*7片', manufacturer: 'BAYER AG' },
  { sku: 'XSM', name: '阿奇霉素干混悬剂', brand: '希舒美', spec: '0.1g*6袋', manufacturer: '辉瑞制药科技有限公司' },
  { sku: 'GEN', name: '阿莫西林胶囊', spec: '0.25g*24粒' },
  { sku: 'ONE', name: '某药片', brand: '华' },
];

describe('normaliseBrand', () => {
  it.each([
    ['华素片', '华素'],
    ['【华素】', '华素'],
    ['拜唐苹', '拜唐苹'],
    ['拜唐苹®', '拜唐苹'],
    ['金奥力牌', '金奥力'],
    ['ＸＸ', 'XX'],
    ['感康片', '感康'],
    ['芬必得', '芬必得'],
    ['一力', '一力'],
    ['', ''],
  ])('%s → %s', (raw, want) => {
    expect(normaliseBrand(raw)).toBe(want);
  });
});

describe('brand index', () => {
  const index = buildBrandIndex(MASTER);
  it('indexes brands of two or more characters, longest first', () => {
    expect([...index.byBrand.keys()].sort()).toEqual(['华素', '希舒美', '拜唐苹', '拜新同'].sort());
    expect(index.byBrand.get('拜唐苹')?.map((e) => e.sku)).toEqual(['BTP50', 'BTP100']);
  });
  it.each([
    ['华素片1.5MG×15S', ['华素']],
    ['西地碘含片(华素片)', ['华素']],
    ['【华素】西地碘含片', ['华素']],
    ['拜唐苹 阿卡波糖片 50mg*30片 拜耳', ['拜唐苹']],
    ['拜新同 30mg', ['拜新同']],
    ['阿莫西林胶囊', []],
    ['', []],
  ])('findBrandsInText(%s)', (text, want) => {
    expect(findBrandsInText(index, text)).toEqual(want);
  });
  it('brandCandidates resolves a brand-only alias to its generic entries', () => {
    const hits = brandCandidates(index, '华素片1.5MG×15S');
    expect(hits.map((h) => h.entries.map((e) => e.name))).toEqual([['西地碘含片']]);
  });
  it.each([
    ['华素片1.5MG×15S', 'HS15', 'same'],
    ['西地碘含片(华素片)', 'HS15', 'same'],
    ['拜唐苹 50mg', 'BTP50', 'same'],
    ['拜唐苹 50mg', 'BTP100', 'same'],
    ['拜新同 30mg*7片', 'BTP50', 'different'],
    ['希舒美', 'HS15', 'different'],
    ['阿卡波糖片 50mg', 'BTP50', 'unknown'],
    ['阿莫西林胶囊 0.25g', 'GEN', 'unknown'],
    ['拜唐苹 阿莫西林', 'GEN', 'different'],
  ] as const)('brandMatch(%s, %s) → %s', (alias, sku, want) => {
    const entry = MASTER.find((e) => e.sku === sku);
    if (!entry) throw new Error(sku);
    expect(brandMatch(index, alias, entry)).toBe(want);
  });
  it('builds nothing global: two masters, two indexes', () => {
    const other = buildBrandIndex([{ sku: 'X', name: '奥卡西平片', brand: '曲莱' }]);
    expect(findBrandsInText(other, '华素片')).toEqual([]);
    expect(findBrandsInText(index, '曲莱')).toEqual([]);
  });
});
