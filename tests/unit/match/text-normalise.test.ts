import { describe, expect, it } from 'vitest';
import { normaliseText, stripCodes, toSimplified, unifyForms } from '../../../src/match/text-normalise.js';

describe('normaliseText', () => {
  it.each([
    ['北京协和医院', '北京协和医院'],
    ['  北京 协和 医院 ', '北京协和医院'],
    ['北京协和医院（东院）', '北京协和医院(东院)'],
    ['北京协和医院【东院】', '北京协和医院(东院)'],
    ['[KH00123]北京协和医院', '北京协和医院'],
    ['北京协和医院[KH00123]', '北京协和医院'],
    ['北京协和医院（KH00123）', '北京协和医院'],
    ['北京协和医院（ＫＨ００１２３）', '北京协和医院'],
    ['北京协和医院/C0012', '北京协和医院'],
    ['0012-北京协和医院', '北京协和医院'],
    ['北京协和医院-0012', '北京协和医院'],
    ['KH00123 北京协和医院', '北京协和医院'],
    ['KH00123北京协和医院', '北京协和医院'],
    ['北京協和醫院', '北京协和医院'],
    ['廣州醫藥大藥房有限公司', '广州医药大药房有限公司'],
    ['臺灣衛生署', '台湾卫生署'],
    ['ＡＢＣ医药', 'abc医药'],
    ['解放军３０１医院', '解放军301医院'],
    ['首都医科大学附属北京同仁医院', '首都医科大学附属北京同仁医院'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseText(raw)).toBe(expected);
  });

  it('keeps short numbers that are part of a name', () => {
    expect(normaliseText('中国人民解放军第301医院')).toBe('中国人民解放军第301医院');
  });
});

describe('pieces', () => {
  it('unifies full-width forms and brackets', () => {
    expect(unifyForms('（东院）【本部】')).toBe('(东院)(本部)');
  });
  it('strips codes only when there is a digit', () => {
    expect(stripCodes('北京协和医院')).toBe('北京协和医院');
    expect(stripCodes('北京协和医院 KH0012')).toBe('北京协和医院');
  });
  it('converts traditional characters and leaves simplified text alone', () => {
    expect(toSimplified('婦幼保健院')).toBe('妇幼保健院');
    expect(toSimplified('妇幼保健院')).toBe('妇幼保健院');
  });
});
