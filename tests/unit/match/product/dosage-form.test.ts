import { describe, expect, it } from 'vitest';
import { compareDosageForm, detectDosageForm, sameDosageForm } from '../../../../src/match/product/dosage-form.js';

const FORMS: [string, string | undefined][] = [
  ['阿卡波糖片', '片'], ['西地碘含片', '含片'], ['硝苯地平缓释片', '缓释片'], ['硝苯地平控释片', '控释片'],
  ['阿司匹林肠溶片', '肠溶片'], ['头孢克肟分散片', '分散片'], ['三合钙咀嚼片', '咀嚼片'], ['维生素C泡腾片', '泡腾片'],
  ['消糜阴道泡腾片', '阴道泡腾片'], ['阿莫西林胶囊', '胶囊'], ['维生素E软胶囊', '软胶囊'], ['奥美拉唑肠溶胶囊', '肠溶胶囊'],
  ['布洛芬缓释胶囊', '缓释胶囊'], ['感冒灵颗粒', '颗粒'], ['板蓝根冲剂', '颗粒'], ['氯化钠注射液', '注射液'],
  ['注射用头孢曲松钠', '注射用'], ['双黄连口服液', '口服液'], ['盐酸氨溴索口服溶液', '口服液'], ['散痰宁糖浆', '糖浆'],
  ['复方醋酸地塞米松乳膏', '乳膏'], ['红霉素软膏', '软膏'], ['盐酸洛美沙星滴眼液', '滴眼液'], ['象爱足爽喷雾剂', '喷雾剂'],
  ['云南白药气雾剂', '气雾剂'], ['丁桂儿脐贴', '贴剂'], ['芬太尼透皮贴剂', '贴剂'], ['连芩珍珠滴丸', '滴丸'],
  ['逍遥丸', '丸'], ['蒙脱石散', '散'], ['阿奇霉素干混悬剂', '干混悬剂'], ['复方丹参片(薄膜衣片)', '片'],
  ['人丹(丸剂)', '丸'], ['感冒灵颗粒☆', '颗粒'], ['复方罗布麻片I', '片'], ['抗病毒颗粒(含糖型)', '颗粒'],
  ['维生素AD滴剂(0-1岁)胶囊型', '滴剂'], ['阿昔洛韦凝胶', '凝胶'], ['碘酊', '酊'], ['麝香祛痛搽剂', '搽剂'],
  ['片仔癀', undefined], ['阿卡波糖', undefined], ['', undefined], ['胶囊', '胶囊'], ['片剂', '片'],
];

describe('detectDosageForm', () => {
  it.each(FORMS)('%s → %s', (name, form) => {
    expect(detectDosageForm(name)).toBe(form);
  });
});

describe('sameDosageForm / compareDosageForm', () => {
  it.each([
    ['阿卡波糖片', '阿卡波糖胶囊', 'different'],
    ['硝苯地平片', '硝苯地平缓释片', 'different'],
    ['硝苯地平缓释片', '硝苯地平控释片', 'different'],
    ['阿司匹林片', '阿司匹林肠溶片', 'different'],
    ['西地碘含片', '西地碘片', 'different'],
    ['奥美拉唑肠溶胶囊', '奥美拉唑肠溶片', 'different'],
    ['注射用头孢曲松钠', '头孢曲松钠注射液', 'different'],
    ['阿卡波糖片', '阿卡波糖片(拜唐苹)', 'same'],
    ['复方丹参片', '复方丹参片(薄膜衣片)', 'same'],
    ['板蓝根颗粒', '板蓝根冲剂', 'same'],
    ['阿莫西林胶囊', '阿莫西林胶囊剂', 'same'],
    ['片', '片剂', 'same'],
    ['阿卡波糖', '阿卡波糖片', 'unknown'],
    ['', '阿卡波糖片', 'unknown'],
  ] as const)('%s vs %s → %s', (a, b, want) => {
    expect(compareDosageForm(a, b)).toBe(want);
    expect(compareDosageForm(b, a)).toBe(want);
    expect(sameDosageForm(a, b)).toBe(want === 'same');
  });
});

it('detectDosageForm stays fast on hostile input', () => {
  const t0 = performance.now();
  detectDosageForm('a'.repeat(100_000) + '片');
  detectDosageForm('('.repeat(100_000));
  expect(performance.now() - t0).toBeLessThan(1000);
});
