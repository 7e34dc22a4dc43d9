import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
/**
 * The run manifest: which inputs (with sha256 and row counts by outcome) produced which
 * exports (with sha256). Written to out/runs/<run_id>.json and out/manifest.json (latest).
 */
export function writeManifest(outDir, summary, exported) {
    const manifest = {
        ...summary,
        exports: exported.map((e) => ({ ...e, sha256: sha256File(path.join(outDir, e.path)) })),
    };
    const runsDir = path.join(outDir, 'runs');
    mkdirSync(runsDir, { recursive: true });
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const runFile = path.join(runsDir, `${summary.run_id.replace(/[^0-9A-Za-z_-]/g, '-')}.json`);
    atomicWrite(runFile, text);
    atomicWrite(path.join(outDir, 'manifest.json'), text);
    return runFile;
}
function atomicWrite(target, text) {
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, target);
}
function sha256File(file) {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
}
//# sourceMappingURL=manifest.js.map