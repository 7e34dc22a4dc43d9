import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder for a run's temporary copies of input files (the UTF-8 copy a CSV is parsed from by
 * read_csv): inside the workspace, so a run reads and writes nothing outside it, on the same disk
 * as the database. Emptied at the start of each load, which also clears what a killed run left;
 * safe because the caller holds the workspace lock.
 */
export function scratchDirectory(workspaceRoot: string): string {
  return path.join(workspaceRoot, '.drugflow', 'tmp');
}

export function resetScratchDirectory(workspaceRoot: string): string {
  const dir = scratchDirectory(workspaceRoot);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
