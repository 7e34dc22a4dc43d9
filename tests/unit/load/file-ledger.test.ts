import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../src/config/workspace.js';
import { FileLedger, type LedgerEntry } from '../../../src/stages/load/file-ledger.js';

const pipeline = (cadence: Pipeline['cadence']): Pipeline => ({ feed: 'f1', cadence }) as Pipeline;
const loaded = (fileId: number, minDate: string, maxDate: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  fileId,
  feed: 'f1',
  path: `a/${fileId}.csv`,
  sha256: `sha${fileId}`,
  sheet: 'Sheet1',
  status: 'loaded',
  minDate,
  maxDate,
  ...extra,
});

/**
 * The ledger's restatement test is a pre-filter: it may say yes to a file that restates nothing
 * (the exact SQL test decides), but must never say no to one that does.
 */
describe('FileLedger.mayRestate', () => {
  it.each([
    ['monthly: another part of the same month', 'monthly', ['2026-10-01', '2026-10-10'], ['2026-10-20', '2026-10-31'], true],
    ['monthly: the next month', 'monthly', ['2026-10-01', '2026-10-31'], ['2026-11-01', '2026-11-30'], false],
    ['daily: the same day', 'daily', ['2026-10-05', '2026-10-05'], ['2026-10-05', '2026-10-05'], true],
    ['daily: the next day', 'daily', ['2026-10-05', '2026-10-05'], ['2026-10-06', '2026-10-06'], false],
    ['weekly: Monday and Sunday of one ISO week', 'weekly', ['2026-10-05', '2026-10-05'], ['2026-10-11', '2026-10-11'], true],
    ['weekly: weeks apart', 'weekly', ['2026-10-01', '2026-10-04'], ['2026-10-26', '2026-10-31'], false],
  ] as const)('%s', (_label, cadence, earlier, later, expected) => {
    const ledger = new FileLedger();
    ledger.add(loaded(1, earlier[0], earlier[1]));
    expect(ledger.mayRestate(pipeline(cadence), 'Sheet1', later[0], later[1], 2)).toBe(expected);
  });

  it('ignores other feeds, other sheets, superseded files and later files', () => {
    const ledger = new FileLedger();
    ledger.add(loaded(1, '2026-10-01', '2026-10-31', { feed: 'f2' }));
    ledger.add(loaded(2, '2026-10-01', '2026-10-31', { sheet: '销售' }));
    ledger.add(loaded(3, '2026-10-01', '2026-10-31'));
    ledger.markSuperseded(3);
    ledger.add(loaded(9, '2026-10-01', '2026-10-31'));
    expect(ledger.mayRestate(pipeline('monthly'), 'Sheet1', '2026-10-01', '2026-10-31', 5)).toBe(false);
  });

  it('numbers files after the highest recorded id and finds twins and files seen before', () => {
    const ledger = new FileLedger();
    ledger.add(loaded(4, '2026-10-01', '2026-10-31'));
    ledger.add({ ...loaded(7, '2026-10-01', '2026-10-31'), status: 'unreadable', sha256: 'bad' });
    expect(ledger.takeFileId()).toBe(8);
    expect(ledger.takeFileId()).toBe(9);
    expect(ledger.twinPath('f1', 'sha4')).toBe('a/4.csv');
    expect(ledger.twinPath('f1', 'bad')).toBeUndefined();
    expect(ledger.seenStatus('f1', 'a/7.csv', 'bad')).toBe('unreadable');
  });
});
