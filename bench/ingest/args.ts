import { eachFlag } from '../flags.js';

/** Command-line flags shared by the generator and the runner (no dependency: a handful of flags). */
export interface IngestArgs {
  rows: number[];
  out?: string;
  seed: number;
  fresh: boolean;
  reference: string;
  /** Skip the split (CSV-only / xlsx-only) drugflow runs. */
  noSplit: boolean;
  /**
   * A directory holding a built drugflow (`bin/drugflow` + `dist/`) to measure instead of the
   * repo's own, which is then not rebuilt: A/B of two builds on one data set in one session.
   */
  cli?: string;
}

export function parseArgs(argv: string[]): IngestArgs {
  const a: IngestArgs = {
    rows: [],
    seed: 1,
    fresh: false,
    reference: process.env.DRUGFLOW_REFERENCE_DIR ?? '/work/shared/data/reference',
    noSplit: false,
  };
  eachFlag(argv, (f, next) => {
    if (f === '--rows') a.rows.push(...next().split(',').map((s) => Number(s.replace(/_/g, ''))));
    else if (f === '--out') a.out = next();
    else if (f === '--seed') a.seed = Number(next());
    else if (f === '--reference') a.reference = next();
    else if (f === '--fresh') a.fresh = true;
    else if (f === '--no-split') a.noSplit = true;
    else if (f === '--cli') a.cli = next();
    else throw new Error(`unknown flag ${f} (flags: --rows N[,N…] --out DIR --seed N --fresh --no-split --reference DIR --cli DIR)`);
  });
  if (a.rows.length === 0) a.rows = [1_000_000];
  for (const r of a.rows) if (!Number.isInteger(r) || r < 1000) throw new Error(`--rows must be an integer ≥ 1000, got ${r}`);
  return a;
}

export const defaultOut = (rows: number): string => `bench/data/ws-${rows}`;
