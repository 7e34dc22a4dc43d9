/**
 * Text normalisation shared by every matcher: the same rules run on master names and on the
 * distributors' aliases, so two spellings of one name end up as one string.
 *
 * Order matters: NFKC first (full-width `（ＫＨ００１２３）` becomes `(KH00123)`), then brackets,
 * then distributor codes (they are easier to see before whitespace is gone), then traditional →
 * simplified, then whitespace and case.
 */
import * as OpenCC from 'opencc-js';

const OPEN_BRACKETS = /[（【〔［｛《〈「『[{<]/g;
const CLOSE_BRACKETS = /[）】〕］｝》〉」』\]}>]/g;
/** Separators distributors put between a name and a code or note; kept as-is otherwise. */
const DASHES = /[‐‑‒–—―－~～]/g;

/**
 * A distributor's customer or product code: letters then at least three digits (`KH00123`,
 * `C0012`), or four or more digits (`0012`), optionally with dashes or dots (`HB-0012`).
 */
const CODE = '(?:[A-Za-z]{1,4}[-_.]?\\d{3,}[A-Za-z0-9]*|\\d{4,}|[A-Za-z]{1,4}\\d{2,}[-_.]\\d+)';
const CODE_IN_BRACKETS = new RegExp(`\\(\\s*(?:编码|编号|代码|code|no\\.?)?[:：]?\\s*${CODE}\\s*\\)`, 'gi');
const CODE_AFTER_SLASH = new RegExp(`\\s*[/|\\\\]\\s*${CODE}\\s*$`, 'i');
const LEADING_CODE = new RegExp(`^\\s*${CODE}\\s*(?:[-_:：|/.、]\\s*|\\s+)`, 'i');
const TRAILING_CODE = new RegExp(`(?:\\s*[-_:：|/]\\s*|\\s+)${CODE}\\s*$`, 'i');
/** A code glued to the name with no separator: `KH00123北京协和医院`, `协和医院KH00123`. */
const GLUED_LEADING_CODE = /^(?:[A-Za-z]{1,4}\d{3,}|\d{4,})(?=[\u4e00-\u9fff])/;
const GLUED_TRAILING_CODE = /(?<=[\u4e00-\u9fff)])(?:[A-Za-z]{1,4}\d{3,}|\d{4,})$/;
const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

type Convert = (text: string) => string;
interface Converters {
  hk: Convert;
  tw: Convert;
  /** Characters that either converter changes: a cheap test before the real call. */
  chars: Set<string>;
}
let loaded: Converters | null = null;

function converters(): Converters {
  if (!loaded) {
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    // One pass over the CJK blocks, in chunks: far faster than a call per character.
    const chars = new Set<string>();
    for (let start = 0x3400; start <= 0x9fff; start += 512) {
      let chunk = '';
      for (let c = start; c < start + 512 && c <= 0x9fff; c++) chunk += String.fromCharCode(c);
      const out = tw(hk(chunk));
      if (out.length === chunk.length) {
        for (let i = 0; i < chunk.length; i++) if (out[i] !== chunk[i]) chars.add(chunk[i]!);
      } else {
        for (const ch of chunk) if (tw(hk(ch)) !== ch) chars.add(ch);
      }
    }
    loaded = { hk, tw, chars };
  }
  return loaded;
}

const simplifiedCache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/**
 * Traditional (Hong Kong or Taiwan usage) → simplified Chinese. Most names contain no
 * traditional character at all, so they skip the converter; converted strings are cached.
 */
export function toSimplified(text: string): string {
  const { hk, tw, chars } = converters();
  let hasTraditional = false;
  for (const ch of text) {
    if (chars.has(ch)) {
      hasTraditional = true;
      break;
    }
  }
  if (!hasTraditional) return text;
  const cached = simplifiedCache.get(text);
  if (cached !== undefined) return cached;
  const out = tw(hk(text));
  if (simplifiedCache.size >= CACHE_LIMIT) simplifiedCache.clear();
  simplifiedCache.set(text, out);
  return out;
}

/** Full-width → half-width, every bracket shape → `(` `)`, dash variants → `-`. */
export function unifyForms(text: string): string {
  return text.normalize('NFKC').replace(OPEN_BRACKETS, '(').replace(CLOSE_BRACKETS, ')').replace(DASHES, '-');
}

/** Removes distributor codes: `[KH00123]`, `(KH00123)`, `name/C0012`, `0012-name`, `name-0012`. */
export function stripCodes(text: string): string {
  if (!/\d/.test(text)) return text;
  let out = text.replace(CODE_IN_BRACKETS, '');
  let previous = '';
  while (previous !== out) {
    previous = out;
    out = out
      .replace(CODE_AFTER_SLASH, '')
      .replace(LEADING_CODE, '')
      .replace(TRAILING_CODE, '')
      .trim()
      .replace(GLUED_LEADING_CODE, '')
      .replace(GLUED_TRAILING_CODE, '');
  }
  return out;
}

/**
 * The common normal form of any name: NFKC, unified brackets, codes stripped, simplified
 * characters, whitespace removed, latin lower-cased. Empty brackets left by code removal go too.
 */
export function normaliseText(raw: string): string {
  let text = unifyForms(raw);
  text = stripCodes(text);
  text = toSimplified(text);
  text = text.replace(WHITESPACE, '').toLowerCase();
  text = text.replace(/\(\)/g, '');
  // Separators left dangling at either end once a code or note is gone.
  return text.replace(/^[-_:|/.,、,;；]+|[-_:|/.,、,;；]+$/g, '');
}
