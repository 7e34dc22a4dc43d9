import { lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Pipeline } from '../../config/workspace.js';

export interface DiscoveredFile {
  pipeline: Pipeline;
  /** Path relative to the inbox with forward slashes: the file's name in every table and report. */
  relPath: string;
  absPath: string;
  /** Set for a symbolic link: it is reported as unreadable, never followed (it could lead outside the workspace). */
  linkTarget?: string;
}

/**
 * Every regular file under the inbox matched by each pipeline's glob, in a stable order
 * (feed, then path) so restatements load after the files they restate. Symbolic links are not
 * followed (a link could point outside the workspace) but are returned, marked, so a link a
 * glob matches is reported instead of silently ignored.
 */
export function discoverFiles(inboxDir: string, pipelines: Pipeline[]): DiscoveredFile[] {
  const files = listRegularFiles(inboxDir);
  const found: DiscoveredFile[] = [];
  for (const pipeline of pipelines) {
    const isMatch = picomatch(pipeline.files, { dot: false, nocase: true });
    for (const { relPath, linkTarget } of files) {
      if (isMatch(relPath)) found.push({ pipeline, relPath, absPath: path.join(inboxDir, relPath), ...(linkTarget === undefined ? {} : { linkTarget }) });
    }
  }
  return found.sort((a, b) => compare(a.pipeline.feed, b.pipeline.feed) || compare(a.relPath, b.relPath));
}

function listRegularFiles(root: string): { relPath: string; linkTarget?: string }[] {
  const realRoot = realpathSync(root);
  const out: { relPath: string; linkTarget?: string }[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out.push({ relPath, linkTarget: readlinkSync(abs) });
      else if (stat.isDirectory()) walk(abs, relPath);
      else if (stat.isFile()) out.push({ relPath });
    }
  };
  walk(realRoot, '');
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
