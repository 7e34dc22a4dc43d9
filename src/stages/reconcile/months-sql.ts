/** SQL expressions on 'YYYY-MM' period strings. */
const firstDay = (period: string) => `strptime(${period} || '-01', '%Y-%m-%d')`;

export const previousPeriod = (period: string) => `strftime(${firstDay(period)} - INTERVAL 1 MONTH, '%Y-%m')`;
export const nextPeriod = (period: string) => `strftime(${firstDay(period)} + INTERVAL 1 MONTH, '%Y-%m')`;
export const daysInPeriod = (period: string) => `day(last_day(${firstDay(period)}))`;
