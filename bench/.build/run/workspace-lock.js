import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LockedError } from '../errors.js';
/**
 * One run per workspace. The lock is a file created with O_EXCL, holding the holder's pid, host
 * and start time. A lock left by a dead process on this host is taken over; a live holder (or
 * one on another host, which we cannot check) makes the caller exit 75 with its details.
 */
export function acquireWorkspaceLock(workspaceRoot, now = new Date()) {
    const dir = path.join(workspaceRoot, '.drugflow');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'run.lock');
    const me = { pid: process.pid, host: os.hostname(), started_at: now.toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
            return { release: () => releaseIfMine(file, me) };
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
        }
        const holder = readHolder(file);
        if (holder && isAlive(holder)) {
            throw new LockedError(`another run holds the workspace: pid ${holder.pid} on ${holder.host}, started ${holder.started_at} (lock file ${file})`);
        }
        // Stale: its process is gone. Remove it and try once more; if another run wins that race,
        // the second attempt sees its live lock and reports it.
        try {
            unlinkSync(file);
        }
        catch {
            /* someone else removed it first */
        }
    }
    const holder = readHolder(file);
    throw new LockedError(`another run holds the workspace${holder ? `: pid ${holder.pid} on ${holder.host}, started ${holder.started_at}` : ''}`);
}
function readHolder(file) {
    try {
        const parsed = JSON.parse(readFileSync(file, 'utf8'));
        if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
            return { pid: parsed.pid, host: parsed.host, started_at: String(parsed.started_at ?? 'unknown') };
        }
    }
    catch {
        /* unreadable or half-written lock: treated as stale */
    }
    return null;
}
function isAlive(holder) {
    if (holder.host !== os.hostname())
        return true;
    try {
        process.kill(holder.pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
function releaseIfMine(file, me) {
    const holder = readHolder(file);
    if (holder && holder.pid === me.pid && holder.host === me.host && holder.started_at === me.started_at) {
        try {
            unlinkSync(file);
        }
        catch {
            /* already gone */
        }
    }
}
//# sourceMappingURL=workspace-lock.js.map