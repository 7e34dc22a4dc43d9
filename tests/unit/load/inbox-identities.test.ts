import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { InboxIdentities, INBOX_IDENTITIES_TABLE } from '../../../src/stages/load/inbox-identities.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('inbox identities: a file as it was when last hashed is not read again', () => {
  let db: Database;
  let inbox: string;
  const file = (relPath: string) => ({ relPath, absPath: path.join(inbox, relPath) });
  /** One run's identification of `relPaths`: their identities and how many files were read. */
  const identifyRun = async (...relPaths: string[]) => {
    const identities = await InboxIdentities.read(db);
    const found = [];
    for (const relPath of relPaths) found.push(await identities.identify(file(relPath)));
    await identities.save(db);
    return { found, hashed: identities.hashed };
  };

  beforeEach(async () => {
    db = await Database.open(':memory:');
    inbox = mkdtempSync(path.join(os.tmpdir(), 'drugflow-inbox-ids-'));
  });
  afterEach(async () => db.close());

  it('reads a file once, then takes its recorded sha256 while it is unchanged', async () => {
    writeFileSync(path.join(inbox, 'a.csv'), 'a,1\n');
    writeFileSync(path.join(inbox, 'b.csv'), 'b,22\n');
    const first = await identifyRun('a.csv', 'b.csv');
    expect(first.hashed).toBe(2);
    expect(first.found).toEqual([
      { sha256: sha('a,1\n'), sizeBytes: 4 },
      { sha256: sha('b,22\n'), sizeBytes: 5 },
    ]);
    const second = await identifyRun('a.csv', 'b.csv');
    expect(second.hashed).toBe(0);
    expect(second.found).toEqual(first.found);
  });

  it('reads a file again when its bytes changed, even with the same size and modification time put back', async () => {
    const a = path.join(inbox, 'a.csv');
    writeFileSync(a, 'a,1\n');
    const whole = new Date('2026-10-31T16:00:00Z'); // whole seconds: put back exactly, to the nanosecond
    utimesSync(a, whole, whole);
    await identifyRun('a.csv');
    await new Promise((resolve) => setTimeout(resolve, 20)); // a later change time
    writeFileSync(a, 'a,2\n');
    utimesSync(a, whole, whole); // what `touch -d` can do; the change time moves on regardless
    expect(statSync(a, { bigint: true }).mtimeNs).toBe(BigInt(whole.getTime()) * 1_000_000n);
    const after = await identifyRun('a.csv');
    expect(after.hashed).toBe(1);
    expect(after.found).toEqual([{ sha256: sha('a,2\n'), sizeBytes: 4 }]);
  });

  it('reads a file replaced by another (an upload renamed into place)', async () => {
    writeFileSync(path.join(inbox, 'a.csv'), 'a,1\n');
    await identifyRun('a.csv');
    writeFileSync(path.join(inbox, '.upload'), 'a,9\n');
    renameSync(path.join(inbox, '.upload'), path.join(inbox, 'a.csv'));
    const after = await identifyRun('a.csv');
    expect(after.hashed).toBe(1);
    expect(after.found).toEqual([{ sha256: sha('a,9\n'), sizeBytes: 4 }]);
  });

  it('keeps records of this run’s files only, and takes no records another build wrote differently', async () => {
    writeFileSync(path.join(inbox, 'a.csv'), 'a,1\n');
    writeFileSync(path.join(inbox, 'b.csv'), 'b,1\n');
    await identifyRun('a.csv', 'b.csv');
    await identifyRun('a.csv'); // b.csv left the inbox
    expect(await db.all("records", `SELECT path FROM ${INBOX_IDENTITIES_TABLE}`)).toEqual([{ path: 'a.csv' }]);
    await db.run('other records', `CREATE OR REPLACE TABLE ${INBOX_IDENTITIES_TABLE} (file INTEGER)`);
    expect((await identifyRun('a.csv')).hashed).toBe(1);
  });

  it('identifies a link by its target without reading it', async () => {
    const identities = await InboxIdentities.read(db);
    const link = await identities.identify({ ...file('l.csv'), linkTarget: '/etc/passwd' });
    expect(link).toEqual({ sha256: sha('symlink:/etc/passwd'), sizeBytes: 0 });
    expect(identities.hashed).toBe(0);
  });
});
