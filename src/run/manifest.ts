import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileIdentity } from '../stages/discover/file-identity.js';
import type { ExportedFile } from '../stages/export/export-stage.js';
import type { RunSummary } from './run-summary.js';

/**
 * The run manifest: which inputs (with sha256 and row counts by outcome) produced which
 * exports (with sha256). Written to out/runs/<run_id>.json and out/manifest.json (latest).
 * Exports are hashed as streams, like the inputs: a national month's flow CSV is over 2 GiB, more
 * than one Node buffer can hold.
 */
export async function writeManifest(outDir: string, summary: RunSummary, exported: ExportedFile[]): Promise<string> {
  const exports = [];
  for (const e of exported) exports.push({ ...e, sha256: (await fileIdentity(path.join(outDir, e.path))).sha256 });
  const manifest = { ...summary, exports };
  const runsDir = path.join(outDir, 'runs');
  mkdirSync(runsDir, { recursive: true });
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const runFile = path.join(runsDir, `${summary.run_id.replace(/[^0-9A-Za-z_-]/g, '-')}.json`);
  atomicWrite(runFile, text);
  atomicWrite(path.join(outDir, 'manifest.json'), text);
  return runFile;
}

function atomicWrite(target: string, text: string): void {
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, target);
}
