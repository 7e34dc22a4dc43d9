import type { Pipeline } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';

/** What the loader needs to know of a file already recorded (or recorded earlier in this run). */
export interface LedgerEntry {
  fileId: number;
  feed: string;
  path: string;
  sha256: string;
  sheet: string | null;
  status: string;
  minDate: string | null;
  maxDate: string | null;
}

/**
 * The `files` table as the loader consults it, read once per run and kept up to date in memory:
 * three look-ups per file (seen before? same content? next id?) were three statements each, and
 * files recorded in a batch not yet committed must be seen too.
 */
export class FileLedger {
  private readonly byId = new Map<number, LedgerEntry>();
  private readonly byFeed = new Map<string, LedgerEntry[]>();
  private readonly latestBySeen = new Map<string, LedgerEntry>();
  private readonly firstTwin = new Map<string, LedgerEntry>();
  private nextId = 1;

  static async read(db: Database): Promise<FileLedger> {
    const ledger = new FileLedger();
    const rows = await db.all<{
      file_id: number;
      feed: string;
      path: string;
      sha256: string;
      sheet: string | null;
      status: string;
      min_date: string | null;
      max_date: string | null;
    }>('read files', 'SELECT file_id, feed, path, sha256, sheet, status, min_date, max_date FROM files ORDER BY file_id');
    for (const r of rows) {
      ledger.add({ fileId: r.file_id, feed: r.feed, path: r.path, sha256: r.sha256, sheet: r.sheet, status: r.status, minDate: r.min_date, maxDate: r.max_date });
    }
    return ledger;
  }

  /**
   * Not nextval('file_id_seq'): a sequence keeps the values a run killed mid-load drew, so the
   * re-run numbered its files differently and every export carrying file_id changed bytes.
   * Files are numbered one at a time under the workspace lock from the committed maximum.
   */
  takeFileId(): number {
    return this.nextId++;
  }

  /** The status of this very file (feed, path and content) when it was last recorded. */
  seenStatus(feed: string, path: string, sha256: string): string | undefined {
    return this.latestBySeen.get(seenKey(feed, path, sha256))?.status;
  }

  /** The first loaded (or since superseded) file of the feed with the same content. */
  twinPath(feed: string, sha256: string): string | undefined {
    return this.firstTwin.get(twinKey(feed, sha256))?.path;
  }

  add(entry: LedgerEntry): void {
    this.byId.set(entry.fileId, entry);
    const feedEntries = this.byFeed.get(entry.feed);
    if (feedEntries) feedEntries.push(entry);
    else this.byFeed.set(entry.feed, [entry]);
    this.nextId = Math.max(this.nextId, entry.fileId + 1);
    this.latestBySeen.set(seenKey(entry.feed, entry.path, entry.sha256), entry);
    if (entry.status === 'loaded' || entry.status === 'superseded') {
      const key = twinKey(entry.feed, entry.sha256);
      const first = this.firstTwin.get(key);
      if (!first || first.fileId > entry.fileId) this.firstTwin.set(key, entry);
    }
  }

  /** A staged file's dates are known once its batch is standardised. */
  setDates(fileId: number, minDate: string | null, maxDate: string | null): void {
    const entry = this.byId.get(fileId);
    if (entry) Object.assign(entry, { minDate, maxDate });
  }

  markSuperseded(fileId: number): void {
    const entry = this.byId.get(fileId);
    if (entry) entry.status = 'superseded';
  }

  /**
   * Whether an earlier loaded file of the feed might share a restatement unit with dates
   * [minDate, maxDate]: a cheap superset test on the recorded date ranges, so the exact test
   * (which reads std_rows) runs only for the rare file that may restate another.
   */
  mayRestate(pipeline: Pipeline, sheet: string, minDate: string, maxDate: string, beforeFileId: number): boolean {
    const lo = unitFloor(pipeline.cadence, minDate);
    const hi = unitCeiling(pipeline.cadence, maxDate);
    return (this.byFeed.get(pipeline.feed) ?? []).some(
      (e) =>
        e.fileId < beforeFileId &&
        e.status === 'loaded' &&
        (e.sheet ?? '') === (sheet ?? '') &&
        e.minDate !== null &&
        e.maxDate !== null &&
        e.minDate <= hi &&
        e.maxDate >= lo,
    );
  }
}

const seenKey = (feed: string, path: string, sha: string): string => `${feed}\u0000${path}\u0000${sha}`;
const twinKey = (feed: string, sha: string): string => `${feed}\u0000${sha}`;

/** The first day of the date's restatement unit (weeks: a week earlier, a safe superset). */
function unitFloor(cadence: Pipeline['cadence'], date: string): string {
  if (cadence === 'daily') return date;
  if (cadence === 'monthly') return `${date.slice(0, 7)}-01`;
  return shiftDays(date, -7);
}

/** The last day of the date's restatement unit (weeks: a week later). */
function unitCeiling(cadence: Pipeline['cadence'], date: string): string {
  if (cadence === 'daily') return date;
  if (cadence === 'monthly') return `${date.slice(0, 7)}-31`;
  return shiftDays(date, 7);
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
