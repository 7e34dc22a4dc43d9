/** Flags of bench:stages (repeat-stages.ts). */
import { eachFlag } from '../flags.js';

/** The stages after resolve, in the order `drugflow run` runs them (run-job.ts). */
export const STAGES = ['classify', 'locks', 'collection', 'reconcile', 'attribute', 'listings', 'export'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageArgs {
  workspace: string;
  stages: StageName[];
  repeat: number;
  /** Another build to measure (a directory with `dist/`), instead of the repo's own. */
  cli?: string;
  /** Where the database copies go (default the system's temp folder): it needs the database's size free. */
  scratch?: string;
}

export function parseStageArgs(argv: string[]): StageArgs {
  const a: StageArgs = { workspace: 'bench/data/ws-1000000', stages: [...STAGES], repeat: 3 };
  eachFlag(argv, (f, next) => {
    if (f === '--workspace') a.workspace = next();
    else if (f === '--stages') a.stages = stagesOf(next());
    else if (f === '--repeat') a.repeat = Number(next());
    else if (f === '--cli') a.cli = next();
    else if (f === '--scratch') a.scratch = next();
    else throw new Error(`unknown flag ${f} (flags: --workspace DIR --stages ${STAGES.join(',')} --repeat N --cli DIR --scratch DIR)`);
  });
  if (!Number.isInteger(a.repeat) || a.repeat < 1) throw new Error(`--repeat must be a whole number ≥ 1, got ${a.repeat}`);
  return a;
}

/** The named stages, in run order whatever order they were given in: each reads what the ones before it wrote. */
function stagesOf(list: string): StageName[] {
  const named = list.split(',').map((s) => s.trim());
  for (const s of named) if (!(STAGES as readonly string[]).includes(s)) throw new Error(`--stages: unknown stage "${s}" (stages: ${STAGES.join(', ')})`);
  return STAGES.filter((s) => named.includes(s));
}
