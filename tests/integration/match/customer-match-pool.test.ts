import { describe, expect, it } from 'vitest';
import { matchCustomersInParallel } from '../../../src/match/customer-match-pool.js';
import { createCustomerMatcher } from '../../../src/match/customer-matcher.js';
import type { CustomerMasterEntry, CustomerQuery } from '../../../src/match/types.js';

// Real county-level places and institution patterns, crossed: a master of a few thousand
// entries with the look-alikes (第一/第二, 人民医院/中医院) that make matching hard.
const PLACES: Array<[string, string, string]> = [
  ['湖北省', '襄阳市', '枣阳市'], ['湖北省', '襄阳市', '宜城市'], ['湖北省', '随州市', '广水市'], ['湖北省', '武汉市', '黄陂区'],
  ['湖北省', '武汉市', '江夏区'], ['河北省', '邢台市', '临城县'], ['河北省', '衡水市', '深州市'], ['河北省', '保定市', '涿州市'],
  ['四川省', '乐山市', '峨眉山市'], ['四川省', '成都市', '郫都区'], ['广东省', '广州市', '番禺区'], ['广东省', '佛山市', '顺德区'],
  ['浙江省', '杭州市', '萧山区'], ['浙江省', '宁波市', '慈溪市'], ['江苏省', '苏州市', '昆山市'], ['江苏省', '无锡市', '江阴市'],
  ['山东省', '潍坊市', '寿光市'], ['山东省', '临沂市', '沂水县'], ['河南省', '南阳市', '邓州市'], ['河南省', '洛阳市', '偃师区'],
];
const PATTERNS = [
  '人民医院', '中医医院', '妇幼保健院', '第一人民医院', '第二人民医院', '第三人民医院', '中心医院', '中西医结合医院', '精神病医院',
  '肿瘤医院', '儿童医院', '口腔医院', '康复医院', '骨科医院', '疾病预防控制中心', '城关镇卫生院', '城关社区卫生服务中心',
  '医药有限公司', '大药房', '百姓大药房', '仁和堂药店', '职工医院', '铁路医院', '红十字会医院', '眼科医院',
];
const PREFIXES = ['', '新区', '开发区', '城东', '城西'];

function buildMaster(): CustomerMasterEntry[] {
  const master: CustomerMasterEntry[] = [];
  for (const [province, city, county] of PLACES) {
    for (const prefix of PREFIXES) {
      for (const pattern of PATTERNS) {
        const type = /药房|药店/.test(pattern) ? 'pharmacy' : /公司/.test(pattern) ? 'distributor' : 'hospital';
        master.push({ code: `C${master.length}`, name: `${county}${prefix}${pattern}`, type, province, city });
      }
    }
  }
  return master;
}

/** Distributor-style variants of every master name (departments, codes, short forms), with and without context. */
function buildQueries(master: CustomerMasterEntry[]): CustomerQuery[] {
  const queries: CustomerQuery[] = [];
  master.forEach((m, i) => {
    const short = m.name.replace(/(市|县|区)/, '');
    queries.push({ name: `${m.name}药剂科`, province: m.province, city: m.city });
    queries.push({ name: i % 3 === 0 ? short : `${m.city}${m.name}`, contextProvince: m.province, contextCity: m.city });
    if (i % 4 === 0) queries.push({ name: `${short.replace('医院', '院')}/C${i}` });
    if (i % 5 === 0) queries.push({ name: m.name, province: m.province, city: m.city }); // exact
  });
  queries.push({ name: '不在主数据里的诊所' }, { name: '' }, { name: '人民医院' });
  // Every alias again: duplicates must get the same answer as their first occurrence.
  return [...queries, ...queries.slice(0, 500)];
}

describe('matchCustomersInParallel', () => {
  const master = buildMaster();
  const queries = buildQueries(master);
  const expected = createCustomerMatcher(master).matchAll(queries);

  it('gives the single-thread answers, in order, when two threads share the work', async () => {
    expect(queries.length).toBeGreaterThan(4000);
    const problems: string[] = [];
    const results = await matchCustomersInParallel(master, queries, { threads: 2, minParallel: 1, chunkSize: 97, onWorkerProblem: (m) => problems.push(m) });
    expect(problems).toEqual([]);
    expect(results).toEqual(expected);
    // The engine really matched: most variants resolve automatically to their entry.
    expect(results.filter((r) => r.status === 'auto').length).toBeGreaterThan(queries.length / 2);
  });

  it('falls back to the calling thread when a worker cannot start, with the same answers', async () => {
    // A master entry that cannot be copied to a worker (a function) stops the worker at start.
    const uncopyable = master.map((m, i) => (i === 0 ? { ...m, toJSON: () => m } : m));
    const problems: string[] = [];
    const results = await matchCustomersInParallel(uncopyable, queries, { threads: 2, minParallel: 1, onWorkerProblem: (m) => problems.push(m) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/did not start/);
    expect(results).toEqual(expected);
  });

  it('stays on the calling thread below the parallel threshold', async () => {
    const few = queries.slice(0, 300);
    const problems: string[] = [];
    const results = await matchCustomersInParallel(master, few, { threads: 2, onWorkerProblem: (m) => problems.push(m) });
    expect(results).toEqual(expected.slice(0, 300));
    expect(problems).toEqual([]);
  });
});
