/**
 * The benchmarks' command-line flags (a handful each, no dependency): calls `on` with each flag
 * and a `value()` that takes the word after it. A bare `--` (what npm passes through) is skipped.
 */
export function eachFlag(argv: string[], on: (flag: string, value: () => string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--') continue;
    on(flag, () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    });
  }
}
