import { cpSync, existsSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptWorkspacePath, loadWorkspaceKept } from '../../../src/config/kept-workspace.js';
import { loadWorkspace } from '../../../src/config/load-workspace.js';
import type { Workspace } from '../../../src/config/workspace.js';
import { ConfigError } from '../../../src/errors.js';
import { addFile, CUSTOMERS_CSV, makeWorkspace } from '../../helpers/workspace.js';

const PIPELINE = 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n';

/** Lets the files just written settle: one changed less than 50 ms before a load is not kept (SETTLED_NS). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 60));

/** A full load that counts how often it ran. */
function countingLoad(): { read: (dir: string) => Workspace; reads: () => number } {
  let reads = 0;
  return {
    read: (dir) => {
      reads++;
      return loadWorkspace(dir);
    },
    reads: () => reads,
  };
}

describe('loadWorkspaceKept', () => {
  it('reads a workspace once, then takes it as kept while no input changed', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    await settle();
    const load = countingLoad();
    const first = loadWorkspaceKept(ws, load.read);
    expect(existsSync(keptWorkspacePath(first.root))).toBe(true);
    const second = loadWorkspaceKept(ws, load.read);
    expect(load.reads()).toBe(1);
    expect(second).toEqual(first);
    expect(second).toEqual(loadWorkspace(ws));
  });

  it.each([
    ['a master file edited', (ws: string) => addFile(ws, 'mappings/customers.csv', `${CUSTOMERS_CSV}H00003,北京市隆福医院,hospital,,北京市,北京市\n`)],
    ['a mapping file added', (ws: string) => addFile(ws, 'mappings/customer_aliases.csv', 'distributor,raw_name,code\nD0001,协和医院,H00001\n')],
    ['a pipeline added', (ws: string) => addFile(ws, 'pipelines/zk.yaml', 'distributor: D0002\nkind: sales\nfiles: "zk/*.csv"\n')],
    ['a pipeline removed', (ws: string) => rmSync(path.join(ws, 'pipelines/bek.yaml'))],
    ['drugflow.yaml edited', (ws: string) => addFile(ws, 'drugflow.yaml', 'inbox: inbox\ncompany: { code: MFR001, name: 拜耳医药保健有限公司 }\ngates: { max_reject_share: 0.2 }\n')],
  ])('reads the workspace again after %s', async (_what, change) => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE, 'pipelines/other.yaml': 'distributor: D0002\nkind: sales\nfiles: "other/*.csv"\n' });
    await settle();
    const load = countingLoad();
    loadWorkspaceKept(ws, load.read);
    expect(loadWorkspaceKept(ws, load.read)).toEqual(loadWorkspace(ws)); // kept
    expect(load.reads()).toBe(1);
    change(ws);
    const again = loadWorkspaceKept(ws, load.read);
    expect(load.reads()).toBe(2);
    expect(again).toEqual(loadWorkspace(ws));
  });

  it('a file rewritten to the same size with its modification time set back is read again: its change time moved', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    const customers = path.join(ws, 'mappings/customers.csv');
    const whole = 1_700_000_000; // a whole second, so that setting it back restores it to the nanosecond
    utimesSync(customers, whole, whole);
    await settle();
    const load = countingLoad();
    loadWorkspaceKept(ws, load.read);
    loadWorkspaceKept(ws, load.read);
    expect(load.reads()).toBe(1); // kept
    writeFileSync(customers, CUSTOMERS_CSV.replace('北京协和医院', '北京协和医阮')); // same length
    utimesSync(customers, whole, whole); // as `cp -p` of an older copy would
    expect(statSync(customers).mtimeMs).toBe(whole * 1000);
    const again = loadWorkspaceKept(ws, load.read);
    expect(load.reads()).toBe(2);
    expect(again.mappings.customers.map((c) => c.name)).toContain('北京协和医阮');
  });

  it('keeps nothing when a file changed while the load read it: the next command reads it again', () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    const customers = path.join(ws, 'mappings/customers.csv');
    const saveDuringRead = (dir: string): Workspace => {
      const read = loadWorkspace(dir);
      writeFileSync(customers, `${CUSTOMERS_CSV}H00003,北京市隆福医院,hospital,,北京市,北京市\n`); // saved after the load read it
      return read;
    };
    expect(loadWorkspaceKept(ws, saveDuringRead).mappings.customers).toHaveLength(5);
    const load = countingLoad();
    expect(loadWorkspaceKept(ws, load.read).mappings.customers).toHaveLength(6);
    expect(load.reads()).toBe(1);
  });

  it('never keeps a config with problems: each command reports them', () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    loadWorkspaceKept(ws);
    addFile(ws, 'pipelines/bek.yaml', 'distributor: D0001\nkind: salez\nfiles: "bek/*.csv"\n');
    for (let i = 0; i < 2; i++) expect(() => loadWorkspaceKept(ws)).toThrow(ConfigError);
  });

  it('checks the inbox again: a workspace whose inbox was removed is read, and refused', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    await settle();
    loadWorkspaceKept(ws);
    rmSync(path.join(ws, 'inbox'), { recursive: true });
    expect(() => loadWorkspaceKept(ws)).toThrow(/directory inbox does not exist/);
  });

  it('a copied workspace reads its own files, not the paths kept for the original', () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    loadWorkspaceKept(ws);
    const copy = `${ws}-copy`;
    cpSync(ws, copy, { recursive: true, preserveTimestamps: true });
    const load = countingLoad();
    const loaded = loadWorkspaceKept(copy, load.read);
    expect(load.reads()).toBe(1);
    expect(loaded.root).toBe(copy);
    expect(loaded.mappingsDir).toBe(path.join(copy, 'mappings'));
  });

  it('an unreadable kept file is read past', async () => {
    const ws = makeWorkspace({ 'pipelines/bek.yaml': PIPELINE });
    await settle();
    const first = loadWorkspaceKept(ws);
    writeFileSync(keptWorkspacePath(first.root), 'not a kept workspace');
    const load = countingLoad();
    expect(loadWorkspaceKept(ws, load.read)).toEqual(first);
    expect(load.reads()).toBe(1);
    expect(loadWorkspaceKept(ws, load.read)).toEqual(first);
    expect(load.reads()).toBe(1);
  });
});
