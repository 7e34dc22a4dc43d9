import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * vitest globalSetup: every temp folder of a test run (workspaces, databases, exports, the CLI's
 * own scratch) goes under one folder that is removed when the run ends. Tests make temp folders
 * freely and most never removed theirs: each `npm test` left about 550 MB in /tmp, in ~135
 * folders. os.tmpdir() reads TMPDIR, which the forked test workers and the CLI processes they
 * start inherit from this process.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(os.tmpdir(), 'drugflow-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
