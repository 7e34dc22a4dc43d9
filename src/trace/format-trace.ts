import type { LotTrace, TraceMove } from './lot-trace.js';

/**
 * The trace as a tree people read: each holder's sales indented under the move that brought
 * the lot to it; sales by holders we never saw receive it are listed at the top level.
 */
export function formatTrace(trace: LotTrace): string {
  if (trace.moves.length === 0 && trace.stock.length === 0) return `lot ${trace.lot}: not found in any flow or inventory table`;
  const lines = [`lot ${trace.lot}${trace.sku ? ` (${trace.sku})` : ''}`];
  const bySeller = new Map<string, TraceMove[]>();
  for (const m of trace.moves) bySeller.set(m.from, [...(bySeller.get(m.from) ?? []), m]);
  const received = new Set(trace.moves.map((m) => m.to));
  const printed = new Set<TraceMove>();
  const visit = (holder: string, depth: number, seen: Set<string>) => {
    for (const m of bySeller.get(holder) ?? []) {
      if (printed.has(m)) continue;
      printed.add(m);
      lines.push(`${'  '.repeat(depth)}${m.date}  ${label(m.from, m.fromName)} → ${label(m.to, m.toName)}${m.toType ? ` [${m.toType}]` : ''}  ${m.qty}  (${m.sourceFile}:${m.sourceRow})`);
      if (!seen.has(m.to)) visit(m.to, depth + 1, new Set([...seen, m.to]));
    }
  };
  const roots = [...bySeller.keys()].filter((seller) => !received.has(seller));
  for (const root of roots) visit(root, 1, new Set([root]));
  for (const seller of bySeller.keys()) visit(seller, 1, new Set([seller]));
  for (const s of trace.stock) lines.push(`  in stock at ${label(s.distributor, s.name)} on ${s.snapshotDate}: ${s.qty}`);
  const t = trace.totals;
  lines.push(`totals: shipped ${t.shipped}, distributor to distributor ${t.secondary}, to terminals ${t.terminal}, in stock ${t.inStock}`);
  return lines.join('\n');
}

function label(code: string, name: string | null): string {
  return name ? `${code} ${name}` : code;
}
