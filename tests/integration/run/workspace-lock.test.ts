import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../../src/errors.js';
import { acquireWorkspaceLock } from '../../../src/run/workspace-lock.js';

function workspace(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'drugflow-lock-'));
}

function writeLock(root: string, holder: object): void {
  mkdirSync(path.join(root, '.drugflow'), { recursive: true });
  writeFileSync(path.join(root, '.drugflow/run.lock'), JSON.stringify(holder));
}

describe('workspace lock', () => {
  it('is taken and released', () => {
    const root = workspace();
    const lock = acquireWorkspaceLock(root);
    expect(JSON.parse(readFileSync(path.join(root, '.drugflow/run.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(root, '.drugflow/run.lock'))).toBe(false);
  });

  it('refuses a second holder while the first is alive, naming pid, host and start time', () => {
    const root = workspace();
    writeLock(root, { pid: process.pid, host: os.hostname(), started_at: '2026-11-22T02:00:00.000Z' });
    expect(() => acquireWorkspaceLock(root)).toThrow(LockedError);
    expect(() => acquireWorkspaceLock(root)).toThrow(new RegExp(`pid ${process.pid} on ${os.hostname()}, started 2026-11-22T02:00:00.000Z`));
  });

  it('takes over a stale lock left by a dead process', () => {
    const root = workspace();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeLock(root, { pid: dead, host: os.hostname(), started_at: '2026-11-21T02:00:00.000Z' });
    const lock = acquireWorkspaceLock(root);
    expect(JSON.parse(readFileSync(path.join(root, '.drugflow/run.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('treats an unreadable lock file as stale', () => {
    const root = workspace();
    mkdirSync(path.join(root, '.drugflow'));
    writeFileSync(path.join(root, '.drugflow/run.lock'), '{"pid": 12');
    acquireWorkspaceLock(root).release();
  });
});
