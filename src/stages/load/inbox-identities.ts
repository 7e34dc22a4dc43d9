/**
 * The sha256 of each inbox file as the last run read it, so that a night reads only the files that
 * are new or changed. The ledger knows a file by feed, path and sha256 (file-ledger.ts), and the
 * load hashed every file of the inbox each night to ask it: with a year of history the inbox holds
 * every month's files, and hashing them was most of a night's load (11,652 files of the 1M bench's
 * year: 40 s of a night that loaded 98 files), growing with every month kept.
 *
 * A file whose device, inode, size, modification time and change time are what they were when it
 * was hashed holds the bytes it held then: writing to a file moves its mtime and ctime, a
 * replacement (an upload renamed into place, a copy) is a new inode, and ctime cannot be set back
 * (`touch -d` sets mtime only). Its recorded sha256 stands, and it is not read. A file that
 * changed while it was read (an upload still in progress) is not recorded, so it is read again.
 * The records are written anew after the load with the files of this run's inbox only.
 */
import { statSync } from 'node:fs';
import { appendRow, type Database } from '../../db/database.js';
import { fileIdentity, linkIdentity, statKey, type FileIdentity } from '../discover/file-identity.js';
import type { DiscoveredFile } from '../discover/list-inbox.js';

export const INBOX_IDENTITIES_TABLE = 'inbox_identities';

interface Recorded extends FileIdentity {
  stat: string;
}

export class InboxIdentities {
  /** Files this run read to hash them; the others' sha256 came from the records. */
  hashed = 0;
  private readonly current = new Map<string, Recorded>();

  private constructor(private readonly recorded: Map<string, Recorded>) {}

  /** The records of the last run; none when there are none, or another build wrote them differently. */
  static async read(db: Database): Promise<InboxIdentities> {
    if (!(await db.tableExists(INBOX_IDENTITIES_TABLE))) return new InboxIdentities(new Map());
    try {
      const rows = await db.all<{ path: string; stat: string; sha256: string; size_bytes: number }>(
        'inbox identities: last',
        `SELECT path, stat, sha256, size_bytes FROM ${INBOX_IDENTITIES_TABLE}`,
      );
      return new InboxIdentities(new Map(rows.map((r) => [r.path, { stat: r.stat, sha256: r.sha256, sizeBytes: Number(r.size_bytes) }])));
    } catch {
      return new InboxIdentities(new Map());
    }
  }

  /** The file's sha256 and size: recorded, when it is as it was when hashed; else read. */
  async identify(file: Pick<DiscoveredFile, 'relPath' | 'absPath' | 'linkTarget'>): Promise<FileIdentity> {
    // A link is identified by its target, never read: reading would follow it.
    if (file.linkTarget !== undefined) return linkIdentity(file.linkTarget);
    const before = statKeyOf(file.absPath);
    const known = this.current.get(file.relPath) ?? this.recorded.get(file.relPath);
    if (known?.stat === before) {
      this.current.set(file.relPath, known);
      return { sha256: known.sha256, sizeBytes: known.sizeBytes };
    }
    this.hashed++;
    const identity = await fileIdentity(file.absPath);
    if (statKeyOf(file.absPath) === before) this.current.set(file.relPath, { stat: before, ...identity });
    return identity;
  }

  /** Writes the records of the files identified this run (a file gone from the inbox is forgotten). */
  async save(db: Database): Promise<void> {
    await db.run('inbox identities: clear', `CREATE OR REPLACE TABLE ${INBOX_IDENTITIES_TABLE} (path VARCHAR, stat VARCHAR, sha256 VARCHAR, size_bytes BIGINT)`);
    const appender = await db.appender(INBOX_IDENTITIES_TABLE);
    try {
      for (const [path, r] of this.current) appendRow(appender, [path, r.stat, r.sha256, r.sizeBytes]);
    } finally {
      appender.closeSync();
    }
  }
}

const statKeyOf = (absPath: string): string => statKey(statSync(absPath, { bigint: true }));
