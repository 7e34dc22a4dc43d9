/**
 * The benchmark company's sales force: who is credited with each terminal sale. A national
 * manufacturer assigns its target hospitals to reps (客户分管), sends what no rep holds to
 * allocation rules (pharmacies and clinics per province, a few key-account distributors) and keeps
 * a last-resort house account; it sets quotas per rep and product group and pays commission by
 * attainment band. Without this the attribute stage would find nothing assigned, and every
 * terminal row would land in unassigned_volume, which no real month looks like.
 * Deterministic in (seed): the same month always gets the same sales force.
 */
import { createRng } from '../eval/prng.js';
import type { Row } from '../eval/csv.js';
import type { MasterCustomer } from './masters.js';

/** Share of the master's hospitals that are target hospitals with a rep of their own. */
const COVERED_HOSPITALS = 0.6;
/** Target hospitals per hospital rep, a city's hospitals in code order. */
const HOSPITALS_PER_REP = 40;
/** Target hospitals that also have a specialty rep for the largest product group. */
const SPECIALTY_SHARE = 0.2;
/** Hospital lines whose rep changed during the year (valid_to, then a new line from the next month). */
const TURNOVER_SHARE = 0.03;
/** Key-account distributors whose hospital sales of one product group go to a KA rep. */
const KEY_ACCOUNTS = 5;
/** Product groups each rep has a quota for (the catalogue's largest). */
const QUOTA_GROUPS = 5;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = ['建华', '志强', '丽娟', '海燕', '晓明', '国庆', '春梅', '永刚', '秀英', '文斌', '红梅', '伟', '芳', '敏', '静', '磊', '洋', '勇', '军', '杰', '娜', '涛', '明', '超', '霞', '平', '刚', '桂英'];

export interface AllocationRuleYaml {
  match: Record<string, string>;
  rep_code: string;
  rep_name: string;
  territory: string;
  manager?: string;
}

export interface SalesForce {
  assignments: Row[];
  quotas: Row[];
  allocation: AllocationRuleYaml[];
  commissionYaml: string;
  reps: number;
}

export const ASSIGNMENT_COLUMNS = ['customer_code', 'product_group', 'rep_code', 'rep_name', 'territory', 'manager', 'valid_from', 'valid_to'] as const;
export const QUOTA_COLUMNS = ['period', 'rep_code', 'product_group', 'qty', 'amount'] as const;

const personName = (n: number): string => `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`;

/** `groups`: the product groups of the catalogue, largest first. `period`: the benchmark month. */
export function buildSalesForce(customers: MasterCustomer[], groups: string[], period: string, seed: number): SalesForce {
  const rng = createRng(seed, 'ingest/sales-force');
  const year = period.slice(0, 4);
  const managerOf = new Map<string, string>();
  let people = 0;
  const manager = (province: string): string => {
    let m = managerOf.get(province);
    if (m === undefined) managerOf.set(province, (m = personName(7919 * ++people)));
    return m;
  };
  const reps: { code: string; name: string }[] = [];
  const newRep = (prefix: string): { code: string; name: string } => {
    const rep = { code: `${prefix}${String(reps.length + 1).padStart(4, '0')}`, name: personName(reps.length * 31 + 5) };
    reps.push(rep);
    return rep;
  };
  const assignments: Row[] = [];
  const line = (c: MasterCustomer, group: string, rep: { code: string; name: string }, territory: string, from: string, to = ''): void => {
    assignments.push({ customer_code: c.code, product_group: group, rep_code: rep.code, rep_name: rep.name, territory, manager: manager(c.province), valid_from: from, valid_to: to });
  };

  const hospitalsByCity = new Map<string, MasterCustomer[]>();
  for (const c of customers) {
    if (c.type !== 'hospital' || !rng.chance(COVERED_HOSPITALS)) continue;
    const key = `${c.province}|${c.city}`;
    const list = hospitalsByCity.get(key);
    if (list) list.push(c);
    else hospitalsByCity.set(key, [c]);
  }
  const specialtyByProvince = new Map<string, { code: string; name: string }>();
  let previous: { code: string; name: string } | undefined;
  for (const [key, hospitals] of [...hospitalsByCity].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [, city] = key.split('|') as [string, string];
    hospitals.sort((a, b) => (a.code < b.code ? -1 : 1));
    for (let from = 0; from < hospitals.length; from += HOSPITALS_PER_REP) {
      const territory = `${city}${from / HOSPITALS_PER_REP + 1}区`;
      const rep = newRep('R');
      const predecessor = previous ?? rep;
      previous = rep;
      for (const h of hospitals.slice(from, from + HOSPITALS_PER_REP)) {
        if (rng.chance(TURNOVER_SHARE)) {
          // the hospital's rep left in the summer: the old line ends, a colleague takes over
          line(h, '*', predecessor, territory, `${year}-01`, `${year}-08`);
          line(h, '*', rep, territory, `${year}-09`);
        } else {
          line(h, '*', rep, territory, `${year}-01`);
        }
        if (groups[0] && rng.chance(SPECIALTY_SHARE)) {
          let specialist = specialtyByProvince.get(h.province);
          if (!specialist) specialtyByProvince.set(h.province, (specialist = newRep('S')));
          line(h, groups[0], specialist, `${h.province}${groups[0]}专线`, `${year}-01`);
        }
      }
    }
  }

  const allocation: AllocationRuleYaml[] = [];
  const provinces = [...new Set(customers.map((c) => c.province).filter(Boolean))].sort();
  const distributors = customers.filter((c) => c.type === 'distributor' && c.tier === '1').slice(0, KEY_ACCOUNTS);
  for (const d of distributors) {
    const rep = newRep('KA');
    const region = d.province || '全国'; // national wholesalers have no province in the master
    allocation.push({ match: { distributor: d.code, product_group: groups[1] ?? '*' }, rep_code: rep.code, rep_name: rep.name, territory: `${region}KA`, manager: manager(region) });
  }
  for (const province of provinces) {
    for (const [type, label, prefix] of [['pharmacy', '零售', 'OTC'], ['clinic', '基层', 'BC']] as const) {
      const rep = newRep(prefix);
      allocation.push({ match: { province, customer_type: type }, rep_code: rep.code, rep_name: rep.name, territory: `${province}${label}`, manager: manager(province) });
    }
  }
  allocation.push({ match: {}, rep_code: 'HOUSE', rep_name: '公司直管', territory: '未分配' });

  const quotas: Row[] = [];
  for (const rep of reps) {
    for (const group of groups.slice(0, QUOTA_GROUPS)) {
      const amount = Math.round(20_000 + rng.next() * 180_000);
      quotas.push({ period, rep_code: rep.code, product_group: group, qty: '', amount: String(amount) });
    }
  }

  const commissionYaml = `# 提成 and 返利 of the benchmark company (generated by bench/ingest/sales-force.ts)
bands:
  "*":
    - below: 0.8
      rate: 0
    - below: 1
      rate: 0.02
    - rate: 0.03
cap_per_rep_month: 20000
rebates:
${distributors.map((d) => `  - { distributor: ${d.code}, product_group: "*", basis: terminal, rate: 0.015 }`).join('\n')}
`;
  return { assignments, quotas, allocation, commissionYaml, reps: reps.length };
}
