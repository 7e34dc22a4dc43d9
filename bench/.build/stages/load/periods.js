/** SQL expression for the restatement unit of a date column, by the feed's cadence. */
export function cadenceUnitSql(cadence, column) {
    switch (cadence) {
        case 'daily':
            return `strftime(${column}, '%Y-%m-%d')`;
        case 'weekly':
            return `strftime(${column}, '%G-W%V')`;
        case 'monthly':
            return `strftime(${column}, '%Y-%m')`;
    }
}
/**
 * The units a file covers: the busiest one and any holding at least half as many rows. A few
 * straggler rows from last month inside this month's file neither make the file "cover" last
 * month nor restate it; they are kept and marked out of period. A two-month export covers both.
 */
export const COVERED_SHARE_OF_BUSIEST = 0.5;
export function coveredUnits(counts) {
    if (counts.length === 0)
        return [];
    const max = Math.max(...counts.map((c) => c.n));
    return counts
        .filter((c) => c.n >= max * COVERED_SHARE_OF_BUSIEST)
        .map((c) => c.unit)
        .sort();
}
//# sourceMappingURL=periods.js.map