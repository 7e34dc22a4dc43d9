/**
 * Trade-style product specs, modelled structurally so the generator knows which written forms are
 * the same pack (50mg*24片 = 0.05g×24s = 50MG*12片*2板) and which are a different SKU.
 * Patterns follow drugs_ypzdw_b2b_listings_2017.csv: 10mg*30s, 0.2g*12片*2板, 2ml:10mg*5支, 0.1g*6袋.
 */
import type { Rng } from './prng.js';
import { toFullWidth } from './text.js';

export type DoseForm = 'tablet' | 'capsule' | 'injection' | 'powder_injection' | 'granule' | 'cream' | 'liquid' | 'patch' | 'inhaler';

export interface Spec {
  form: DoseForm;
  strengthMg?: number; // per unit (tablet, ampoule, sachet, tube, bottle)
  volume?: number; // ml or g per unit (injections, liquids, creams)
  volumeUnit?: 'ml' | 'g';
  count: number; // units per box
  boards?: number; // blister boards per box (count is split evenly)
  countUnit: string; // 片 粒 支 瓶 袋 贴 揿
}

export function doseFormOf(generic: string): DoseForm {
  if (/^注射用/.test(generic)) return 'powder_injection';
  if (/注射液|注射剂/.test(generic)) return 'injection';
  if (/胶囊|胶丸/.test(generic)) return 'capsule';
  if (/颗粒|干混悬剂|散$|散剂|冲剂/.test(generic)) return 'granule';
  if (/乳膏|软膏|凝胶|霜/.test(generic)) return 'cream';
  if (/贴剂|贴片|贴膏/.test(generic)) return 'patch';
  if (/吸入|气雾剂|喷雾剂|粉雾剂/.test(generic)) return 'inhaler';
  if (/滴眼液|滴耳液|滴鼻液|溶液|糖浆|口服液|混悬液|滴剂|乳剂|洗剂|酊/.test(generic)) return 'liquid';
  return 'tablet';
}

const MG = [0.25, 0.5, 1, 2, 2.5, 4, 5, 8, 10, 15, 20, 25, 30, 40, 50, 75, 80, 100, 120, 125, 150, 200, 250, 300, 400, 500, 600, 750, 1000];
const PACKS = [7, 10, 12, 14, 15, 20, 24, 28, 30, 36, 48, 50, 60, 100];

export function randomSpec(form: DoseForm, rng: Rng): Spec {
  switch (form) {
    case 'tablet':
    case 'capsule': {
      const count = rng.pick(PACKS);
      const boards = count % 2 === 0 && count >= 20 && rng.chance(0.35) ? rng.pick([2, 3, 4].filter((b) => count % b === 0)) : undefined;
      return { form, strengthMg: rng.pick(MG), count, boards, countUnit: form === 'tablet' ? '片' : '粒' };
    }
    case 'injection':
      return { form, strengthMg: rng.pick(MG.slice(4)), volume: rng.pick([1, 2, 5, 10, 20]), volumeUnit: 'ml', count: rng.pick([1, 1, 5, 6, 10]), countUnit: '支' };
    case 'powder_injection':
      return { form, strengthMg: rng.pick([20, 40, 100, 250, 500, 750, 1000, 2000]), count: rng.pick([1, 1, 1, 10]), countUnit: '瓶' };
    case 'granule':
      return { form, strengthMg: rng.pick([100, 125, 250, 500, 1000, 2000, 3000, 5000]), count: rng.pick([6, 9, 10, 12, 20]), countUnit: '袋' };
    case 'cream':
      return { form, strengthMg: rng.pick([10, 50, 100, 150, 200]), volume: rng.pick([5, 10, 15, 20, 30]), volumeUnit: 'g', count: 1, countUnit: '支' };
    case 'liquid':
      return { form, strengthMg: rng.pick([5, 10, 15, 25, 50, 100, 300]), volume: rng.pick([0.4, 5, 10, 60, 100, 120]), volumeUnit: 'ml', count: rng.pick([1, 1, 6, 10]), countUnit: rng.pick(['支', '瓶']) };
    case 'patch':
      return { form, strengthMg: rng.pick([5, 10, 20, 30, 50]), count: rng.pick([2, 4, 5, 6, 10]), countUnit: '贴' };
    case 'inhaler':
      return { form, strengthMg: rng.pick([0.1, 0.16, 0.25, 0.32]), count: rng.pick([60, 120, 200]), countUnit: '揿' };
  }
}

/** Equal keys = the same pack, however it is written. */
export function specKey(s: Spec): string {
  return `${s.form}|${s.strengthMg ?? ''}|${s.volume ?? ''}|${s.count}`;
}

function fmtNum(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

export interface SpecStyle {
  grams: boolean; // 0.05g instead of 50mg
  upper: boolean; // MG, G, ML
  times: string; // '*', '×', 'x', 'X', '＊'
  countSuffix: 'unit' | 's' | 'S';
  splitBoards: 'as_is' | 'split' | 'merge';
  perBox: boolean; // trailing /盒
  perUnit: boolean; // 50mg/片*24片
  volumeFirst: boolean; // 2ml:10mg vs 10mg/2ml
  colon: string; // ':' or '：'
  fullWidth: boolean;
}

export const MASTER_STYLE: SpecStyle = {
  grams: false, upper: false, times: '*', countSuffix: 'unit', splitBoards: 'as_is', perBox: false,
  perUnit: false, volumeFirst: true, colon: ':', fullWidth: false,
};

function strength(mg: number, grams: boolean): string {
  if (mg < 1 && !grams) return `${fmtNum(mg * 1000)}μg`;
  return grams ? `${fmtNum(mg / 1000)}g` : `${fmtNum(mg)}mg`;
}

export function formatSpec(s: Spec, st: SpecStyle): string {
  let str = s.strengthMg !== undefined ? strength(s.strengthMg, st.grams && s.strengthMg >= 10) : '';
  if (s.volume !== undefined) {
    const vol = `${fmtNum(s.volume)}${s.volumeUnit ?? 'ml'}`;
    str = st.volumeFirst ? `${vol}${st.colon}${str}` : `${str}/${vol}`;
  }
  const unit = st.countSuffix === 'unit' ? s.countUnit : st.countSuffix;
  let pack: string;
  const boards = st.splitBoards === 'merge' ? undefined : s.boards ?? (st.splitBoards === 'split' && s.count >= 20 && s.count % 2 === 0 ? 2 : undefined);
  if (boards && (s.form === 'tablet' || s.form === 'capsule')) pack = `${s.count / boards}${unit}${st.times}${boards}板`;
  else pack = `${s.count}${unit}`;
  let out: string;
  if (s.count === 1 && (s.form === 'cream' || s.form === 'powder_injection' || s.form === 'liquid' || s.form === 'injection')) {
    out = `${str}${st.perBox ? `/${s.countUnit}` : ''}`;
  } else if (s.form === 'inhaler') {
    out = `${str}${st.times}${s.count}揿`;
  } else {
    out = `${str}${st.perUnit && str ? `/${s.countUnit}` : ''}${str ? st.times : ''}${pack}${st.perBox ? '/盒' : ''}`;
  }
  if (st.upper) out = out.replace(/mg|ml|g|μg/g, (m) => m.toUpperCase());
  return st.fullWidth ? toFullWidth(out) : out;
}

/** A random way a distributor writes the same spec (never the master's exact string by design). */
export function randomStyle(rng: Rng): SpecStyle {
  return {
    grams: rng.chance(0.35),
    upper: rng.chance(0.2),
    times: rng.weighted([['*', 4], ['×', 3], ['x', 2], ['X', 1], ['＊', 1]]),
    countSuffix: rng.weighted([['unit', 5], ['s', 3], ['S', 1]]),
    splitBoards: rng.weighted([['as_is', 5], ['split', 2], ['merge', 2]]),
    perBox: rng.chance(0.2),
    perUnit: rng.chance(0.1),
    volumeFirst: rng.chance(0.6),
    colon: rng.chance(0.2) ? '：' : ':',
    fullWidth: rng.chance(0.08),
  };
}
