import { describe, expect, it } from 'vitest';
import {
  isKnownManufacturerName,
  looksLikeManufacturer,
  manufacturerGroups,
  manufacturerMatch,
  normaliseManufacturer,
} from '../../../../src/match/product/manufacturer.js';
import { MANUFACTURER_SHORT_NAMES } from '../../../../src/match/product/manufacturer-short-names.js';

const CORES: [string, string, string | undefined][] = [
  ['拜耳医药保健有限公司', '拜耳', undefined],
  ['拜耳医药保健有限公司启东分公司', '拜耳', undefined],
  ['华润三九医药股份有限公司', '华润三九', undefined],
  ['华润三九(黄石)药业有限公司', '华润三九', '黄石'],
  ['江苏恒瑞医药股份有限公司', '恒瑞', '江苏'],
  ['博福-益普生(天津)制药有限公司', '博福-益普生', '天津'],
  ['吉林省吴太感康药业有限公司', '吴太感康', '吉林'],
  ['广东省阳春市信德生物科技发展有限公司', '信德', '广东'],
  ['西安杨森制药有限公司', '杨森', '西安'],
  ['澳美製藥廠有限公司', '澳美', undefined],
  ['远大医药(中国)有限公司', '远大', '中国'],
  ['远大医药（中国）有限公司', '远大', '中国'],
  ['中国大冢制药有限公司', '大冢', '中国'],
  ['浙江医药股份有限公司新昌制药厂', '浙江医药', undefined],
  ['漳州片仔癀药业股份有限公司', '片仔癀', '漳州'],
  ['北京同仁堂科技发展股份有限公司', '同仁堂', '北京'],
  ['哈药集团制药总厂', '哈药', undefined],
  ['山东达因海洋生物制药股份有限公司', '达因海洋', '山东'],
  ['常熟市星海制药有限公司', '星海', '常熟'],
  ['Bayer S.A.', 'bayer', undefined],
  ['BAYER AG', 'bayer', undefined],
  ['Bayer Vital GmbH', 'bayer vital', undefined],
  ['Eli Lilly Nederland BV', 'eli lilly', undefined],
  ['Pfizer Italia S.R.L.', 'pfizer', undefined],
  ['', '', undefined],
];

describe('normaliseManufacturer', () => {
  it.each(CORES)('%s → core %s, region %s', (raw, core, region) => {
    const n = normaliseManufacturer(raw);
    expect(n.core).toBe(core);
    expect(n.region).toBe(region);
  });
  it('keeps the branch', () => {
    expect(normaliseManufacturer('拜耳医药保健有限公司启东分公司').branch).toBe('启东分公司');
  });
});

const MATCH: [string | undefined, string | undefined, 'same' | 'different' | 'unknown'][] = [
  ['拜耳', '拜耳医药保健有限公司', 'same'],
  ['拜耳', '拜耳医药保健有限公司启东分公司', 'same'],
  ['拜耳医药保健有限公司', '拜耳医药保健品有限公司', 'same'],
  ['拜耳', '辉瑞制药有限公司', 'different'],
  ['', '辉瑞制药有限公司', 'unknown'],
  [undefined, '拜耳', 'unknown'],
  ['   ', '拜耳', 'unknown'],
  ['Bayer S.A.', '拜耳', 'same'],
  ['BAYER AG', '拜耳医药保健有限公司', 'same'],
  ['Bayer Consumer Care AG', '拜耳', 'same'],
  ['Bayer AG', 'Bayer Vital GmbH', 'same'],
  ['Pfizer Inc', 'Bayer AG', 'different'],
  ['PFIZER INC.', '辉瑞', 'same'],
  ['Pfizer Inc', '拜耳', 'different'],
  ['Some Unknown GmbH', '华润三九医药股份有限公司', 'unknown'],
  ['强生', '西安杨森制药有限公司', 'same'],
  ['强生', 'Janssen-Cilag International NV', 'same'],
  ['西安杨森', '上海强生制药有限公司', 'same'],
  ['中美史克', '中美天津史克制药有限公司', 'same'],
  ['益普生', '博福-益普生(天津)制药有限公司', 'same'],
  ['诺华', '北京诺华制药有限公司', 'same'],
  ['Novartis Pharma GmbH', '北京诺华制药有限公司', 'same'],
  ['罗氏', '礼来', 'different'],
  ['三九', '华润三九医药股份有限公司', 'same'],
  ['华润三九医药股份有限公司', '华润三九(黄石)药业有限公司', 'same'],
  ['华润三九医药股份有限公司', '广州白云山医药集团股份有限公司', 'different'],
  ['江苏恒瑞医药股份有限公司', '恒瑞医药', 'same'],
  ['江苏恒瑞医药股份有限公司', '江苏豪森药业集团有限公司', 'different'],
  ['澳美制药', '澳美製藥廠有限公司', 'same'],
  ['阿斯利康', 'ASTRAZENECA AB', 'same'],
  ['阿斯利康', '诺和诺德(中国)制药有限公司', 'different'],
  ['漳州片仔癀药业股份有限公司', '片仔癀', 'same'],
  ['中美天津史克制药有限公司', '西安杨森制药有限公司', 'different'],
  ['武田制药', 'Takeda Pharma A/S', 'same'],
  ['第一三共', '第一三共制药(上海)有限公司', 'same'],
];

describe('manufacturerMatch', () => {
  it.each(MATCH)('%s ↔ %s → %s', (a, b, want) => {
    expect(manufacturerMatch(a, b)).toBe(want);
    expect(manufacturerMatch(b, a)).toBe(want);
  });
});

describe('short-name table', () => {
  it('is generated from the reference CSV and non-trivial', () => {
    expect(MANUFACTURER_SHORT_NAMES.length).toBeGreaterThan(50);
    const bayer = MANUFACTURER_SHORT_NAMES.find(([s]) => s === '拜耳');
    expect(bayer?.[1]).toContain('拜耳医药保健有限公司');
  });
  it('every full name matches its short name', () => {
    for (const [short, fulls] of MANUFACTURER_SHORT_NAMES) {
      for (const f of fulls) expect(manufacturerMatch(short, f), `${short} ↔ ${f}`).toBe('same');
    }
  });
  it.each([
    ['拜耳', ['拜耳']],
    ['Bayer S.A.', ['拜耳']],
    ['西安杨森制药有限公司', ['强生']],
    ['华润三九医药股份有限公司', []],
  ] as const)('groups of %s', (raw, groups) => {
    expect(manufacturerGroups(raw)).toEqual(groups);
  });
  it('recognises manufacturer-looking words', () => {
    expect(isKnownManufacturerName('拜耳')).toBe(true);
    expect(isKnownManufacturerName('华素')).toBe(false);
    expect(looksLikeManufacturer('北京华素制药股份有限公司')).toBe(true);
    expect(looksLikeManufacturer('西地碘含片')).toBe(false);
  });
});
