import { describe, expect, it } from 'vitest';
import { nextMonth, previousMonth } from '../../../src/period.js';
import { reconciledMonths } from '../../../src/stages/reconcile/reconciled-months.js';

describe('the months a reconcile run reads and makes', () => {
  it('moves a month across the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(nextMonth('2026-09')).toBe('2026-10');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });

  it('reads a kept month only when the month after it is made again (its stock is that month’s opening)', () => {
    // July to October kept, November new: October is read for November's opening, July to September are not
    const months = reconciledMonths({ kept: ['2026-07', '2026-08', '2026-09', '2026-10'] });
    expect(months.made).toBe("(period IS NULL OR period NOT IN ('2026-07', '2026-08', '2026-09', '2026-10'))");
    expect(months.read).toBe("(period IS NULL OR period NOT IN ('2026-07', '2026-08', '2026-09'))");
  });

  it('reads the month before a month made again in the middle of the history, and the last kept month', () => {
    // August made again (a late file): July is read for its opening; October, the last, is read too
    const months = reconciledMonths({ kept: ['2026-07', '2026-09', '2026-10'] });
    expect(months.made).toBe("(period IS NULL OR period NOT IN ('2026-07', '2026-09', '2026-10'))");
    expect(months.read).toBe("(period IS NULL OR period NOT IN ('2026-09'))");
  });
});
