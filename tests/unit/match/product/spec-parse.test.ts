import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { hasSpecInfo, parseSpec } from '../../../../src/match/product/spec-parse.js';

/** [raw, normalised, packCount] — real specs from drugs_ypzdw_b2b_listings_2017.csv first. */
const REAL: [string, string, number | null][] = [
  ['20g', '20g×1', 1],
  ['30s', '×30', 30],
  ['1.725g', '1.725g×1', 1],
  ['3ml', '3ml×1', 1],
  ['51袋', '×51', 51],
  ['30粒', '×30', 30],
  ['3g*10袋', '3g×10', 10],
  ['100mg*20粒', '100mg×20', 20],
  ['0.3g*20粒', '300mg×20', 20],
  ['2g*12s', '2g×12', 12],
  ['10mg*30s', '10mg×30', 30],
  ['0.2g*10s', '200mg×10', 10],
  ['0.5g*24s', '500mg×24', 24],
  ['0.5*20粒', '500mg×20', 20],
  ['50g/瓶', '50g×1', 1],
  ['95g/支', '95g×1', 1],
  ['35mg*24丸', '35mg×24', 24],
  ['240ml', '240ml×1', 1],
  ['0.35g*12S*3板', '350mg×36', 36],
  ['10ml*2支', '10ml×2', 2],
  ['10ml*6支', '10ml×6', 6],
  ['0.25g*12s*4板', '250mg×48', 48],
  ['0.45g*10粒*2板', '450mg×20', 20],
  ['12粒*2板', '×24', 24],
  ['50mg*12s*2板', '50mg×24', 24],
  ['10mg*25s*4板', '10mg×100', 100],
  ['0.2g*12片*2板', '200mg×24', 24],
  ['5mg*25片*4板', '5mg×100', 100],
  ['0.1g*25片*4板', '100mg×100', 100],
  ['7.2g*4袋', '7.2g×4', 4],
  ['0.15g*6s', '150mg×6', 6],
  ['0.3g*8s*2板', '300mg×16', 16],
  ['20g/盒', '20g×1', 1],
  ['7cm*10cm*6贴', '×6', 6],
  ['0.45克*36粒', '450mg×36', 36],
  ['0.32g*12s*2板', '320mg×24', 24],
  ['(1.5*2.3)cm*100片', '×100', 100],
  ['85g+30g', '85g+30g', null],
  ['100s', '×100', 100],
  ['10g*9袋/盒', '10g×9', 9],
  ['250g/盒', '250g×1', 1],
  ['12片/盒', '×12', 12],
  ['50mg*30片/盒', '50mg×30', 30],
  ['100mg*1片/盒', '100mg×1', 1],
  ['20g:0.2g/支', '20g:200mg×1', 1],
  ['0.6g*8片*10瓶/盒', '600mg×80', 80],
  ['13ml/盒', '13ml×1', 1],
  ['9袋', '×9', 9],
  ['0.25g*9袋', '250mg×9', 9],
  ['10g: 0.1g', '10g:100mg×1', 1],
  ['150ml/瓶', '150ml×1', 1],
  ['10g*10袋/袋', '10g×10', 10],
  ['0.125g*12袋/盒', '125mg×12', 12],
  ['0.25*12粒*2板/盒', '250mg×24', 24],
  ['0.5g*12粒*1板/盒', '500mg×12', 12],
  ['0.125X20粒/盒', '125mg×20', 20],
  ['0.75mg*2片/盒', '0.75mg×2', 2],
  ['10片*3板/盒', '×30', 30],
  ['3g/瓶/盒', '3g×1', 1],
  ['24片/板*2板/盒', '×48', 48],
  ['15g*21袋/大袋', '15g×21', 21],
  ['0.15g*10s/盒', '150mg×10', 10],
  ['500mg*60片/盒', '500mg×60', 60],
  ['32克(16粒)', '32g×16', 16],
  ['32克(16粒)/盒', '32g×16', 16],
  ['8ml/支', '8ml×1', 1],
  ['1.2g*60片/盒', '1.2g×60', 60],
  ['0.41g*15粒*2板/盒', '410mg×30', 30],
  ['15g: 0.15g/支', '15g:150mg×1', 1],
  ['3.0g*3支/盒', '3g×3', 3],
  ['1.0gx12片/盒', '1g×12', 12],
  ['100ml: 150mg/瓶', '100ml:150mg×1', 1],
  ['20克/支', '20g×1', 1],
  ['0.35g*100片/瓶', '350mg×100', 100],
  ['18片', '×18', 18],
  ['1.6g*2贴', '1.6g×2', 2],
  ['5ml：15mg', '5ml:15mg×1', 1],
  ['10粒*50板/盒', '×500', 500],
  ['0.04g*30粒/包', '40mg×30', 30],
  ['5ml/袋', '5ml×1', 1],
  ['24片/瓶', '×24', 24],
  ['0.1g*24s/盒', '100mg×24', 24],
];

/** The brief's cases and other trade spellings seen in sell-out files. */
const TRADE: [string, string, number | null][] = [
  ['50mg*24片', '50mg×24', 24],
  ['0.05g×24s', '50mg×24', 24],
  ['50MG*12片*2板', '50mg×24', 24],
  ['50mg×24T', '50mg×24', 24],
  ['50mg*24', '50mg×24', 24],
  ["50mg×24's", '50mg×24', 24],
  ['50mg x 24 片', '50mg×24', 24],
  ['0.3g/片*10片/板*3板/盒', '300mg×30', 30],
  ['1.5mg*15片', '1.5mg×15', 15],
  ['１．５ｍｇ＊１５片', '1.5mg×15', 15],
  ['1.5ｍｇ×15Ｓ', '1.5mg×15', 15],
  ['2ml:10mg*5支', '2ml:10mg×5', 5],
  ['10mg/2ml*5支', '2ml:10mg×5', 5],
  ['10万iu×5瓶/盒', '100000iu×5', 5],
  ['10万IU*5瓶', '100000iu×5', 5],
  ['100000IU×5瓶', '100000iu×5', 5],
  ['80万单位', '800000iu', null],
  ['400IU*30粒', '400iu×30', 30],
  ['0.25g*6粒*2板', '250mg×12', 12],
  ['5%*250ml', '250ml:5%×1', 1],
  ['0.9%', '0.9%', null],
  ['1g:0.1g', '1g:100mg×1', 1],
  ['(0-1岁)30s', '×30', 30],
  ['10片/盒', '×10', 10],
  ['每片含西地碘1.5mg', '1.5mg', null],
  ['西地碘含片 1.5mg*15片 华素', '1.5mg×15', 15],
  ['规格：0.1g×12片×2板', '100mg×24', 24],
  ['125μg*30片', '0.125mg×30', 30],
  ['125ug*30片', '0.125mg×30', 30],
  ['125mcg*30片', '0.125mg×30', 30],
  ['0.5L', '500ml×1', 1],
  ['5mg/ml', '5mg/ml', null],
  ['200揿', '(200揿)', null],
  ['10ml:0.5g*10支', '10ml:500mg×10', 10],
  ['250ml:12.5g', '250ml:12.5g×1', 1],
  ['10mmol*10支', '10mmol×10', 10],
  ['维生素B1片 10mg*100片', '10mg×100', 100],
  ['999感冒灵颗粒 10g*9袋', '10g×9', 9],
  ['10袋装', '×10', 10],
  ['', '', null],
  ['H20030123', '', null],
];

describe('parseSpec: real listing specs', () => {
  it.each(REAL)('%s → %s (pack %s)', (raw, normalised, pack) => {
    const p = parseSpec(raw);
    expect(p.normalised).toBe(normalised);
    expect(p.packCount).toBe(pack);
    expect(p.raw).toBe(raw);
  });
});

describe('parseSpec: trade spellings', () => {
  it.each(TRADE)('%s → %s (pack %s)', (raw, normalised, pack) => {
    const p = parseSpec(raw);
    expect(p.normalised).toBe(normalised);
    expect(p.packCount).toBe(pack);
  });
});

describe('parseSpec: fields', () => {
  it('multi-level pack keeps its levels and units', () => {
    const p = parseSpec('0.3g/片*10片/板*3板/盒');
    expect(p.strengths).toEqual([{ value: 300, unit: 'mg' }]);
    expect(p.packLevels).toEqual([{ count: 10, unit: '片' }, { count: 3, unit: '板' }]);
    expect(p.packUnit).toBe('片');
    expect(p.containerUnit).toBe('盒');
  });
  it('2ml:10mg*5支 = volume 2 ml + strength 10 mg, concentration 10 mg per 2 ml', () => {
    const p = parseSpec('2ml:10mg*5支');
    expect(p.volumeMl).toBe(2);
    expect(p.strengths).toEqual([{ value: 10, unit: 'mg' }]);
    expect(p.concentration).toEqual({ amount: { value: 10, unit: 'mg' }, per: { value: 2, unit: 'ml' } });
    expect(p.packCount).toBe(5);
    expect(p.packUnit).toBe('支');
  });
  it('10万iu×5瓶/盒: 100000 iu, 5 bottles a box', () => {
    const p = parseSpec('10万iu×5瓶/盒');
    expect(p.strengths).toEqual([{ value: 100000, unit: 'iu' }]);
    expect(p.packLevels).toEqual([{ count: 5, unit: '瓶' }]);
    expect(p.containerUnit).toBe('盒');
  });
  it('150ml/瓶: volume 150, pack 1 stated', () => {
    const p = parseSpec('150ml/瓶');
    expect(p.volumeMl).toBe(150);
    expect(p.packCount).toBe(1);
    expect(p.packCountImplied).toBeUndefined();
    expect(p.packUnit).toBe('瓶');
  });
  it('20g alone is a fill weight with an implied pack of 1, not a 20000 mg strength', () => {
    const p = parseSpec('20g');
    expect(p.weightMg).toBe(20000);
    expect(p.strengths).toEqual([]);
    expect(p.packCount).toBe(1);
    expect(p.packCountImplied).toBe(true);
  });
  it('a lone strength below 1 g leaves the pack unknown', () => {
    const p = parseSpec('50mg');
    expect(p.strengths).toEqual([{ value: 50, unit: 'mg' }]);
    expect(p.weightMg).toBeUndefined();
    expect(p.packCount).toBeNull();
  });
  it('5%*250ml: 5 % concentration in 250 ml', () => {
    const p = parseSpec('5%*250ml');
    expect(p.strengths).toEqual([{ value: 5, unit: '%' }]);
    expect(p.concentration).toEqual({ amount: { value: 5, unit: '%' } });
    expect(p.volumeMl).toBe(250);
  });
  it('1g:0.1g: fill 1000 mg holding 100 mg', () => {
    const p = parseSpec('1g:0.1g');
    expect(p.weightMg).toBe(1000);
    expect(p.strengths).toEqual([{ value: 100, unit: 'mg' }]);
  });
  it('g → mg without floating-point noise', () => {
    expect(parseSpec('0.3g*20粒').strengths[0]?.value).toBe(300);
    expect(parseSpec('0.35g*12S*3板').strengths[0]?.value).toBe(350);
    expect(parseSpec('0.07g').strengths[0]?.value).toBe(70);
  });
  it('a bare number before a count gets an inferred unit and a warning', () => {
    const p = parseSpec('0.5*20粒');
    expect(p.strengths).toEqual([{ value: 500, unit: 'mg' }]);
    expect(p.warnings.join()).toContain('unit inferred');
  });
  it('T and \'s count tablets and pieces', () => {
    expect(parseSpec('50mg×24T').packUnit).toBe('片');
    expect(parseSpec("24's").packUnit).toBe('s');
  });
  it('never throws on junk and says when nothing usable is there', () => {
    for (const junk of ['', ' ', '见说明书', '***', '////', '(((', '1.2.3.4', '万万万', undefined as unknown as string]) {
      const p = parseSpec(junk);
      expect(hasSpecInfo(p)).toBe(false);
    }
  });
  it('is linear on hostile input', () => {
    const hostile = ['1'.repeat(50_000), '1.'.repeat(30_000), '1g*'.repeat(20_000), '(('.repeat(30_000) + '1', 'a1'.repeat(30_000)];
    const t0 = performance.now();
    for (const h of hostile) parseSpec(h);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

const REF_DIR = process.env['DRUGFLOW_REFERENCE_DIR'] ?? '/work/shared/data/reference';
const LISTINGS = join(REF_DIR, 'drugs_ypzdw_b2b_listings_2017.csv');

describe.skipIf(!existsSync(LISTINGS))('parseSpec over every real listing spec', () => {
  it('≥ 95% of specs yield a pack count or a strength (misses reported)', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(LISTINGS, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const specs = rows.map((r) => r['spec'] ?? '').filter((s) => s.trim() !== '');
    const misses = specs.filter((s) => {
      const p = parseSpec(s);
      return p.packCount === null && p.strengths.length === 0;
    });
    const share = 1 - misses.length / specs.length;
    expect(specs.length).toBeGreaterThan(200);
    expect(share, `misses: ${JSON.stringify(misses)}`).toBeGreaterThanOrEqual(0.95);
  });
});
