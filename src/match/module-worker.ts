/**
 * Starting a worker thread on a module that sits next to the caller, in both ways drugflow runs:
 * the built CLI (dist/…/x.js, plain Node) and the TypeScript sources under tsx or vitest
 * (src/…/x.ts). Node 20 cannot load a .ts worker entry by itself, and tsx's loader, although it
 * is in the parent's execArgv, does not reach a worker's entry module there (measured: "Unknown
 * file extension .ts"). So for sources the worker boots from a two-line script that imports the
 * entry through tsx's own API; when tsx is not installed, no worker starts and the caller falls
 * back to its own thread.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The URL of tsx's ESM API, or null (production installs have no tsx). */
function tsxApiUrl(from: string): string | null {
  try {
    // The CommonJS build of tsx's API cannot boot from an eval'd script (it looks for its ESM
    // half at a wrong path); the ESM build can.
    const cjs = createRequire(from).resolve('tsx/esm/api');
    return pathToFileURL(cjs.replace(/\.c?js$/, '.mjs')).href;
  } catch {
    return null;
  }
}

/**
 * Starts `entry` (a module name without extension, resolved next to `callerUrl`, which is the
 * caller's `import.meta.url`) as a worker thread with `workerData`. Throws when it cannot start.
 */
export function startModuleWorker(callerUrl: string, entry: string, workerData: unknown): Worker {
  const sources = callerUrl.endsWith('.ts');
  const entryUrl = new URL(`./${entry}${sources ? '.ts' : '.js'}`, callerUrl);
  if (!sources) return new Worker(entryUrl, { workerData });
  const api = tsxApiUrl(callerUrl);
  if (!api) throw new Error(`cannot run ${entryUrl.pathname} in a worker: TypeScript sources need tsx, which is not installed`);
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entryUrl.href)}, ${JSON.stringify(callerUrl)}))`;
  return new Worker(boot, { eval: true, workerData });
}
