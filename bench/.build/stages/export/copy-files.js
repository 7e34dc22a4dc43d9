import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { quoteLiteral } from '../../db/database.js';
/**
 * Writers for exports. Each writes to a temporary name in the target folder and renames, so a
 * reader (or a run killed half-way) never sees a half-written file.
 */
export async function copyToParquet(db, query, target) {
    const tmp = temporaryName(target);
    await db.run(`export ${path.basename(target)}`, `COPY (${query}) TO ${quoteLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    renameSync(tmp, target);
}
/** UTF-8 with a BOM: without it Excel on a Chinese Windows reads the headers as GBK mojibake. */
export async function copyToCsv(db, query, target) {
    const body = temporaryName(target, '.body');
    const tmp = temporaryName(target);
    try {
        await db.run(`export ${path.basename(target)}`, `COPY (${query}) TO ${quoteLiteral(body)} (FORMAT csv, HEADER, DELIMITER ',')`);
        const out = createWriteStream(tmp);
        out.write('\uFEFF');
        await pipeline(createReadStream(body), out);
        renameSync(tmp, target);
    }
    finally {
        rmSync(body, { force: true });
        rmSync(tmp, { force: true });
    }
}
export function ensureDir(dir) {
    mkdirSync(dir, { recursive: true });
}
function temporaryName(target, suffix = '') {
    return path.join(path.dirname(target), `.${path.basename(target)}${suffix}.${process.pid}.tmp`);
}
//# sourceMappingURL=copy-files.js.map