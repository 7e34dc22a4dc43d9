/** SQL expressions on 'YYYY-MM' period strings. */
/** The first day of a 'YYYY-MM' period, as a timestamp. */
export const periodStart = (period: string) => `strptime(${period} || '-01', '%Y-%m-%d')`;

export const previousPeriod = (period: string) => `strftime(${periodStart(period)} - INTERVAL 1 MONTH, '%Y-%m')`;
export const nextPeriod = (period: string) => `strftime(${periodStart(period)} + INTERVAL 1 MONTH, '%Y-%m')`;
export const daysInPeriod = (period: string) => `day(last_day(${periodStart(period)}))`;
