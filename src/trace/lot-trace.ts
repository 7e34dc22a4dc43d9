import type { Database } from '../db/database.js';
import { stagedText } from '../io/staged-text.js';

export interface TraceMove {
  level: 'primary' | 'secondary' | 'terminal';
  from: string;
  fromName: string | null;
  to: string;
  toName: string | null;
  toType: string | null;
  date: string;
  qty: number;
  sku: string;
  sourceFile: string;
  sourceRow: number;
}

export interface TraceStock {
  distributor: string;
  name: string | null;
  sku: string;
  snapshotDate: string;
  qty: number;
}

export interface LotTrace {
  lot: string;
  sku: string | null;
  moves: TraceMove[];
  /** The last reported stock of the lot at each distributor. */
  stock: TraceStock[];
  totals: { shipped: number; secondary: number; terminal: number; inStock: number };
}

/**
 * Where one lot went: our shipments, distributor-to-distributor sales and sales to terminals,
 * with dates and quantities, and what the last inventory reports still hold. For recalls and
 * quality complaints, and to spot a lot turning up outside its territory (窜货).
 */
export async function traceLot(db: Database, lot: string, sku?: string): Promise<LotTrace> {
  const params = { lot: stagedText(lot), sku: sku ?? null };
  const flows = (['primary', 'secondary', 'terminal'] as const)
    .map(
      (level) => `SELECT '${level}' AS level, f.seller_code AS "from", f.buyer_code AS "to", f.buyer_type AS to_type, f.txn_date AS date,
                         f.qty, f.sku, f.source_file, f.source_row
                  FROM flow_${level} f WHERE f.lot = $lot AND ($sku IS NULL OR f.sku = $sku)`,
    )
    .join(' UNION ALL ');
  const rows = await db.all<{
    level: TraceMove['level'];
    from: string;
    to: string;
    to_type: string | null;
    date: string;
    qty: number;
    sku: string;
    source_file: string;
    source_row: number;
    from_name: string | null;
    to_name: string | null;
  }>(
    'trace lot',
    `SELECT m.*, cf.name AS from_name, ct.name AS to_name
     FROM (${flows}) m
     LEFT JOIN customers cf ON cf.code = m."from"
     LEFT JOIN customers ct ON ct.code = m."to"
     ORDER BY m.date, CASE m.level WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END, m.source_file, m.source_row`,
    params,
  );
  const stock = await db.all<{ distributor: string; name: string | null; sku: string; snapshot_date: string; qty: number }>(
    'trace stock',
    `SELECT i.distributor_code AS distributor, c.name, i.sku, i.snapshot_date, sum(i.qty) AS qty
     FROM inventory_snapshots i LEFT JOIN customers c ON c.code = i.distributor_code
     WHERE i.lot = $lot AND ($sku IS NULL OR i.sku = $sku)
       AND i.snapshot_date = (SELECT max(j.snapshot_date) FROM inventory_snapshots j WHERE j.distributor_code = i.distributor_code)
     GROUP BY ALL ORDER BY distributor, sku`,
    params,
  );
  const moves: TraceMove[] = rows.map((r) => ({
    level: r.level,
    from: r.from,
    fromName: r.from_name,
    to: r.to,
    toName: r.to_name,
    toType: r.to_type,
    date: r.date,
    qty: r.qty,
    sku: r.sku,
    sourceFile: r.source_file,
    sourceRow: r.source_row,
  }));
  const sum = (level: TraceMove['level']) => round(moves.filter((m) => m.level === level).reduce((s, m) => s + m.qty, 0));
  const skus = new Set([...moves.map((m) => m.sku), ...stock.map((s) => s.sku)]);
  return {
    lot: params.lot,
    sku: sku ?? (skus.size === 1 ? [...skus][0]! : null),
    moves,
    stock: stock.map((s) => ({ distributor: s.distributor, name: s.name, sku: s.sku, snapshotDate: s.snapshot_date, qty: s.qty })),
    totals: { shipped: sum('primary'), secondary: sum('secondary'), terminal: sum('terminal'), inStock: round(stock.reduce((s, x) => s + x.qty, 0)) },
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
