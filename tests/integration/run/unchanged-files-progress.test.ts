import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../src/run/run-job.js';
import { copyDemoWorkspace } from '../../helpers/workspace.js';

type LogLine = { msg: string; status?: string; step?: string; file?: string; files?: true };

/** The run's log lines, with a line `{ msg: 'progress', files: true }` where the files bar moved. */
async function run(ws: string): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk)) as LogLine), done()) }));
  const progress = {
    start: (label: string) => ({ increment: () => void lines.push({ msg: 'progress', files: label === 'files' || undefined }), stop: () => undefined }),
  };
  await runJob({ workspaceDir: ws, log, progress, earlyMatching: false });
  return lines;
}

/**
 * Unchanged files do not count toward a load batch, so on a night with one new file every file
 * shares its batch, and their lines wait for its commit at the end of the load (they stay in
 * file order). The progress bar must not wait with them.
 */
describe('a night with one new file among unchanged ones', () => {
  it("moves the files bar as the files are read, not with the new file's batch; lines stay in file order", async () => {
    const ws = copyDemoWorkspace('drugflow-unchanged-progress-');
    const firstNight = (await run(ws)).filter((l) => l.msg === 'file').map((l) => l.file);
    // the same rows under a name that sorts right after the feed's first file: a duplicate to record
    const daily = path.join(ws, 'fixtures/玉马医药/直连');
    const first = readdirSync(daily).filter((f) => f.endsWith('.csv')).sort()[0]!;
    const copy = first.replace(/\.csv$/, '_补.csv');
    copyFileSync(path.join(daily, first), path.join(daily, copy));
    const night = await run(ws);
    const fileLines = night.filter((l) => l.msg === 'file');
    const commit = night.findIndex((l) => l.msg === 'sql' && String(l.step).startsWith('load batch'));
    expect(fileLines.filter((l) => l.status !== 'unchanged').map((l) => l.file)).toEqual([`玉马医药/直连/${copy}`]);
    expect(commit).toBeGreaterThan(0);
    // the bar moves as each file is read: ahead of the file's line, which waits for the batch
    const at = (pick: (l: LogLine) => boolean) => night.flatMap((l, i) => (pick(l) ? [i] : []));
    const moves = at((l) => l.files === true);
    const lines = at((l) => l.msg === 'file');
    expect(moves.length).toBeGreaterThanOrEqual(lines.length);
    lines.forEach((line, k) => expect(moves[k]).toBeLessThan(line));
    expect(moves.filter((i) => i < commit).length).toBeGreaterThan(lines.length / 2);
    // and the lines stay in file order
    expect(fileLines.map((l) => l.file).filter((f) => f !== `玉马医药/直连/${copy}`)).toEqual(firstNight);
  }, 120_000);
});
