import { describe, expect, it } from 'vitest';
import { expandAbbreviations, parseCustomerName, parseOrdinal, stripDepartments } from '../../../src/match/customer-normalise.js';
import { compareTypes, findTypeSuffix } from '../../../src/match/institution-types.js';

describe('stripDepartments', () => {
  it.each([
    ['北京协和医院药剂科', '北京协和医院'],
    ['北京协和医院门诊药房', '北京协和医院'],
    ['北京协和医院住院药房', '北京协和医院'],
    ['北京协和医院-中药房', '北京协和医院'],
    ['武汉市第一医院药库', '武汉市第一医院'],
    ['武汉市第一医院药学部采购科', '武汉市第一医院'],
    ['枣阳市妇幼保健院设备科', '枣阳市妇幼保健院'],
    ['某社区卫生服务中心财务科', '某社区卫生服务中心'],
    ['江岸人医西药房', '江岸人医'],
    ['武汉市第一医院/c0012药剂科', '武汉市第一医院'],
    ['扬州市妇幼保健院/c9921/住院药房', '扬州市妇幼保健院'],
    ['库伦旗医院/c5970住院药房', '库伦旗医院'],
    ['某社区卫生服务中心药房', '某社区卫生服务中心'],
    ['广州医药大药房', '广州医药大药房'], // 药房 here is the pharmacy itself
    ['老百姓大药房', '老百姓大药房'],
  ])('%s → %s', (raw, expected) => {
    expect(stripDepartments(raw)).toBe(expected);
  });
});

describe('expandAbbreviations', () => {
  it.each([
    ['温州医大一院', '温州医科大学附属第一医院'],
    ['山西医大第二医院', '山西医科大学第二医院'],
    ['温州医大附属第二医院', '温州医科大学附属第二医院'],
    ['某中医大第一医院', '某中医大第一医院'],
    ['某医学院附一院', '某医学院附属第一医院'],
    ['某医学院附院', '某医学院附属医院'],
    ['江岸人医', '江岸人民医院'],
    ['枣阳市中医院', '枣阳市中医医院'],
    ['枣阳市妇保院', '枣阳市妇幼保健院'],
    ['后湖社区卫生中心', '后湖社区卫生服务中心'],
    ['后湖社卫中心', '后湖社区卫生服务中心'],
    ['武汉市一院', '武汉市第一医院'],
    ['中国人民解放军总医院', '解放军总医院'],
    ['湖北省中西医结合医院', '湖北省中西医结合医院'],
  ])('%s → %s', (raw, expected) => {
    expect(expandAbbreviations(raw)).toBe(expected);
  });
});

describe('parseCustomerName', () => {
  it.each([
    // name, core, type, ordinal, branch, affiliation
    ['北京协和医院(东院)', '协和', '医院', null, '东院', ''],
    ['中国医学科学院北京协和医院', '协和', '医院', null, null, '中国医学科学院'],
    ['首都医科大学附属北京同仁医院', '同仁', '医院', null, null, '首都医科大学附属'],
    ['枣阳市第二人民医院', '', '人民医院', 2, null, ''],
    ['枣阳市杨垱镇中心卫生院', '杨垱镇', '中心卫生院', null, null, ''],
    ['浙江大学医学院附属儿童医院（湖滨院区）', '', '儿童医院', null, '湖滨院区', '大学医学院附属'],
    ['普陀医院六横分院', '普陀', '医院', null, '六横分院', ''],
    ['北京朝阳医院', '朝阳', '医院', null, null, ''],
    ['仁材第三分店', '仁材', '分店', 3, null, ''],
    ['广州医药大药房有限公司南沙中心店', '医药南沙中心店', '大药房', null, null, ''],
    ['四川贝尔康医药有限公司', '贝尔康', '医药', null, null, ''],
    ['第十二人民医院', '', '人民医院', 12, null, ''],
    ['武汉市中心医院（后湖院区）', '', '中心医院', null, '后湖院区', ''],
  ])('%s', (name, core, type, ordinal, branch, affiliation) => {
    const p = parseCustomerName(name);
    expect(p.core).toBe(core);
    expect(p.type?.name ?? null).toBe(type);
    expect(p.ordinal).toBe(ordinal);
    expect(p.branch).toBe(branch);
    expect(p.affiliation).toBe(affiliation);
  });

  it('keeps former names in brackets as alternates', () => {
    expect(parseCustomerName('北京市隆福医院(北京市东城区老年病医院)').alternates).toEqual(['北京市东城区老年病医院']);
    expect(parseCustomerName('空军军医大学西京医院（原第四军医大学西京医院）').alternates).toEqual(['第四军医大学西京医院']);
  });

  // Only a bracket that ends the name holds other names of the entry; a bracket followed by more
  // name qualifies a parent institution (a station under that centre), so its names are the parent's.
  it.each([
    ['北京市隆福医院(北京市东城区老年病医院)', ['北京市东城区老年病医院']],
    ['空军军医大学西京医院（原第四军医大学西京医院）', ['第四军医大学西京医院']],
    ['长治市肿瘤医院（原城区人民医院）药剂科', ['城区人民医院']],
    ['北京市顺义区精神病医院(北京市顺义区精神卫生防治所)', ['北京市顺义区精神卫生防治所']],
    ['首都医科大学附属北京康复医院（北京工人疗养院）', ['北京工人疗养院']],
    ['北京市海淀区妇幼保健院（北京市海淀区妇幼保健计划生育服务中心、北京市海淀区海淀社区卫生服务中心）',
      ['北京市海淀区妇幼保健计划生育服务中心', '北京市海淀区海淀社区卫生服务中心']],
    ['北京市东城区妇幼保健计划生育服务中心（北京市东城区妇幼保健院、原北京市东城区东四妇产医院）',
      ['北京市东城区妇幼保健院', '北京市东城区东四妇产医院']],
    ['北京市怀柔区长哨营满族乡卫生院（北京市怀柔区长哨营满族乡社区卫生服务中心）七道河社区卫生服务站', []],
    ['北京市隆福医院（北京中西医结合老年医院）北京市东城区景山社区卫生服务中心', []],
    ['武汉市中心医院（后湖院区）', []],
    ['北京市海淀区四季青镇西郊机场社区卫生服务站（北京市海淀区闵航军休社区卫生服务站）', ['北京市海淀区闵航军休社区卫生服务站']],
    ['广州医药大药房有限公司（江南西分店）', []],
    ['诸暨市中医医院(浣东新院)', []],
  ])('%s → other names %j', (name, alternates) => {
    expect(parseCustomerName(name).alternates).toEqual(alternates);
  });

  it('a bracket in the middle leaves the rest of the name as the entry itself', () => {
    const p = parseCustomerName('北京市怀柔区长哨营满族乡卫生院（北京市怀柔区长哨营满族乡社区卫生服务中心）七道河社区卫生服务站');
    expect(p.type?.name).toBe('社区卫生服务站');
    expect(p.normalised).toBe('北京市怀柔区长哨营满族乡卫生院七道河社区卫生服务站');
  });

  it.each([['人民医院'], ['市第一医院'], ['中心医院'], ['社区卫生服务中心']])('%s is generic', (name) => {
    expect(parseCustomerName(name).generic).toBe(true);
  });

  it('drops the main campus as a branch', () => {
    expect(parseCustomerName('苏州市立医院（本部）').branch).toBeNull();
  });
});

describe('ordinals and types', () => {
  it.each([['一', 1], ['二', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['3', 3]])('%s → %d', (text, n) => {
    expect(parseOrdinal(text)).toBe(n);
  });

  it.each([
    ['人民医院', '中医医院', 'different'],
    ['人民医院', '中心医院', 'different'],
    ['中医医院', '妇幼保健院', 'different'],
    ['社区卫生服务中心', '卫生院', 'different'],
    ['医院', '大药房', 'different'],
    ['儿童医院', '儿童医学中心', 'different'],
    ['医院', '人民医院', 'loose'],
    ['卫生院', '中心卫生院', 'loose'],
    ['妇幼保健院', '妇幼保健计划生育服务中心', 'loose'],
    ['人民医院', '人民医院', 'same'],
  ])('%s vs %s: %s', (a, b, relation) => {
    expect(compareTypes(findTypeSuffix(a), findTypeSuffix(b))).toBe(relation);
  });
});
