import { describe, expect, it } from 'vitest';
import { findSpecSpan, splitProductName } from '../../../../src/match/product/product-name.js';

type Want = { generic?: string; brand?: string; spec?: string; manufacturer?: string; dosageForm?: string; core: string };

const CASES: [string, Want][] = [
  ['西地碘含片 1.5mg*15片 华素', { generic: '西地碘含片', brand: '华素', spec: '1.5mg*15片', dosageForm: '含片', core: '西地碘含片' }],
  ['西地碘含片(华素片)', { generic: '西地碘含片', brand: '华素', dosageForm: '含片', core: '西地碘含片' }],
  ['华素片1.5MG×15S', { generic: '华素片', spec: '1.5MG×15S', dosageForm: '片', core: '华素片' }],
  ['拜唐苹 阿卡波糖片 50mg*30片 拜耳', { generic: '阿卡波糖片', brand: '拜唐苹', spec: '50mg*30片', manufacturer: '拜耳', dosageForm: '片', core: '阿卡波糖片' }],
  ['【华素】西地碘含片', { generic: '西地碘含片', brand: '华素', dosageForm: '含片', core: '西地碘含片' }],
  ['[华素]西地碘含片', { generic: '西地碘含片', brand: '华素', dosageForm: '含片', core: '西地碘含片' }],
  ['阿卡波糖片(拜唐苹)', { generic: '阿卡波糖片', brand: '拜唐苹', dosageForm: '片', core: '阿卡波糖片' }],
  ['阿卡波糖片（拜唐苹）', { generic: '阿卡波糖片', brand: '拜唐苹', dosageForm: '片', core: '阿卡波糖片' }],
  ['西地碘含片1.5mg*15片(华素)', { generic: '西地碘含片', brand: '华素', spec: '1.5mg*15片', dosageForm: '含片', core: '西地碘含片' }],
  ['奥卡西平片(30S)', { generic: '奥卡西平片', spec: '30S', dosageForm: '片', core: '奥卡西平片' }],
  ['奥卡西平片', { generic: '奥卡西平片', dosageForm: '片', core: '奥卡西平片' }],
  ['复方氨酚烷胺片(感康片)', { generic: '复方氨酚烷胺片', brand: '感康', dosageForm: '片', core: '复方氨酚烷胺片' }],
  ['布洛芬缓释胶囊(芬必得)', { generic: '布洛芬缓释胶囊', brand: '芬必得', dosageForm: '缓释胶囊', core: '布洛芬缓释胶囊' }],
  ['多潘立酮片(吗丁啉)', { generic: '多潘立酮片', brand: '吗丁啉', dosageForm: '片', core: '多潘立酮片' }],
  ['咳特灵胶囊(一力)', { generic: '咳特灵胶囊', brand: '一力', dosageForm: '胶囊', core: '咳特灵胶囊' }],
  ['抗病毒颗粒(含糖型)', { generic: '抗病毒颗粒', dosageForm: '颗粒', core: '抗病毒颗粒' }],
  ['复方丹参片(薄膜衣片)', { generic: '复方丹参片', dosageForm: '片', core: '复方丹参片' }],
  ['维生素AD滴剂(0-1岁)胶囊型', { generic: '维生素AD滴剂', dosageForm: '滴剂', core: '维生素AD滴剂' }],
  ['人丹(丸剂)', { generic: '人丹', dosageForm: '丸', core: '人丹' }],
  ['片仔癀(锭剂)', { generic: '片仔癀', dosageForm: '锭', core: '片仔癀' }],
  ['999感冒灵颗粒 10g*9袋', { generic: '999感冒灵颗粒', spec: '10g*9袋', dosageForm: '颗粒', core: '999感冒灵颗粒' }],
  ['维生素B1片 10mg*100片', { generic: '维生素B1片', spec: '10mg*100片', dosageForm: '片', core: '维生素B1片' }],
  ['注射用尿激酶 10万iu×5瓶/盒', { generic: '注射用尿激酶', spec: '10万iu×5瓶/盒', dosageForm: '注射用', core: '注射用尿激酶' }],
  ['阿莫西林胶囊 0.25g*24粒 石药集团中诺药业(石家庄)有限公司', { generic: '阿莫西林胶囊', spec: '0.25g*24粒', manufacturer: '石药集团中诺药业(石家庄)有限公司', dosageForm: '胶囊', core: '阿莫西林胶囊' }],
  ['阿卡波糖片 50mg*30片 Bayer AG', { generic: '阿卡波糖片', spec: '50mg*30片', manufacturer: 'Bayer AG', dosageForm: '片', core: '阿卡波糖片' }],
  ['硝苯地平控释片 30mg*7片 拜新同 拜耳医药保健有限公司', { generic: '硝苯地平控释片', brand: '拜新同', spec: '30mg*7片', manufacturer: '拜耳医药保健有限公司', dosageForm: '控释片', core: '硝苯地平控释片' }],
  ['头孢拉定胶囊 0.25*12粒*2板/盒', { generic: '头孢拉定胶囊', spec: '0.25*12粒*2板/盒', dosageForm: '胶囊', core: '头孢拉定胶囊' }],
  ['ＸＸ含片１．５ｍｇ＊１５片', { generic: 'XX含片', spec: '1.5mg*15片', dosageForm: '含片', core: 'XX含片' }],
  ['氯化钠注射液 0.9%*250ml', { generic: '氯化钠注射液', spec: '0.9%*250ml', dosageForm: '注射液', core: '氯化钠注射液' }],
  ['盐酸氨溴索口服溶液 100ml:0.6g', { generic: '盐酸氨溴索口服溶液', spec: '100ml:0.6g', dosageForm: '口服液', core: '盐酸氨溴索口服溶液' }],
  ['感冒灵颗粒☆', { generic: '感冒灵颗粒☆', dosageForm: '颗粒', core: '感冒灵颗粒☆' }],
  ['', { core: '' }],
];

describe('splitProductName', () => {
  it.each(CASES)('%s', (raw, want) => {
    const got = splitProductName(raw);
    const { qualifiers: _q, ...rest } = got;
    expect(rest).toEqual(want);
  });

  it('known brands from the master split brand+form names', () => {
    expect(splitProductName('华素片1.5MG×15S', { brands: ['华素'] })).toMatchObject({ brand: '华素', spec: '1.5MG×15S' });
    expect(splitProductName('华素片1.5MG×15S', { brands: ['华素'] }).generic).toBeUndefined();
    expect(splitProductName('拜唐苹阿卡波糖片', { brands: ['拜唐苹'] })).toMatchObject({ brand: '拜唐苹', generic: '阿卡波糖片' });
    expect(splitProductName('西地碘含片华素 1.5mg', { brands: ['华素'] }).brand).toBe('华素');
  });

  it('known manufacturers from the master', () => {
    expect(splitProductName('西地碘含片 1.5mg*15片 北京华素', { manufacturers: ['北京华素'] }).manufacturer).toBe('北京华素');
  });

  it('keeps qualifiers aside', () => {
    expect(splitProductName('抗病毒颗粒(含糖型)').qualifiers).toEqual(['含糖型']);
  });

  it('is linear on hostile input', () => {
    const t0 = performance.now();
    splitProductName('(('.repeat(20_000) + '1mg');
    splitProductName('a b '.repeat(20_000));
    splitProductName('1*'.repeat(20_000));
    splitProductName('a'.repeat(100_000) + '片');
    splitProductName('a'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('findSpecSpan', () => {
  it.each([
    ['华素片1.5MG×15S', '1.5MG×15S'],
    ['西地碘含片 1.5mg*15片 华素', '1.5mg*15片'],
    ['维生素B6片 10mg*100片', '10mg*100片'],
    ['藿香正气胶囊 0.5*20粒', '0.5*20粒'],
    ['复方氨酚烷胺片 12片/盒', '12片/盒'],
  ])('%s → %s', (text, spec) => {
    const span = findSpecSpan(text);
    expect(span && text.slice(span.start, span.end)).toBe(spec);
  });
  it.each(['维生素B1片', '999感冒灵颗粒', 'H20030123', '维生素AD滴剂(0-1岁)'])('%s has none', (text) => {
    expect(findSpecSpan(text)).toBeUndefined();
  });
});
