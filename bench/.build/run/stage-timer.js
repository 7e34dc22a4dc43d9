/** Times each stage for the run summary and the log: the first place to look when a night runs long. */
export function stageTimer(log) {
    const elapsed = {};
    return {
        elapsed,
        async time(stage, work) {
            const started = performance.now();
            try {
                return await work();
            }
            finally {
                elapsed[stage] = Math.round(performance.now() - started);
                log.info({ stage, ms: elapsed[stage] }, 'stage finished');
            }
        },
    };
}
//# sourceMappingURL=stage-timer.js.map