/**
 * Scoring one master SKU against one prepared alias: a name part (how the alias names the product),
 * a spec part and a maker part, the vetoes that make it a different SKU (strength or pack, dosage
 * form, maker, brand, salt, variant) and the rules that allow only review (a missing spec or maker
 * that leaves several SKUs possible, a name that is only similar).
 *
 * score = 0.7·name + 0.15·spec + 0.15·maker; spec and maker count 1 when they agree, less when the
 * alias does not say (so a full match outranks a partial one), and veto when they disagree.
 */
import type { ScoredCandidate } from '../decision.js';
import { dice } from './product-keys.js';
import type { PreparedEntry, ProductMasterIndex } from './product-master-index.js';
import type { PreparedProductQuery } from './product-query.js';
import { compareSpecsWithFacts } from './spec-compare.js';

const W_NAME = 0.7;
const W_SPEC = 0.15;
const W_MAKER = 0.15;

const fmt = (x: number): string => x.toFixed(2);

interface NamePart {
  score: number;
  rule: string;
  found: 'key' | 'fuzzy';
}

function namePart(q: PreparedProductQuery, e: PreparedEntry): NamePart {
  const g = q.generic.get(e.id);
  const brand = e.brand !== undefined && q.brands.includes(e.brand);
  if (g && brand) return { score: Math.max(g.score, 0.99), rule: `${g.rule} + brand`, found: 'key' };
  if (g) return { score: g.score, rule: g.rule, found: 'key' };
  if (brand) return { score: 1, rule: 'brand', found: 'key' };
  const sim = Math.max(dice(q.core, e.base), e.brand ? dice(q.core, e.brand) : 0);
  return { score: sim, rule: 'similar name', found: 'fuzzy' };
}

/** SKUs of e's product (generic + form + maker) that the alias's spec does not rule out. */
export function fittingSkus(index: ProductMasterIndex, q: PreparedProductQuery, e: PreparedEntry): PreparedEntry[] {
  const ids = index.byProduct.get(e.product) ?? [e.id];
  return ids.map((id) => index.entries[id]!).filter((s) => !q.specInfo || compareSpecsWithFacts(q.spec, q.specFacts, s.spec, s.specFacts) !== 'different');
}

type SpecVerdict = 'same' | 'different' | 'unknown';
type MakerVerdict = ReturnType<ProductMasterIndex['makerRelation']>;

/**
 * The texts of one scored pair: the score parts and the rules that allow only review. Built only
 * when read — decide() reads them for the best candidate and its rival, never for the rest, and
 * the fit count behind a rule costs a pass over the product's SKUs.
 */
function describe(
  index: ProductMasterIndex, q: PreparedProductQuery, e: PreparedEntry, name: NamePart, cmp: SpecVerdict, rel: MakerVerdict,
): { parts: string; blockAuto?: string } {
  const blocks: string[] = [];
  if (name.found === 'fuzzy') blocks.push('name only similar');

  let specText: string;
  if (cmp === 'different') specText = 'differs';
  else if (cmp === 'same') specText = `same ${e.spec.normalised}`;
  else {
    specText = q.specInfo ? `partial ${q.spec.normalised}` : 'not stated';
    // The alias states a pack the master's spec leaves open (`500mg*3瓶` against `0.5g`): a
    // multi-unit box may be a pack we do not sell, so this is not a confirmation.
    const aliasPack = q.spec.packCount !== null && !q.spec.packCountImplied ? q.spec.packCount : null;
    if (aliasPack !== null && aliasPack > 1 && (e.spec.packCount === null || e.spec.packCountImplied)) {
      blocks.push(`spec states a pack of ${aliasPack}, the master's ${e.spec.normalised} none`);
    }
    const fit = fittingSkus(index, q, e).length;
    if (fit > 1) blocks.push(`spec ${q.specInfo ? 'partial' : 'not stated'}: ${fit} SKUs of this product fit`);
  }

  let makerText: string;
  if (!q.manufacturer) {
    makerText = 'not stated';
    const viaBrand = e.brand !== undefined && q.brands.includes(e.brand);
    const makers = viaBrand ? index.makersByBrand.get(e.brand ?? '') ?? 1 : index.makersByGeneric.get(e.saltless) ?? 1;
    if (makers > 1) blocks.push(`maker not stated: ${makers} makers sell this ${viaBrand ? 'brand' : 'generic'}`);
  } else if (rel === 'different') makerText = 'differs';
  else if (rel === 'exact' || rel === 'same') makerText = rel === 'exact' ? 'same' : 'same group';
  else {
    makerText = !e.manufacturer ? 'master has none' : rel === 'partial' ? 'cut short' : 'unrecognised';
    if (e.manufacturer) blocks.push(`maker ${q.manufacturer} ${rel === 'partial' ? 'only a cut of' : 'not recognised as'} ${e.manufacturer}`);
  }
  const parts = `name ${fmt(name.score)} ${name.rule}; spec ${specText}; maker ${makerText}`;
  return blocks.length ? { parts, blockAuto: blocks.join('; ') } : { parts };
}

/** A scored pair whose texts (parts, blockAuto) are made on first read; see describe(). */
class ProductCandidate implements ScoredCandidate {
  private texts: { parts: string; blockAuto?: string } | undefined;

  constructor(
    readonly code: string,
    readonly name: string,
    readonly score: number,
    readonly vetoes: string[],
    readonly method: ScoredCandidate['method'],
    // What describe() needs, kept instead of a closure (one object less per candidate).
    private readonly index: ProductMasterIndex,
    private readonly q: PreparedProductQuery,
    private readonly e: PreparedEntry,
    private readonly namePart: NamePart,
    private readonly cmp: SpecVerdict,
    private readonly rel: MakerVerdict,
  ) {}

  private explain(): { parts: string; blockAuto?: string } {
    return (this.texts ??= describe(this.index, this.q, this.e, this.namePart, this.cmp, this.rel));
  }

  get parts(): string {
    return this.explain().parts;
  }

  get blockAuto(): string | undefined {
    return this.explain().blockAuto;
  }
}

export function scoreProduct(index: ProductMasterIndex, q: PreparedProductQuery, e: PreparedEntry): ScoredCandidate {
  const vetoes: string[] = [];
  const name = namePart(q, e);

  if (q.form && e.form && q.form !== e.form) vetoes.push(`dosage form ${q.form} ≠ ${e.form}`);
  if (q.salt && e.salt && q.salt !== e.salt) vetoes.push(`salt ${q.salt} ≠ ${e.salt}`);
  if (q.variants.length && e.variants.length && !q.variants.some((v) => e.variants.includes(v))) {
    vetoes.push(`variant (${q.variants.join(',')}) ≠ (${e.variants.join(',')})`);
  }
  if (q.brands.length && !(e.brand !== undefined && q.brands.includes(e.brand))) {
    vetoes.push(`brand ${q.brands.join('/')} is another product's`);
  }

  const cmp: SpecVerdict = q.specInfo ? compareSpecsWithFacts(q.spec, q.specFacts, e.spec, e.specFacts) : 'unknown';
  let spec: number;
  if (cmp === 'different') {
    vetoes.push(`spec ${q.spec.normalised} ≠ ${e.spec.normalised}`);
    spec = 0;
  } else if (cmp === 'same') spec = 1;
  else spec = q.specInfo ? 0.8 : 0.7;

  const rel: MakerVerdict = q.manufacturer && e.manufacturer ? index.makerRelation(q.manufacturer, e.manufacturer) : 'unknown';
  let maker: number;
  if (!q.manufacturer) maker = 0.8;
  else if (rel === 'different') {
    vetoes.push(`maker ${q.manufacturer} ≠ ${e.manufacturer}`);
    maker = 0;
  } else if (rel === 'exact' || rel === 'same') {
    // The alias naming this very company outranks a sibling company of the same group.
    maker = rel === 'exact' ? 1 : 0.75;
  } else maker = 0.6;

  const score = W_NAME * name.score + W_SPEC * spec + W_MAKER * maker;
  const exact = q.nameKey === e.key && q.specKey !== '' && q.specKey === e.specKey;
  const method = exact ? 'exact' : name.found === 'key' ? 'normalised' : 'fuzzy';
  return new ProductCandidate(e.entry.sku, e.display, score, vetoes, method, index, q, e, name, cmp, rel);
}
