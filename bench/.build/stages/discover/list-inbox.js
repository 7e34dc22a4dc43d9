import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
/**
 * Every regular file under the inbox matched by each pipeline's glob, in a stable order
 * (feed, then path) so restatements load after the files they restate. Symbolic links are not
 * followed: a link could point outside the workspace.
 */
export function discoverFiles(inboxDir, pipelines) {
    const files = listRegularFiles(inboxDir);
    const found = [];
    for (const pipeline of pipelines) {
        const isMatch = picomatch(pipeline.files, { dot: false, nocase: true });
        for (const relPath of files) {
            if (isMatch(relPath))
                found.push({ pipeline, relPath, absPath: path.join(inboxDir, relPath) });
        }
    }
    return found.sort((a, b) => compare(a.pipeline.feed, b.pipeline.feed) || compare(a.relPath, b.relPath));
}
function listRegularFiles(root) {
    const realRoot = realpathSync(root);
    const out = [];
    const walk = (dir, rel) => {
        for (const name of readdirSync(dir).sort()) {
            if (name.startsWith('.'))
                continue;
            const abs = path.join(dir, name);
            const relPath = rel ? `${rel}/${name}` : name;
            const stat = lstatSync(abs);
            if (stat.isSymbolicLink())
                continue;
            if (stat.isDirectory())
                walk(abs, relPath);
            else if (stat.isFile())
                out.push(relPath);
        }
    };
    walk(realRoot, '');
    return out;
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
//# sourceMappingURL=list-inbox.js.map