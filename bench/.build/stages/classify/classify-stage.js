import { InternalError } from '../../errors.js';
import { CLASSIFIED_TABLES, CLASSIFY_STEPS } from './classify-sql.js';
/** Builds the flow tables and proves every loaded row landed in exactly one of them. */
export async function runClassifyStage(db) {
    for (const [step, sql] of Object.entries(CLASSIFY_STEPS))
        await db.run(`classify: ${step}`, sql);
    const counts = {};
    let landed = 0;
    for (const table of CLASSIFIED_TABLES) {
        const row = await db.one(`count ${table}`, `SELECT count(*) AS rows, coalesce(sum(qty), 0) AS qty FROM ${table}`);
        counts[table] = { rows: Number(row?.rows ?? 0), qty: Number(row?.qty ?? 0) };
        landed += counts[table].rows;
    }
    const loaded = Number(await db.value('count std_rows', 'SELECT count(*) FROM std_rows'));
    if (landed !== loaded) {
        throw new InternalError(`classify lost rows: ${loaded} loaded but ${landed} landed in flow, purchase, inventory, sell-out and unresolved tables`);
    }
    return counts;
}
//# sourceMappingURL=classify-stage.js.map