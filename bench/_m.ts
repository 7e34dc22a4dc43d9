import { createCustomerMatcher } from '../src/match/customer-matcher.js';
const m = createCustomerMatcher([
  { code: 'WH-1', name: '武汉市第一医院', type: 'hospital', province: '湖北省', city: '武汉市' },
  { code: 'ZY-1', name: '枣阳市第一人民医院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'ZY-2', name: '枣阳市第二人民医院', type: 'hospital', province: '湖北省', city: '襄阳市' },
  { code: 'ZY-LT', name: '枣阳市鹿头镇中心卫生院', type: 'hospital', province: '湖北省', city: '襄阳市' },
]);
for (const [n, c] of [['湖北省武汉市第一医院', ''], ['湖北枣阳市第二人民医院', ''], ['枣阳鹿头镇中心卫生院', '襄阳市'], ['枣阳人民医院','']]) console.log(n, JSON.stringify(m.match({ name: n, city: c || undefined })));
