import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Some of drugflow's own code, named from one module's folder: whole folders, and modules by name (any extension). */
export interface CodeFiles {
  dirs: string[];
  files: string[];
}

const known = new Map<string, string>();

/**
 * sha256 of the code files this process runs, for something derived and kept between runs (the
 * engine's remembered answers, the export files left as they were): any change to that code (a new
 * release, or a developer's edit) makes what was kept stale. `moduleUrl` is the naming module's
 * import.meta.url; paths are hashed relative to its folder, so where drugflow is installed is not
 * part of it. Computed once per process for each set.
 *
 * Take it as the naming module loads (a module-level const), not when the work is recorded: the
 * files are read from disk, and a release installed while a run is under way would otherwise be
 * recorded for months the old code built, which later runs would then keep (seen when `dist/` was
 * rebuilt during a bench run).
 */
export function codeFingerprint(moduleUrl: string, code: CodeFiles): string {
  const here = fileURLToPath(new URL('.', moduleUrl));
  const key = JSON.stringify([here, code]);
  const cached = known.get(key);
  if (cached) return cached;
  const hash = createHash('sha256');
  const add = (file: string): void => {
    hash.update(relative(here, file));
    hash.update(readFileSync(file));
  };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else add(file);
    }
  };
  for (const dir of code.dirs) walk(join(here, dir));
  for (const name of code.files) {
    const dir = join(here, name, '..');
    const base = name.split('/').pop()!;
    for (const entry of readdirSync(dir).filter((f) => f.startsWith(`${base}.`)).sort()) add(join(dir, entry));
  }
  const digest = hash.digest('hex');
  known.set(key, digest);
  return digest;
}
