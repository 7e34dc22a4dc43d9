/**
 * Quality gates over the files this run processed. A failed gate does not stop the run: all
 * outputs are written and flagged, and the exit code turns to 3 so cron notices.
 */
export function evaluateGates(gates, files) {
    const processed = files.filter((f) => f.status === 'loaded');
    const dataRows = processed.reduce((s, f) => s + f.rows.loaded + f.rows.rejected, 0);
    const rejected = processed.reduce((s, f) => s + f.rows.rejected, 0);
    const unreadable = files.filter((f) => f.status === 'unreadable').length;
    const rejectShare = dataRows === 0 ? 0 : rejected / dataRows;
    return [
        { gate: 'max_reject_share', value: round(rejectShare), limit: gates.maxRejectShare, passed: rejectShare <= gates.maxRejectShare },
        { gate: 'max_unreadable_files', value: unreadable, limit: gates.maxUnreadableFiles, passed: unreadable <= gates.maxUnreadableFiles },
    ];
}
function round(n) {
    return Math.round(n * 1e6) / 1e6;
}
//# sourceMappingURL=gates.js.map