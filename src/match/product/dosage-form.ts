/**
 * Dosage forms (剂型). The same generic in another form is another product: 阿卡波糖片 ≠ 阿卡波糖胶囊,
 * 硝苯地平片 ≠ 硝苯地平控释片.
 *
 * Public, stable:
 *   detectDosageForm(name: string): string | undefined   canonical form of a name or form word
 *   compareDosageForm(a, b): 'same' | 'different' | 'unknown'   unknown when either has no form
 *   sameDosageForm(a, b): boolean                       compareDosageForm(a, b) === 'same'
 *   DOSAGE_FORMS: readonly string[]                    the canonical forms
 *
 * A name's form is the longest known form word it ends with, after bracketed parts and trailing
 * non-Chinese characters are removed (复方丹参片(薄膜衣片) → 片; 感冒灵颗粒☆ → 颗粒); `注射用…` is a
 * prefix form. When the outside has none, a bracketed form word counts (人丹(丸剂) → 丸).
 * Synonyms fold to one canonical form: 片剂/薄膜衣片/糖衣片 → 片, 冲剂/颗粒剂 → 颗粒, 口服溶液 → 口服液,
 * 胶囊剂/硬胶囊 → 胶囊, 胶丸 → 软胶囊, 栓剂 → 栓, 锭剂 → 锭, 贴 → 贴剂.
 */

import { memoByString } from './pure-memo.js';

/** canonical → spellings (the canonical itself included). */
const FORM_TABLE: Record<string, string[]> = {
  片: ['片', '片剂', '素片', '薄膜衣片', '糖衣片', '包衣片'],
  含片: ['含片', '口含片', '含化片'],
  咀嚼片: ['咀嚼片'],
  泡腾片: ['泡腾片'],
  阴道泡腾片: ['阴道泡腾片'],
  阴道片: ['阴道片'],
  分散片: ['分散片'],
  缓释片: ['缓释片', '缓释薄膜衣片'],
  控释片: ['控释片'],
  肠溶片: ['肠溶片', '肠溶衣片', '肠溶薄膜衣片'],
  口腔崩解片: ['口腔崩解片', '口崩片'],
  舌下片: ['舌下片'],
  胶囊: ['胶囊', '胶囊剂', '硬胶囊'],
  软胶囊: ['软胶囊', '胶丸'],
  肠溶胶囊: ['肠溶胶囊'],
  缓释胶囊: ['缓释胶囊'],
  颗粒: ['颗粒', '颗粒剂', '冲剂'],
  泡腾颗粒: ['泡腾颗粒'],
  缓释颗粒: ['缓释颗粒'],
  干混悬剂: ['干混悬剂'],
  混悬液: ['混悬液', '口服混悬液', '混悬剂'],
  散: ['散', '散剂'],
  丸: ['丸', '丸剂', '水丸', '蜜丸', '大蜜丸', '小蜜丸', '浓缩丸', '水蜜丸'],
  滴丸: ['滴丸'],
  锭: ['锭', '锭剂'],
  注射液: ['注射液', '注射剂'],
  注射用: ['注射用'],
  口服液: ['口服液', '口服溶液', '口服溶液剂'],
  合剂: ['合剂'],
  糖浆: ['糖浆', '糖浆剂'],
  露: ['露'],
  酊: ['酊', '酊剂'],
  搽剂: ['搽剂'],
  洗剂: ['洗剂', '发用洗剂'],
  溶液: ['溶液', '外用溶液'],
  乳膏: ['乳膏'],
  软膏: ['软膏'],
  眼膏: ['眼膏'],
  凝胶: ['凝胶'],
  眼用凝胶: ['眼用凝胶'],
  乳胶剂: ['乳胶剂'],
  滴眼液: ['滴眼液', '滴眼剂'],
  滴耳液: ['滴耳液'],
  滴鼻液: ['滴鼻液'],
  滴剂: ['滴剂'],
  喷雾剂: ['喷雾剂', '鼻喷雾剂'],
  气雾剂: ['气雾剂'],
  吸入气雾剂: ['吸入气雾剂'],
  粉雾剂: ['粉雾剂', '吸入粉雾剂'],
  吸入剂: ['吸入剂'],
  贴剂: ['贴剂', '贴', '贴片'],
  贴膏: ['贴膏', '橡胶膏', '巴布膏', '膏药'],
  栓: ['栓', '栓剂'],
  阴道栓: ['阴道栓'],
  乳剂: ['乳剂', '脂肪乳'],
  煎膏: ['煎膏', '膏滋'],
  茶: ['茶', '袋泡茶'],
  酒: ['酒', '药酒'],
};

/** Longer input is not a product name; cut it so every scan stays cheap. */
const MAX_NAME = 500;

export const DOSAGE_FORMS: readonly string[] = Object.keys(FORM_TABLE);

const SPELLING_TO_FORM = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(FORM_TABLE)) {
  for (const s of spellings) SPELLING_TO_FORM.set(s, canonical);
}
const SPELLINGS = [...SPELLING_TO_FORM.keys()].sort((a, b) => b.length - a.length);

function suffixForm(text: string): string | undefined {
  for (const s of SPELLINGS) {
    if (s !== '注射用' && text.endsWith(s)) return SPELLING_TO_FORM.get(s);
  }
  return undefined;
}

/** Trailing marks and qualifiers: ☆, Latin/Roman suffixes (Ⅰ, I, TPF), 型 (含糖型, 胶囊型). */
function trimQualifiers(s: string): string {
  let end = s.length;
  while (end > 0 && !/[\u3400-\u9fff]/u.test(s[end - 1] ?? '')) end--; // a loop, not /[^…]+$/ (quadratic)
  return s.slice(0, end).replace(/(?:含糖|无糖|儿童|成人|小儿|薄膜衣|胶囊)?型$/u, '');
}

export function detectDosageForm(name: string): string | undefined {
  return typeof name === 'string' ? detectMemo(name) : undefined;
}

function detectUncached(name: string): string | undefined {
  const s = name.slice(0, MAX_NAME).normalize('NFKC').trim();
  if (s === '') return undefined;
  const exact = SPELLING_TO_FORM.get(s);
  if (exact) return exact;
  const bracketed: string[] = [];
  const outside = trimQualifiers(s
    .replace(/[(（[【]([^()（）[\]【】]{0,30})[)）\]】]/gu, (_m, inner: string) => {
      bracketed.push(inner);
      return '';
    })
  );
  if (outside.startsWith('注射用')) return '注射用';
  const fromOutside = suffixForm(outside);
  if (fromOutside) return fromOutside;
  for (const b of bracketed) {
    const f = SPELLING_TO_FORM.get(b.trim()) ?? suffixForm(b.trim());
    if (f) return f;
  }
  return undefined;
}

// Alias analysis asks for the form of the same few thousand words and names over and over.
const detectMemo = memoByString(detectUncached);

export function compareDosageForm(a: string | undefined, b: string | undefined): 'same' | 'different' | 'unknown' {
  const fa = detectDosageForm(a ?? '');
  const fb = detectDosageForm(b ?? '');
  if (fa === undefined || fb === undefined) return 'unknown';
  return fa === fb ? 'same' : 'different';
}

export function sameDosageForm(a: string | undefined, b: string | undefined): boolean {
  return compareDosageForm(a, b) === 'same';
}
