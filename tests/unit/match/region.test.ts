import { describe, expect, it } from 'vitest';
import { lookupRegion } from '../../../src/match/region.js';
import { factsFromFields, regionAgreement, regionConflict, scanRegionPrefix } from '../../../src/match/region-facts.js';

const codes = (s: ReadonlySet<string> | null): string[] | null => (s ? [...s].sort() : null);

describe('lookupRegion', () => {
  it.each([
    ['湖北省', 'province', '42'],
    ['湖北', 'province', '42'],
    ['武汉市', 'city', '4201'],
    ['武汉', 'city', '4201'],
    ['内蒙古', 'province', '15'],
    ['新疆', 'province', '65'],
    ['广西壮族自治区', 'province', '45'],
    ['恩施土家族苗族自治州', 'city', '4228'],
    ['恩施州', 'city', '4228'],
    ['海西州', 'city', '6328'],
    ['红河州', 'city', '5325'],
    ['锡林郭勒盟', 'city', '1525'],
    ['仙桃市', 'city', '429004'],
    ['陵水县', 'city', '469028'],
    ['长阳县', 'county', '420528'],
    ['江岸区', 'county', '420102'],
  ])('%s is a %s (%s)', (name, level, code) => {
    const hits = lookupRegion(name);
    expect(hits.some((h) => h.level === level && h.code === code)).toBe(true);
  });

  it('does not read institution words as places', () => {
    expect(lookupRegion('中山')).toEqual([]);
    expect(lookupRegion('和平')).toEqual([]);
    expect(lookupRegion('东方')).toEqual([]);
  });
});

describe('scanRegionPrefix', () => {
  it.each([
    ['湖北省武汉市江岸区人民医院', ['湖北省', '武汉市', '江岸区']],
    ['湖北武汉江岸人民医院', ['湖北', '武汉', '江岸']],
    ['北京市东城区和平里医院', ['北京市', '东城区']],
    ['北京市和平里医院', ['北京市']],
    ['和平里医院', []],
    ['江岸人民医院', []],
    ['枣阳市杨垱镇中心卫生院', ['枣阳市']],
    ['新疆自治区人民医院', ['新疆自治区']],
  ])('%s → %j', (text, tokens) => {
    expect(scanRegionPrefix(text).tokens.map((t) => t.text)).toEqual(tokens);
  });

  it('narrows an ambiguous district by the city before it', () => {
    const scan = scanRegionPrefix('长春市朝阳区医院');
    expect(codes(scan.facts.counties)).toEqual(['220104']);
  });
});

describe('facts from columns', () => {
  it.each([
    ['湖北省', '武汉市', ['42'], ['4201']],
    ['湖北', '武汉', ['42'], ['4201']],
    ['新疆自治区', '乌鲁木齐市', ['65'], ['6501']],
    ['青海省', '海西州', ['63'], ['6328']],
    ['北京市', '北京市', ['11'], ['1101']],
  ])('%s %s', (province, city, p, c) => {
    const facts = factsFromFields(province, city);
    expect(codes(facts.provinces)).toEqual(p);
    expect(codes(facts.cities)).toEqual(c);
  });

  it('finds contradictions and agreement', () => {
    const wuhan = factsFromFields('湖北', '武汉');
    const xiangyang = factsFromFields('湖北', '襄阳');
    const hubei = factsFromFields('湖北省');
    const beijing = factsFromFields('北京');
    expect(regionConflict(wuhan, xiangyang)).toBe('city');
    expect(regionConflict(wuhan, beijing)).toBe('province');
    expect(regionConflict(wuhan, hubei)).toBeNull();
    expect(regionAgreement(wuhan, hubei)).toBe('province');
    expect(regionAgreement(wuhan, factsFromFields(null, '武汉市'))).toBe('city');
  });
});
