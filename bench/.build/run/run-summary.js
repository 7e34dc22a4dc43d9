export function countFiles(files) {
    const counts = { total: files.length, loaded: 0, duplicate: 0, unreadable: 0, unchanged: 0 };
    for (const f of files)
        counts[f.status]++;
    return counts;
}
export function countRows(files) {
    const rows = { read: 0, loaded: 0, rejected: 0, skipped: 0, out_of_period: 0 };
    for (const f of files) {
        rows.read += f.rows.read;
        rows.loaded += f.rows.loaded;
        rows.rejected += f.rows.rejected;
        rows.skipped += f.rows.skipped;
        rows.out_of_period += f.rows.outOfPeriod;
    }
    return rows;
}
//# sourceMappingURL=run-summary.js.map