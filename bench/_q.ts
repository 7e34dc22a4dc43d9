import { parseCustomerName } from '../src/match/customer-normalise.js';
import { normaliseText } from '../src/match/text-normalise.js';
import { regionIndex } from '../src/match/region.js';
let t = performance.now(); normaliseText('x'); console.log('opencc init', performance.now()-t);
t = performance.now(); regionIndex(); console.log('region init', performance.now()-t);
const names = ['北京协和医院(东院)','中国医学科学院北京协和医院','首都医科大学附属北京同仁医院药剂科','枣阳市杨垱镇中心卫生院','湖北省武汉市江岸区人民医院','广州医药大药房有限公司南沙中心店'];
t = performance.now(); for (let i=0;i<20000;i++) for (const n of names) normaliseText(n+i); console.log('normalise 120k', performance.now()-t);
t = performance.now(); for (let i=0;i<20000;i++) for (const n of names) parseCustomerName(n+i); console.log('parse 120k', performance.now()-t);
