import { readFileSync } from 'node:fs';
import { parseCustomerName } from '../src/match/customer-normalise.js';
import { normaliseText } from '../src/match/text-normalise.js';
const names = readFileSync('/work/shared/data/reference/hospitals_cn_fever_clinics_2020.csv','utf8').split('\n').slice(1).map(l=>l.split(',')[3]!).filter(Boolean);
normaliseText('x'); parseCustomerName('北京协和医院');
let t = performance.now(); for (let r=0;r<3;r++) for (const n of names) normaliseText(n); console.log('normalise', names.length*3, performance.now()-t);
t = performance.now(); for (let r=0;r<3;r++) for (const n of names) parseCustomerName(n); console.log('parse', names.length*3, performance.now()-t);
