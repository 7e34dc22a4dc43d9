import { parseSpec } from '../../../../src/match/product/spec-parse.js';
import { splitProductName } from '../../../../src/match/product/product-name.js';
import { detectDosageForm } from '../../../../src/match/product/dosage-form.js';
import { manufacturerMatch } from '../../../../src/match/product/manufacturer.js';
const n = 100000;
const inputs: Record<string,string> = { digits: '1'.repeat(n), dots: '1.'.repeat(n/2), gstar: '1g*'.repeat(n/3), parens: '(('.repeat(n/2)+'1', a1: 'a1'.repeat(n/2), aThenPian: 'a'.repeat(n)+'片', ab: 'a b '.repeat(n/4), aaa: 'a'.repeat(n), cjk: '片'.repeat(n), mixed: '1 - '.repeat(n/4), sp: '1 '.repeat(n/2) + 'x', lp: '('.repeat(n) };
for (const [k, v] of Object.entries(inputs)) {
  for (const [fname, f] of [['parseSpec', parseSpec], ['split', (x: string) => splitProductName(x)], ['form', detectDosageForm], ['mfr', (x: string) => manufacturerMatch(x, '拜耳')]] as const) {
    const t = performance.now(); (f as (x: string) => unknown)(v); const dt = performance.now() - t;
    if (dt > 50) console.log(k, fname, dt.toFixed(0), 'ms');
  }
}
console.log('done');
