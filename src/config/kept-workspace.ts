import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { codeFingerprint } from '../run/code-fingerprint.js';
import { statKey } from '../stages/discover/file-identity.js';
import { loadWorkspace, WORKSPACE_FILE } from './load-workspace.js';
import type { Workspace } from './workspace.js';

/**
 * The validated workspace, kept between commands. Reading and checking a national workspace's
 * config (100,000 customers, 60,000 assignments, 500 pipelines) took 2.3–3.0 s of every run and
 * every command, before its first log line: on a night after the first, about a fifteenth of the
 * run. The workspace as the last full load validated it is kept in .drugflow/, with a stamp of
 * every file it was read from; a command whose inputs all carry the same stamps takes it as it
 * was (0.6 s), and any other reads and checks everything again (load-workspace.ts).
 *
 * A file's stamp is the one the inbox's files are known by (statKey: device, inode, size, and
 * modification and change times), so an edited file never passes for the one that was checked. A
 * folder's stamp is its names, so a pipeline or mapping file added or removed is seen too. Only a
 * workspace that passed every check is kept: a config with problems is read, and reported, every
 * time.
 */

/** Where the kept workspace is, beside the run's scratch folder (scratch-directory.ts). */
export const keptWorkspacePath = (root: string): string => path.join(root, '.drugflow', 'workspace.v8');

/** The code the checks and the kept value depend on: this folder, and what its schemas use. */
const CONFIG_CODE = { dirs: ['.'], files: ['../io/staged-text', '../errors', '../stages/export/excel-row-limit'] };
const CONFIG_CODE_HASH = codeFingerprint(import.meta.url, CONFIG_CODE); // as the module loads (code-fingerprint.ts)

const FORMAT = 1;

interface Kept {
  format: number;
  root: string;
  code: string;
  /** Each input file or folder (absolute) with its stamp when the workspace was read. */
  inputs: [path: string, stamp: string][];
  workspace: Workspace;
}

/**
 * The workspace in `workspaceDir`: as kept, when none of its inputs changed since it was checked,
 * else read and checked (loadWorkspace, which throws ConfigError naming every problem) and kept.
 * `read` is the full load, for tests that count them.
 */
export function loadWorkspaceKept(workspaceDir: string, read: (dir: string) => Workspace = loadWorkspace): Workspace {
  const root = path.resolve(workspaceDir);
  const file = keptWorkspacePath(root);
  const kept = readKept(file);
  // The load also checks that the inbox exists, which is not an input: checked again.
  const unchanged = kept !== null && kept.root === root && kept.code === CONFIG_CODE_HASH && kept.inputs.every(([p, stamp]) => stamped(p).stamp === stamp);
  if (unchanged && existsSync(kept.workspace.inboxDir)) return kept.workspace;
  const readFrom = nowNs();
  const workspace = read(root);
  const inputs = inputsOf(workspace);
  // A file saved while the load read it would be kept with its new stamp and what the load read
  // before: nothing is kept then, and the next command reads everything again.
  if (inputs.every((i) => i.changed < readFrom - SETTLED_NS)) {
    writeKept(file, { format: FORMAT, root, code: CONFIG_CODE_HASH, inputs: inputs.map((i) => [i.path, i.stamp]), workspace });
  }
  return workspace;
}

/**
 * How long before the load began an input must have last changed to be kept. File times come
 * from the kernel's coarse clock, which lags the real one by up to a tick (1–10 ms): a file saved
 * just after the load began can carry a time just before it.
 */
const SETTLED_NS = 50_000_000n;

/** Now, in nanoseconds since the epoch, as the file system keeps change times. */
const nowNs = (): bigint => BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1e6));

/** An input as it stands: its stamp, and when it last changed (content, names or metadata; 0 when it is not there). */
interface Stamped {
  path: string;
  stamp: string;
  changed: bigint;
}

/** drugflow.yaml, and each folder the pipelines and mappings were read from, with every file in it. */
function inputsOf(ws: Workspace): Stamped[] {
  const folders = new Set([ws.mappingsDir, ...ws.pipelines.map((p) => path.dirname(path.resolve(ws.root, p.configFile)))]);
  const paths = [path.join(ws.root, WORKSPACE_FILE)];
  for (const folder of folders) {
    paths.push(folder);
    for (const name of namesIn(folder)) paths.push(path.join(folder, name));
  }
  return paths.map(stamped);
}

const namesIn = (folder: string): string[] => {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
};

/** A file's statKey; a folder's names; `missing` for neither. One stat gives the stamp and the change time. */
function stamped(p: string): Stamped {
  try {
    const s = statSync(p, { bigint: true });
    return { path: p, stamp: s.isDirectory() ? `dir:${JSON.stringify(namesIn(p))}` : `file:${statKey(s)}`, changed: s.ctimeNs };
  } catch {
    return { path: p, stamp: 'missing', changed: 0n };
  }
}

function readKept(file: string): Kept | null {
  try {
    const kept = v8.deserialize(readFileSync(file)) as Kept;
    return kept?.format === FORMAT && Array.isArray(kept.inputs) ? kept : null;
  } catch {
    return null; // none yet, or unreadable: read the workspace
  }
}

/** Written to a temporary name and renamed: a command reading it meanwhile sees the old one or the new. */
function writeKept(file: string, kept: Kept): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, v8.serialize(kept));
    renameSync(tmp, file);
  } catch {
    // Keeping it only saves the next command's time: a read-only workspace is read every time.
    rmSync(tmp, { force: true });
  }
}
