import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../../src/run/code-fingerprint.js';

/** A throwaway code tree: stage/here.js names its folder's files and ../lib. */
function codeTree(files: Record<string, string>): { root: string; moduleUrl: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'drugflow-code-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return { root, moduleUrl: pathToFileURL(path.join(root, 'stage', 'here.js')).href };
}

const TREE = { 'stage/here.js': 'a', 'stage/writer.js': 'b', 'stage/writer.d.ts': 'c', 'stage/other.js': 'd', 'lib/deep/x.js': 'e' };
const CODE = { dirs: ['../lib'], files: ['writer'] };

describe('codeFingerprint', () => {
  it('is the same for the same code wherever it is installed', () => {
    const a = codeTree(TREE);
    const b = codeTree(TREE);
    expect(codeFingerprint(a.moduleUrl, CODE)).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint(a.moduleUrl, CODE)).toBe(codeFingerprint(b.moduleUrl, CODE));
  });

  it('changes with a named module (any extension) or a file anywhere under a named folder, not with other files', () => {
    const base = codeFingerprint(codeTree(TREE).moduleUrl, CODE);
    expect(codeFingerprint(codeTree({ ...TREE, 'stage/writer.d.ts': 'c2' }).moduleUrl, CODE)).not.toBe(base);
    expect(codeFingerprint(codeTree({ ...TREE, 'lib/deep/x.js': 'e2' }).moduleUrl, CODE)).not.toBe(base);
    expect(codeFingerprint(codeTree({ ...TREE, 'lib/deep/y.js': 'new' }).moduleUrl, CODE)).not.toBe(base);
    expect(codeFingerprint(codeTree({ ...TREE, 'stage/other.js': 'd2' }).moduleUrl, CODE)).toBe(base);
  });
});
