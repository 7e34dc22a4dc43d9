import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../stages/export/export-stage.js';
import type { RunSummary } from './run-summary.js';

/**
 * The run manifest: which inputs (with sha256 and row counts by outcome) produced which
 * exports (with the sha256 the export stage took of each as it wrote it). Written to
 * out/runs/<run_id>.json and out/manifest.json (latest).
 */
export function writeManifest(outDir: string, summary: RunSummary, exports: ExportedFile[]): string {
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
