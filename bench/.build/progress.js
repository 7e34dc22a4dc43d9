import cliProgress from 'cli-progress';
/** Under cron (stderr not a terminal) progress says nothing; the JSON log carries the story. */
export const silentProgress = {
    start: () => ({ increment: () => undefined, stop: () => undefined }),
};
export function terminalProgress(stream) {
    return {
        start(label, total) {
            const bar = new cliProgress.SingleBar({ stream, format: `${label.padEnd(8)} [{bar}] {value}/{total} {duration_formatted}`, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
            bar.start(total, 0);
            return { increment: (by = 1) => bar.increment(by), stop: () => bar.stop() };
        },
    };
}
//# sourceMappingURL=progress.js.map