/**
 * Which reports a distributor sent for which month: a loaded file of that kind covering the
 * month (files.periods holds the months a file covers; a few straggler rows from another month
 * do not make a file cover it). Known from `files`, not from the flow tables, so a report whose
 * rows are all still unresolved still counts as sent.
 */
export const reportMonths = (kind: 'sales' | 'purchases' | 'inventory') => `(
    SELECT DISTINCT seller_code AS distributor_code, unnest(periods) AS period
    FROM files WHERE status = 'loaded' AND kind = '${kind}'
  )`;
