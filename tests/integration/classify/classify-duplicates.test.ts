import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { runClassifyStage } from '../../../src/stages/classify/classify-stage.js';
import { classifyWorkspace, filePath, lineDefaults, type Line, type Resolutions } from './classify-workspace.js';

const RESOLUTIONS: Resolutions = {
  customers: [['H1', 'hospital'], ['H2', 'hospital']],
  // two spellings of one hospital, and a name still in review
  customerAliases: [
    ['D1', '协和医院', 'auto', 'H1'],
    ['D1', '北京协和医院', 'auto', 'H1'],
    ['D1', '和平里医院', 'auto', 'H2'],
    ['D1', '某诊所', 'review', 'H2'],
  ],
  // the same SKU reported in boxes and in tablets (30 a box)
  productAliases: [
    ['D1', '阿卡波糖片', '50mg*30片', '盒', 'auto', 'SKU1', 1],
    ['D1', '阿卡波糖片', '50mg*30片', '片', 'auto', 'SKU1', 1 / 30],
    ['D1', '二甲双胍片', '0.5g*20片', '盒', 'auto', 'SKU2', 1],
  ],
};

type Flagged = { source_file: string; source_row: number; duplicate_of: string };

async function flagged(lines: Line[]): Promise<Flagged[]> {
  const db = await classifyWorkspace(lines, RESOLUTIONS);
  try {
    await runClassifyStage(db);
    return await readFlagged(db);
  } finally {
    db.close();
  }
}

const readFlagged = (db: Database) =>
  db.all<Flagged>('q', 'SELECT source_file, source_row, duplicate_of FROM suspected_duplicates ORDER BY source_file, source_row');

describe('classify: suspected duplicates', () => {
  it('flags the k-th repeat of a line in a later file against the k-th in an earlier file, never lines inside one file', async () => {
    const lines: Line[] = [
      { file: 1, row: 2 },
      { file: 1, row: 3 }, // identical to row 2 in the same file: legitimate
      { file: 2, row: 2 },
      { file: 2, row: 3 },
      { file: 2, row: 4 }, // a third copy that file 1 does not have
      { file: 3, row: 7 },
    ];
    expect(await flagged(lines)).toEqual([
      { source_file: filePath(2), source_row: 2, duplicate_of: `${filePath(1)}:2` },
      { source_file: filePath(2), source_row: 3, duplicate_of: `${filePath(1)}:3` },
      { source_file: filePath(3), source_row: 7, duplicate_of: `${filePath(1)}:2` },
    ]);
  });

  it('compares resolved codes, so a line spelled another way in the other channel is still the same line', async () => {
    const lines: Line[] = [
      { file: 1, row: 2, customer: '协和医院', qty: 2 },
      { file: 2, row: 5, customer: '北京协和医院', unit: '片', qty: 60 },
    ];
    expect(await flagged(lines)).toEqual([{ source_file: filePath(2), source_row: 5, duplicate_of: `${filePath(1)}:2` }]);
  });

  it('does not flag lines that share seller, day and lot but differ in buyer, product or quantity', async () => {
    const lines: Line[] = [
      { file: 1, row: 2 },
      { file: 2, row: 2, customer: '和平里医院' },
      { file: 2, row: 3, product: '二甲双胍片', spec: '0.5g*20片' },
      { file: 2, row: 4, qty: 3 },
      { file: 2, row: 5, date: '2026-10-03' },
    ];
    expect(await flagged(lines)).toEqual([]);
  });

  it('treats missing dates, lots and unresolved names alike in both files, as the line they are', async () => {
    const lines: Line[] = [
      { file: 1, row: 2, date: null, lot: null, customer: '某诊所' },
      { file: 2, row: 9, date: null, lot: null, customer: '某诊所' },
    ];
    expect(await flagged(lines)).toEqual([{ source_file: filePath(2), source_row: 9, duplicate_of: `${filePath(1)}:2` }]);
  });

  it('agrees with the definition (a window over every row) on a month full of near-repeats', async () => {
    const lines = randomLines(400, 20261002);
    const expected = definition(lines);
    // the draw must exercise the rule: many repeats, some of them second and third copies
    expect(expected.length).toBeGreaterThan(40);
    expect(new Set(expected.map((f) => f.duplicate_of)).size).toBeLessThan(expected.length);
    expect(await flagged(lines)).toEqual(expected);
  });
});

/** Lines drawn from tiny domains so that repeats within and across files are common. */
function randomLines(n: number, seed: number): Line[] {
  let state = seed;
  const pick = <T>(xs: T[]): T => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return xs[state % xs.length] as T;
  };
  const rows = new Map<number, number>();
  return Array.from({ length: n }, () => {
    const file = pick([1, 2, 3, 4, 5]);
    const row = (rows.get(file) ?? 1) + 1;
    rows.set(file, row);
    const [unit, qty] = pick<[string, number]>([['盒', 1], ['盒', 2], ['片', 30], ['片', 60]]);
    return {
      file,
      row,
      seller: pick(['D1', 'D1', 'D2']),
      date: pick(['2026-10-01', '2026-10-02', null]),
      customer: pick(['协和医院', '北京协和医院', '和平里医院', '某诊所', null]),
      lot: pick(['L1', 'L2', null]),
      unit,
      qty,
    };
  });
}

/**
 * The k-th identical line of a later file repeats the k-th of the earliest file that has one; a
 * line is seller, kind, date, buyer (code, else the name), product (SKU, else name|spec), lot and
 * quantity in standard units. Written independently of the SQL, NULL matching NULL as SQL's
 * PARTITION BY does.
 */
function definition(lines: Line[]): Flagged[] {
  const customerCode = new Map(RESOLUTIONS.customerAliases.filter((a) => a.at(2) === 'auto').map(([s, name, , code]) => [`${s}|${name}`, code]));
  const product = new Map(RESOLUTIONS.productAliases.map(([s, name, spec, unit, , code, factor]) => [`${s}|${name}|${spec}|${unit}`, { code, factor }]));
  const groups = new Map<string, Required<Line>[]>();
  for (const l of lines.map(lineDefaults).sort((a, b) => a.file - b.file || a.row - b.row)) {
    const p = product.get(`${l.seller}|${l.product}|${l.spec}|${l.unit}`);
    const buyer = customerCode.get(`${l.seller}|${l.customer}`) ?? l.customer ?? l.store;
    const sku = p?.code ?? (l.product === null ? null : `${l.product}|${l.spec ?? ''}`);
    const qty = l.qty === null ? null : l.qty * (p?.factor ?? 1);
    const key = JSON.stringify([l.seller, l.kind, l.date, buyer, sku, l.lot, qty]);
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const out: Flagged[] = [];
  for (const group of groups.values()) {
    const byFile = new Map<number, Required<Line>[]>();
    for (const l of group) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
    const files = [...byFile.keys()].sort((a, b) => a - b);
    const deepest = Math.max(...[...byFile.values()].map((ls) => ls.length));
    for (let k = 0; k < deepest; k++) {
      const kth = files.map((f) => byFile.get(f)![k]).filter((l): l is Required<Line> => l !== undefined);
      const [original, ...repeats] = kth;
      for (const r of repeats) out.push({ source_file: filePath(r.file), source_row: r.row, duplicate_of: `${filePath(original!.file)}:${original!.row}` });
    }
  }
  return out.sort((a, b) => a.source_file.localeCompare(b.source_file) || a.source_row - b.source_row);
}
